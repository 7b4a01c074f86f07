-- A recompute job keeps its working state in the database instead of the heap, so that its
-- memory does not grow with the statement history (issue #23) and a job whose node died is
-- taken up again where it stopped.

-- Where the job has got to (the last statement position re-credited, committed with that
-- batch's evidence), which run of it holds it (a fresh token each time a node claims it), and
-- when that run last showed it was alive: a RUNNING job whose heartbeat is old is claimed anew.
ALTER TABLE cred_recompute_job
  ADD COLUMN position     BIGINT       NOT NULL DEFAULT 0,
  ADD COLUMN claim        CHAR(36)     NULL,
  ADD COLUMN heartbeat_at TIMESTAMP(6) NULL;

-- The base keys of the evidence the job's statements call for: after the scan, current rows of
-- its mappings whose key is not here are retracted. Deleted when the job ends.
CREATE TABLE cred_recompute_wanted
(
  job_id   BIGINT       NOT NULL,
  base_key VARCHAR(200) NOT NULL,
  PRIMARY KEY (job_id, base_key)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- The learners and capabilities whose evidence the job changed, announced once each when it
-- ends. Deleted when the job ends.
CREATE TABLE cred_recompute_affected
(
  job_id                BIGINT       NOT NULL,
  learner_id            BIGINT       NOT NULL,
  capability_identifier VARCHAR(255) NOT NULL,
  PRIMARY KEY (job_id, learner_id, capability_identifier)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
