-- progress: issued printable training records, for their public verification page. Owned by
-- the progress module (prog_ prefix).
-- Only the SHA-256 of the verification token is stored: the token itself is in the PDF alone.
-- The record is a snapshot (name, issue time, capabilities as at issue) so verification shows
-- what the PDF showed even after the learner's attainment changes.
CREATE TABLE prog_training_record
(
  id           BIGINT        NOT NULL AUTO_INCREMENT,
  token_hash   BINARY(32)    NOT NULL,
  learner_id   BIGINT        NOT NULL,
  learner_name VARCHAR(255)  NOT NULL,
  issued_at    TIMESTAMP(6)  NOT NULL,
  issued_by    VARCHAR(100)  NOT NULL,
  capabilities MEDIUMTEXT    NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uk_prog_training_record_token UNIQUE (token_hash),
  INDEX ix_prog_training_record_learner (learner_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
