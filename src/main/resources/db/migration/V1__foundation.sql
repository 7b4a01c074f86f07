-- Spring Modulith event publication registry: events survive a crash between a commit and
-- their listeners. Upper-case names: Modulith queries them so, and MariaDB on Linux is case-sensitive.
CREATE TABLE EVENT_PUBLICATION
(
  id                     VARCHAR(36)  NOT NULL,
  listener_id            VARCHAR(512) NOT NULL,
  event_type             VARCHAR(512) NOT NULL,
  serialized_event       MEDIUMTEXT   NOT NULL,
  publication_date       TIMESTAMP(6) NOT NULL,
  completion_date        TIMESTAMP(6) NULL DEFAULT NULL,
  status                 VARCHAR(20),
  completion_attempts    INT,
  last_resubmission_date TIMESTAMP(6) NULL DEFAULT NULL,
  PRIMARY KEY (id),
  INDEX EVENT_PUBLICATION_BY_COMPLETION_DATE_IDX (completion_date)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE id_user_account
(
  id            BIGINT       NOT NULL AUTO_INCREMENT,
  username      VARCHAR(100) NOT NULL,
  password_hash VARCHAR(255) NOT NULL,
  display_name  VARCHAR(255) NOT NULL,
  enabled       BOOLEAN      NOT NULL DEFAULT TRUE,
  created_at    TIMESTAMP(6) NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uk_id_user_account_username UNIQUE (username)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE id_user_account_role
(
  account_id BIGINT      NOT NULL,
  role       VARCHAR(30) NOT NULL,
  PRIMARY KEY (account_id, role),
  CONSTRAINT fk_id_user_account_role_account FOREIGN KEY (account_id) REFERENCES id_user_account (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
