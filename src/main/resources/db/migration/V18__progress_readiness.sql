-- Readiness targets a coordinator sets: how many staff of a role profile a site needs.
CREATE TABLE prog_readiness_target
(
  organisation_code VARCHAR(50)  NOT NULL,
  role_code         VARCHAR(100) NOT NULL,
  target            INT          NOT NULL,
  set_by            VARCHAR(100) NOT NULL,
  set_at            TIMESTAMP(6) NOT NULL,
  PRIMARY KEY (organisation_code, role_code),
  CONSTRAINT ck_prog_readiness_target CHECK (target >= 0 AND target <= 100000)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
