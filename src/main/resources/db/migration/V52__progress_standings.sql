-- Read model: per learner (ledger id) and capability, what their current evidence
-- amounts to, maintained from crediting's AttainmentChanged. Statuses that depend on
-- the clock are worked out at read time from the stored dates; changes_at is when a piece
-- of evidence next stops being valid, after which the row is recomputed before use.
CREATE TABLE prog_capability_standing
(
  learner_id            BIGINT       NOT NULL,
  capability_identifier VARCHAR(255) NOT NULL,
  tier_rank             INT          NULL,
  status_without_tier   VARCHAR(20)  NOT NULL,
  achieved_at           TIMESTAMP(6) NULL,
  expires_at            TIMESTAMP(6) NULL,
  changes_at            TIMESTAMP(6) NULL,
  first_evidence_id     BIGINT       NOT NULL,
  computed_at           TIMESTAMP(6) NOT NULL,
  PRIMARY KEY (learner_id, capability_identifier),
  INDEX ix_prog_standing_changes (changes_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Learners whose rows must be recomputed before they are read (set by a rebuild, and
-- left behind when a refresh failed); marked_at lets a refresh clear only the mark it saw.
CREATE TABLE prog_stale_learner
(
  learner_id BIGINT       NOT NULL,
  marked_at  TIMESTAMP(6) NOT NULL,
  PRIMARY KEY (learner_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
