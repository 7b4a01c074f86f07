-- notifications: expiry reminders to learners and weekly digests to coordinators, sent by
-- e-mail through an outbox (docs/notifications.md).

-- What administrators set (one row, id 1; absent until first saved: configuration defaults).
CREATE TABLE notif_setting
(
  id             TINYINT      NOT NULL,
  horizons       VARCHAR(100) NOT NULL,
  send_time      TIME         NOT NULL,
  digest_day     VARCHAR(10)  NOT NULL,
  sender         VARCHAR(320) NOT NULL,
  updated_by     VARCHAR(100) NOT NULL,
  updated_at     TIMESTAMP(6) NOT NULL,
  PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The key that signs opt-out links when none is configured: made once, shared by every node.
CREATE TABLE notif_link_key
(
  id         TINYINT      NOT NULL,
  secret     VARBINARY(64) NOT NULL,
  created_at TIMESTAMP(6) NOT NULL,
  PRIMARY KEY (id)
) ENGINE = InnoDB;

-- Who does not want a kind of message. recipient: learner:<id> or account:<username>.
CREATE TABLE notif_opt_out
(
  recipient    VARCHAR(130) NOT NULL,
  kind         VARCHAR(20)  NOT NULL,
  opted_out_at TIMESTAMP(6) NOT NULL,
  via          VARCHAR(20)  NOT NULL,
  PRIMARY KEY (recipient, kind)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Organisations that turned learner reminders off (a trust's switch covers its sites).
CREATE TABLE notif_organisation
(
  organisation_code VARCHAR(50)  NOT NULL,
  reminders_enabled BOOLEAN      NOT NULL,
  updated_by        VARCHAR(100) NOT NULL,
  updated_at        TIMESTAMP(6) NOT NULL,
  PRIMARY KEY (organisation_code)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Every reminder sent: one per learner, capability, horizon (days; 0 = just expired) and
-- expiry instance. The primary key is what makes a second run (on any node) send nothing.
CREATE TABLE notif_reminder
(
  learner_id            BIGINT       NOT NULL,
  capability_identifier VARCHAR(255) NOT NULL,
  horizon_days          INT          NOT NULL,
  expires_at            TIMESTAMP(6) NOT NULL,
  delivery_id           BIGINT       NULL,
  recorded_at           TIMESTAMP(6) NOT NULL,
  PRIMARY KEY (learner_id, capability_identifier, horizon_days, expires_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Every digest sent: one per coordinator and period (the date of the digest day it covers).
CREATE TABLE notif_digest
(
  username     VARCHAR(100) NOT NULL,
  period_start DATE         NOT NULL,
  delivery_id  BIGINT       NULL,
  recorded_at  TIMESTAMP(6) NOT NULL,
  PRIMARY KEY (username, period_start)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The readiness a coordinator's last digest showed, per site and role profile, so the next
-- one can say what changed.
CREATE TABLE notif_readiness_seen
(
  username  VARCHAR(100) NOT NULL,
  site_code VARCHAR(50)  NOT NULL,
  role_code VARCHAR(100) NOT NULL,
  state     VARCHAR(20)  NOT NULL,
  meet_now  INT          NOT NULL,
  seen_at   TIMESTAMP(6) NOT NULL,
  PRIMARY KEY (username, site_code, role_code)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Scheduled runs taken by a node: the first node to insert a (kind, period) runs it.
CREATE TABLE notif_run
(
  kind       VARCHAR(20)  NOT NULL,
  period     DATE         NOT NULL,
  started_at TIMESTAMP(6) NOT NULL,
  PRIMARY KEY (kind, period)
) ENGINE = InnoDB;

-- The outbox. A sender claims due rows with a conditional UPDATE, so two nodes never send
-- the same row; a claim that outlives its lease (a crashed node) is taken again.
CREATE TABLE notif_delivery
(
  id              BIGINT        NOT NULL AUTO_INCREMENT,
  kind            VARCHAR(20)   NOT NULL,
  recipient       VARCHAR(130)  NOT NULL,
  to_address      VARCHAR(320)  NOT NULL,
  subject         VARCHAR(255)  NOT NULL,
  text_body       MEDIUMTEXT    NOT NULL,
  html_body       MEDIUMTEXT    NOT NULL,
  opt_out_url     VARCHAR(2000) NOT NULL,
  status          VARCHAR(10)   NOT NULL,
  attempts        INT           NOT NULL,
  next_attempt_at TIMESTAMP(6)  NOT NULL,
  claim_token     CHAR(32)      NULL,
  last_error      VARCHAR(1000) NULL,
  created_at      TIMESTAMP(6)  NOT NULL,
  updated_at      TIMESTAMP(6)  NOT NULL,
  sent_at         TIMESTAMP(6)  NULL,
  PRIMARY KEY (id),
  INDEX ix_notif_delivery_due (status, next_attempt_at),
  INDEX ix_notif_delivery_claim (claim_token),
  INDEX ix_notif_delivery_updated (updated_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
