-- course rosters from NRPS 2.0, replaced as a whole on each sync
CREATE TABLE lti_roster_member
(
  platform_id BIGINT       NOT NULL,
  context_id  VARCHAR(255) NOT NULL,
  user_id     VARCHAR(255) NOT NULL,
  name        VARCHAR(500) NULL,
  email       VARCHAR(320) NULL,
  roles       TEXT         NOT NULL,
  status      VARCHAR(20)  NOT NULL,
  synced_at   TIMESTAMP(6) NOT NULL,
  PRIMARY KEY (platform_id, context_id, user_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
