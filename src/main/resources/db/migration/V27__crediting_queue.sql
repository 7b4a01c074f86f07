-- crediting's queue of stored statements still to credit (and voided ones to retract):
-- written in the transaction that stores them, emptied by crediting's workers many rows per
-- transaction (docs/crediting.md), so an acknowledged statement is credited even after a crash
CREATE TABLE cred_pending_statement
(
  id           BIGINT   NOT NULL AUTO_INCREMENT,
  statement_id CHAR(36) NOT NULL,
  retract      BOOLEAN  NOT NULL,
  queued_at    TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  -- crediting it alone failed this often: past a few it is set aside until the next start
  failures     INT      NOT NULL DEFAULT 0,
  PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
