-- AGS 2.0: each resource link a platform launched us from, with the line item its launches name
-- (endpoint claim "lineitem"; the platform created it from our deep linking lineItem)
CREATE TABLE lti_resource_link
(
  id                BIGINT        NOT NULL AUTO_INCREMENT,
  platform_id       BIGINT        NOT NULL,
  resource_link_id  VARCHAR(255)  NOT NULL,
  context_id        VARCHAR(255)  NULL,
  title             VARCHAR(500)  NULL,
  line_item_url     VARCHAR(1000) NULL,
  -- the AGS scopes the platform granted, space separated
  ags_scopes        TEXT          NOT NULL,
  -- the line item's scoreMaximum, read from the platform when it lets us (null: not known)
  line_item_maximum DOUBLE        NULL,
  updated_at        TIMESTAMP(6)  NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uk_lti_resource_link UNIQUE (platform_id, resource_link_id),
  INDEX ix_lti_resource_link_context (platform_id, context_id),
  CONSTRAINT fk_lti_resource_link_platform FOREIGN KEY (platform_id) REFERENCES lti_platform (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- NRPS 2.0: the courses launches came from, with their membership service, for the periodic roster refresh
CREATE TABLE lti_course
(
  platform_id      BIGINT        NOT NULL,
  context_id       VARCHAR(255)  NOT NULL,
  title            VARCHAR(500)  NULL,
  memberships_url  VARCHAR(1000) NULL,
  last_launch_at   TIMESTAMP(6)  NOT NULL,
  roster_synced_at TIMESTAMP(6)  NULL,
  roster_error     TEXT          NULL,
  PRIMARY KEY (platform_id, context_id),
  CONSTRAINT fk_lti_course_platform FOREIGN KEY (platform_id) REFERENCES lti_platform (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- the platform users (sub) whose learner we know: from launches and from rosters
CREATE TABLE lti_user
(
  platform_id BIGINT       NOT NULL,
  subject     VARCHAR(255) NOT NULL,
  learner_id  BIGINT       NOT NULL,
  updated_at  TIMESTAMP(6) NOT NULL,
  PRIMARY KEY (platform_id, subject),
  INDEX ix_lti_user_learner (learner_id),
  CONSTRAINT fk_lti_user_platform FOREIGN KEY (platform_id) REFERENCES lti_platform (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- the outbox of AGS scores: written when attainment changes, sent by a scheduled sender with backoff
CREATE TABLE lti_score_delivery
(
  id                  BIGINT       NOT NULL AUTO_INCREMENT,
  link_id             BIGINT       NOT NULL,
  user_id             VARCHAR(255) NOT NULL,
  learner_id          BIGINT       NOT NULL,
  capabilities_held   INT          NOT NULL,
  capabilities_linked INT          NOT NULL,
  activity_progress   VARCHAR(20)  NOT NULL,
  grading_progress    VARCHAR(20)  NOT NULL,
  score_timestamp     TIMESTAMP(6) NOT NULL,
  -- PENDING, SENDING, SENT, FAILED, SUPERSEDED
  status              VARCHAR(20)  NOT NULL,
  attempts            INT          NOT NULL DEFAULT 0,
  next_attempt_at     TIMESTAMP(6) NOT NULL,
  claim_token         CHAR(32)     NULL,
  last_http_status    INT          NULL,
  last_error          TEXT         NULL,
  created_at          TIMESTAMP(6) NOT NULL,
  updated_at          TIMESTAMP(6) NOT NULL,
  sent_at             TIMESTAMP(6) NULL,
  PRIMARY KEY (id),
  INDEX ix_lti_score_delivery_due (status, next_attempt_at),
  INDEX ix_lti_score_delivery_user (link_id, user_id, status),
  INDEX ix_lti_score_delivery_claim (claim_token),
  CONSTRAINT fk_lti_score_delivery_link FOREIGN KEY (link_id) REFERENCES lti_resource_link (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
