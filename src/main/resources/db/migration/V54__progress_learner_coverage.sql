-- Summary table for the national picture: per learner, how many of the capabilities their
-- role profiles require they hold, per domain and per role profile. Deleted with the
-- learner's standings whenever those change; basis_key names the role profiles (and
-- domains) it was counted against, so a job role or framework change makes it unusable;
-- valid_until is when the learner's evidence next runs out. breakdown: "held/required" per
-- domain, then per role profile, in the order the basis lists them.
CREATE TABLE prog_learner_coverage
(
  learner_id  BIGINT       NOT NULL,
  basis_key   CHAR(64)     NOT NULL,
  held        INT          NOT NULL,
  required    INT          NOT NULL,
  breakdown   VARCHAR(2000) NOT NULL,
  valid_until TIMESTAMP(6) NULL,
  computed_at TIMESTAMP(6) NOT NULL,
  PRIMARY KEY (learner_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
