-- One row per periodic job that must run on one node at a time (ShedLock's JDBC provider:
-- a node takes the row by moving lock_until forward, in database time, UTC).
CREATE TABLE runtime_job_lock
(
  name       VARCHAR(64)  NOT NULL,
  lock_until DATETIME(3)  NOT NULL,
  locked_at  DATETIME(3)  NOT NULL,
  locked_by  VARCHAR(255) NOT NULL,
  PRIMARY KEY (name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
