-- Brute-force protection (issue 18): failed sign-ins per account name, per LRS client key and
-- per client address, kept in the database so every node sees the same counts and locks.
CREATE TABLE id_sign_in_throttle
(
  kind             VARCHAR(20)  NOT NULL,
  subject          VARCHAR(255) NOT NULL,
  failures         INT          NOT NULL,
  first_failure_at TIMESTAMP(6) NOT NULL,
  last_failure_at  TIMESTAMP(6) NOT NULL,
  locked_until     TIMESTAMP(6) NULL,
  PRIMARY KEY (kind, subject)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Every failed sign-in, for the audit (who tried what, from where, when).
CREATE TABLE id_sign_in_failure
(
  id      BIGINT       NOT NULL AUTO_INCREMENT,
  kind    VARCHAR(20)  NOT NULL,
  subject VARCHAR(255) NOT NULL,
  address VARCHAR(64)  NULL,
  locked  BOOLEAN      NOT NULL,
  at      TIMESTAMP(6) NOT NULL,
  PRIMARY KEY (id),
  INDEX ix_id_sign_in_failure_at (at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
