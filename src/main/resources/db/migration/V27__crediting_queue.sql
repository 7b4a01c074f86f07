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

-- statements stored before this version whose crediting had not completed were waiting in
-- the event publication registry for a listener that no longer exists: they move to the
-- queue (the ledger's keys make crediting one twice harmless), and the publications go
INSERT INTO cred_pending_statement (statement_id, retract)
SELECT j.id, TRUE
FROM EVENT_PUBLICATION e,
     JSON_TABLE(e.serialized_event, '$.voidedStatementIds[*]' COLUMNS (id CHAR(36) PATH '$')) j
WHERE e.completion_date IS NULL AND e.listener_id LIKE '%CreditingListeners.on(%StatementsStored)';
INSERT INTO cred_pending_statement (statement_id, retract)
SELECT j.id, FALSE
FROM EVENT_PUBLICATION e,
     JSON_TABLE(e.serialized_event, '$.statementIds[*]' COLUMNS (id CHAR(36) PATH '$')) j
WHERE e.completion_date IS NULL AND e.listener_id LIKE '%CreditingListeners.on(%StatementsStored)';
DELETE FROM EVENT_PUBLICATION
WHERE completion_date IS NULL AND listener_id LIKE '%CreditingListeners.on(%StatementsStored)';
