-- Learners and every identifier they are known by (xAPI IFIs and LTI users), organisations,
-- job roles, and the audit of merges.
CREATE TABLE id_organisation
(
  id        BIGINT       NOT NULL AUTO_INCREMENT,
  code      VARCHAR(50)  NOT NULL,
  name      VARCHAR(255) NOT NULL,
  kind      VARCHAR(10)  NOT NULL,
  parent_id BIGINT       NULL,
  PRIMARY KEY (id),
  CONSTRAINT uk_id_organisation_code UNIQUE (code),
  CONSTRAINT fk_id_organisation_parent FOREIGN KEY (parent_id) REFERENCES id_organisation (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE id_learner
(
  id             BIGINT       NOT NULL AUTO_INCREMENT,
  display_name   VARCHAR(255) NULL,
  email          VARCHAR(320) NULL,
  merged_into_id BIGINT       NULL,
  created_at     TIMESTAMP(6) NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT fk_id_learner_merged_into FOREIGN KEY (merged_into_id) REFERENCES id_learner (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- key_hash is the SHA-256 of key_text: IRIs can be longer than an index entry may be.
CREATE TABLE id_learner_identifier
(
  id         BIGINT        NOT NULL AUTO_INCREMENT,
  learner_id BIGINT        NOT NULL,
  kind       VARCHAR(20)   NOT NULL,
  key_text   TEXT          NOT NULL,
  key_hash   BINARY(32)    NOT NULL,
  label      VARCHAR(1000) NOT NULL,
  link_rule  VARCHAR(30)   NOT NULL,
  link_note  VARCHAR(1000) NULL,
  linked_at  TIMESTAMP(6)  NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uk_id_learner_identifier_key UNIQUE (key_hash),
  INDEX ix_id_learner_identifier_learner (learner_id),
  CONSTRAINT fk_id_learner_identifier_learner FOREIGN KEY (learner_id) REFERENCES id_learner (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE id_learner_organisation
(
  learner_id      BIGINT NOT NULL,
  organisation_id BIGINT NOT NULL,
  PRIMARY KEY (learner_id, organisation_id),
  INDEX ix_id_learner_organisation_org (organisation_id),
  CONSTRAINT fk_id_learner_organisation_learner FOREIGN KEY (learner_id) REFERENCES id_learner (id),
  CONSTRAINT fk_id_learner_organisation_org FOREIGN KEY (organisation_id) REFERENCES id_organisation (id)
) ENGINE = InnoDB;

CREATE TABLE id_learner_job_role
(
  learner_id BIGINT       NOT NULL,
  role_code  VARCHAR(100) NOT NULL,
  PRIMARY KEY (learner_id, role_code),
  CONSTRAINT fk_id_learner_job_role_learner FOREIGN KEY (learner_id) REFERENCES id_learner (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE id_learner_merge
(
  id          BIGINT        NOT NULL AUTO_INCREMENT,
  survivor_id BIGINT        NOT NULL,
  absorbed_id BIGINT        NOT NULL,
  merged_by   VARCHAR(100)  NOT NULL,
  merged_at   TIMESTAMP(6)  NOT NULL,
  reason      VARCHAR(1000) NULL,
  split_by    VARCHAR(100)  NULL,
  split_at    TIMESTAMP(6)  NULL,
  PRIMARY KEY (id),
  INDEX ix_id_learner_merge_survivor (survivor_id),
  INDEX ix_id_learner_merge_absorbed (absorbed_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE id_learner_merge_identifier
(
  merge_id      BIGINT NOT NULL,
  identifier_id BIGINT NOT NULL,
  PRIMARY KEY (merge_id, identifier_id),
  CONSTRAINT fk_id_learner_merge_identifier_merge FOREIGN KEY (merge_id) REFERENCES id_learner_merge (id)
) ENGINE = InnoDB;

CREATE TABLE id_user_account_organisation
(
  account_id      BIGINT NOT NULL,
  organisation_id BIGINT NOT NULL,
  PRIMARY KEY (account_id, organisation_id),
  CONSTRAINT fk_id_user_account_organisation_account FOREIGN KEY (account_id) REFERENCES id_user_account (id) ON DELETE CASCADE,
  CONSTRAINT fk_id_user_account_organisation_org FOREIGN KEY (organisation_id) REFERENCES id_organisation (id)
) ENGINE = InnoDB;
