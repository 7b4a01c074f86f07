-- Read model for attainment over time: each current credit or sign-off of a learner as
-- the period it holds a capability at a tier. Replaced with the learner's standings.
CREATE TABLE prog_capability_holding
(
  learner_id            BIGINT       NOT NULL,
  capability_identifier VARCHAR(255) NOT NULL,
  tier_rank             INT          NOT NULL,
  achieved_at           TIMESTAMP(6) NOT NULL,
  expires_at            TIMESTAMP(6) NULL,
  INDEX ix_prog_holding_learner (learner_id, capability_identifier)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
