-- Activity mappings: which activity credits which capability and tier, on what rule.
CREATE TABLE cred_mapping
(
  id                    BIGINT        NOT NULL AUTO_INCREMENT,
  capability_identifier VARCHAR(255)  NOT NULL,
  capability_code       VARCHAR(100)  NULL,
  tier_rank             INT           NOT NULL,
  match_kind            VARCHAR(20)   NOT NULL,
  match_value           VARCHAR(2000) NOT NULL,
  activity_id           VARCHAR(2000) NULL,
  platform_issuer       VARCHAR(500)  NULL,
  context_id            VARCHAR(255)  NULL,
  resource_link_id      VARCHAR(255)  NULL,
  cmi5_course_id        VARCHAR(2000) NULL,
  verbs                 TEXT          NOT NULL,
  require_success       BOOLEAN       NOT NULL,
  min_score             DOUBLE        NULL,
  move_on               VARCHAR(30)   NULL,
  points                INT           NULL,
  threshold             INT           NULL,
  validity_months       INT           NULL,
  created_by            VARCHAR(100)  NOT NULL,
  created_at            TIMESTAMP(6)  NOT NULL,
  updated_at            TIMESTAMP(6)  NOT NULL,
  deleted_by            VARCHAR(100)  NULL,
  deleted_at            TIMESTAMP(6)  NULL,
  version               INT           NOT NULL DEFAULT 0,
  PRIMARY KEY (id),
  INDEX ix_cred_mapping_capability (capability_identifier)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- The append-only evidence ledger. A row is never updated or deleted: a retraction is a new
-- row pointing at the row it takes back. base_key names what a row is evidence of (statement
-- and mapping, or sign-off); generation counts re-additions after retractions, so replays of
-- the same event are no-ops while a recompute can add evidence back after a retraction.
CREATE TABLE cred_evidence
(
  id                    BIGINT        NOT NULL AUTO_INCREMENT,
  learner_id            BIGINT        NOT NULL,
  capability_identifier VARCHAR(255)  NOT NULL,
  tier_rank             INT           NOT NULL,
  kind                  VARCHAR(12)   NOT NULL,
  points                INT           NULL,
  threshold             INT           NULL,
  mapping_id            BIGINT        NULL,
  statement_id          CHAR(36)      NULL,
  activity_id           VARCHAR(2000) NULL,
  registration          CHAR(36)      NULL,
  verb                  VARCHAR(500)  NULL,
  score                 DOUBLE        NULL,
  recorded_by           VARCHAR(100)  NULL,
  reason                VARCHAR(2000) NOT NULL,
  achieved_at           TIMESTAMP(6)  NOT NULL,
  expires_at            TIMESTAMP(6)  NULL,
  recorded_at           TIMESTAMP(6)  NOT NULL,
  retracts_id           BIGINT        NULL,
  base_key              VARCHAR(200)  NOT NULL,
  generation            INT           NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uk_cred_evidence_key UNIQUE (base_key, generation),
  INDEX ix_cred_evidence_learner (learner_id, capability_identifier),
  INDEX ix_cred_evidence_mapping (mapping_id),
  INDEX ix_cred_evidence_statement (statement_id),
  INDEX ix_cred_evidence_retracts (retracts_id),
  INDEX ix_cred_evidence_expires (expires_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Background recomputation of evidence from stored statements.
CREATE TABLE cred_recompute_job
(
  id          BIGINT        NOT NULL AUTO_INCREMENT,
  reason      VARCHAR(500)  NOT NULL,
  mapping_id  BIGINT        NULL,
  status      VARCHAR(12)   NOT NULL,
  total       BIGINT        NULL,
  processed   BIGINT        NOT NULL DEFAULT 0,
  added       BIGINT        NOT NULL DEFAULT 0,
  retracted   BIGINT        NOT NULL DEFAULT 0,
  requested_by VARCHAR(100) NOT NULL,
  requested_at TIMESTAMP(6) NOT NULL,
  started_at  TIMESTAMP(6)  NULL,
  finished_at TIMESTAMP(6)  NULL,
  error       VARCHAR(2000) NULL,
  PRIMARY KEY (id),
  INDEX ix_cred_recompute_job_status (status)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
