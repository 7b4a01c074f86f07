-- Attainment per learner and capability, stored once by its owner: crediting writes these rows
-- in the transaction that changes the evidence, from the one attainment calculation, and every
-- reader (crediting's own API, progress, lti, notifications) reads them.
-- A learner and capability has one row per period in which their current evidence amounts to
-- the same thing. A period begins when a piece of that evidence expires (valid_from; NULL for
-- the first period, which reaches back to the beginning) and ends when the next one does
-- (next_change_at; NULL for never). A reader takes the row whose period covers the moment it
-- asks about, so a status that changes with the clock (expired, a lower tier left) needs no job;
-- "expiring soon" follows from expires_at and the expiry window when read.
-- status is the status before any role profile's requirement: ACHIEVED when a tier is held,
-- otherwise IN_PROGRESS or EXPIRED.
CREATE TABLE cred_standing
(
  learner_id            BIGINT       NOT NULL,
  capability_identifier VARCHAR(255) NOT NULL,
  period                INT          NOT NULL,
  valid_from            TIMESTAMP(6) NULL,
  next_change_at        TIMESTAMP(6) NULL,
  tier_rank             INT          NULL,
  status                VARCHAR(20)  NOT NULL,
  achieved_at           TIMESTAMP(6) NULL,
  expires_at            TIMESTAMP(6) NULL,
  first_evidence_id     BIGINT       NOT NULL,
  PRIMARY KEY (learner_id, capability_identifier, period),
  INDEX ix_cred_standing_capability (capability_identifier, learner_id),
  INDEX ix_cred_standing_expires (expires_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- One row per learner whose standings have been written: the row a transaction locks before it
-- recomputes that learner's standings, so two transactions that change the same learner's
-- evidence recompute one after the other, the second from the first's committed evidence.
CREATE TABLE cred_standing_lock
(
  learner_id BIGINT       NOT NULL,
  locked_at  TIMESTAMP(6) NOT NULL,
  PRIMARY KEY (learner_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
