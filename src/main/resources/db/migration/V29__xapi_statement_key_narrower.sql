-- The key table, narrower (issue #23: its write cost fell on every statement). Keys keep
-- 12 bytes of their SHA-1 and the verb 8 (StatementKeys.KEY_BYTES, VERB_BYTES, with the
-- collision odds); new statements pair an agent only with the object activity in kind 5
-- (their older rows, which pair it with context activities too, stay: a query reading
-- kind 5 checks the activity). Same primary key and verb index as V26.
CREATE TABLE xapi_statement_key_v29
(
  kind          TINYINT     NOT NULL,
  key_hash      BINARY(12)  NOT NULL,
  stored        DATETIME(6) NOT NULL,
  statement_seq BIGINT      NOT NULL,
  verb_hash     BINARY(8)   NOT NULL,
  own           BOOLEAN     NOT NULL,
  PRIMARY KEY (kind, key_hash, stored, statement_seq, verb_hash),
  INDEX ix_xapi_statement_key_verb_v29 (kind, key_hash, verb_hash, stored, statement_seq)
) ENGINE = InnoDB;

-- a StatementRef statement can hold one key twice (own, and from its chain): the first wins
INSERT IGNORE INTO xapi_statement_key_v29 (kind, key_hash, stored, statement_seq, verb_hash, own)
SELECT kind, LEFT(key_hash, 12), stored, statement_seq, LEFT(verb_hash, 8), own
FROM xapi_statement_key ORDER BY kind, key_hash, stored, statement_seq, own DESC;

DROP TABLE xapi_statement_key;
RENAME TABLE xapi_statement_key_v29 TO xapi_statement_key;
ALTER TABLE xapi_statement_key RENAME INDEX ix_xapi_statement_key_verb_v29 TO ix_xapi_statement_key_verb;
