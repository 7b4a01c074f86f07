-- One index for every statement query (xAPI 1.0.3 Communication §2.1.3). Each statement
-- writes one row per key it can be found by; a query reads one range of one key, newest
-- (or oldest) first, so a page costs about `limit` index entries however many statements
-- the store holds. The kinds (StatementKeys):
--   0 every statement (no filter, or `verb` alone)
--   1 an agent as actor or object (`agent`)       2 any agent of it (`related_agents`)
--   3 the object activity (`activity`)            4 any activity of it (`related_activities`)
--   5 an agent as actor/object with any activity of the statement (`agent` + `activity`)
--   6 the registration
-- key_hash is the SHA-1 of the identifier or IRI (kind 5: of the agent's and the activity's
-- SHA-1 together; kind 0: zeros). verb_hash is the verb of the statement the key came from,
-- so every key combines with `verb` in the second index. A StatementRef statement also gets
-- (own = FALSE) the keys of every statement its chain reaches, under its own stored and
-- seq: "Filter Conditions for StatementRefs" are answered from the same range.
CREATE TABLE xapi_statement_key
(
  kind          TINYINT     NOT NULL,
  key_hash      BINARY(20)  NOT NULL,
  stored        DATETIME(6) NOT NULL,
  statement_seq BIGINT      NOT NULL,
  verb_hash     BINARY(20)  NOT NULL,
  own           BOOLEAN     NOT NULL,
  PRIMARY KEY (kind, key_hash, stored, statement_seq, verb_hash),
  INDEX ix_xapi_statement_key_verb (kind, key_hash, verb_hash, stored, statement_seq)
) ENGINE = InnoDB;

INSERT INTO xapi_statement_key (kind, key_hash, stored, statement_seq, verb_hash, own)
SELECT 0, REPEAT(CHAR(0), 20), stored, seq, verb_hash, TRUE FROM xapi_statement;

INSERT IGNORE INTO xapi_statement_key (kind, key_hash, stored, statement_seq, verb_hash, own)
SELECT IF(a.direct, 1, 2), a.ifi_hash, s.stored, s.seq, s.verb_hash, TRUE
FROM xapi_statement_agent a JOIN xapi_statement s ON s.seq = a.statement_seq;
INSERT IGNORE INTO xapi_statement_key (kind, key_hash, stored, statement_seq, verb_hash, own)
SELECT 2, a.ifi_hash, s.stored, s.seq, s.verb_hash, TRUE
FROM xapi_statement_agent a JOIN xapi_statement s ON s.seq = a.statement_seq WHERE a.direct;

INSERT IGNORE INTO xapi_statement_key (kind, key_hash, stored, statement_seq, verb_hash, own)
SELECT IF(x.direct, 3, 4), x.iri_hash, s.stored, s.seq, s.verb_hash, TRUE
FROM xapi_statement_activity x JOIN xapi_statement s ON s.seq = x.statement_seq;
INSERT IGNORE INTO xapi_statement_key (kind, key_hash, stored, statement_seq, verb_hash, own)
SELECT 4, x.iri_hash, s.stored, s.seq, s.verb_hash, TRUE
FROM xapi_statement_activity x JOIN xapi_statement s ON s.seq = x.statement_seq WHERE x.direct;

INSERT IGNORE INTO xapi_statement_key (kind, key_hash, stored, statement_seq, verb_hash, own)
SELECT 5, UNHEX(SHA1(CONCAT(a.ifi_hash, x.iri_hash))), s.stored, s.seq, s.verb_hash, TRUE
FROM xapi_statement_agent a JOIN xapi_statement_activity x ON x.statement_seq = a.statement_seq
JOIN xapi_statement s ON s.seq = a.statement_seq WHERE a.direct;

INSERT INTO xapi_statement_key (kind, key_hash, stored, statement_seq, verb_hash, own)
SELECT 6, UNHEX(SHA1(registration)), stored, seq, verb_hash, TRUE FROM xapi_statement
WHERE registration IS NOT NULL;

-- the keys StatementRef statements take from the statements their chains reach (an index
-- by statement only while this runs)
ALTER TABLE xapi_statement_key ADD INDEX ix_xapi_statement_key_seq (statement_seq);
INSERT IGNORE INTO xapi_statement_key (kind, key_hash, stored, statement_seq, verb_hash, own)
SELECT k.kind, k.key_hash, r.stored, r.seq, k.verb_hash, FALSE
FROM xapi_statement_ref_chain c JOIN xapi_statement t ON t.statement_id = c.target_id
JOIN xapi_statement_key k ON k.statement_seq = t.seq AND k.own
JOIN xapi_statement r ON r.seq = c.referrer_seq;
ALTER TABLE xapi_statement_key DROP INDEX ix_xapi_statement_key_seq;

DROP TABLE xapi_statement_agent;
DROP TABLE xapi_statement_activity;
-- the key table serves these filters now
ALTER TABLE xapi_statement DROP INDEX ix_xapi_statement_verb, DROP INDEX ix_xapi_statement_registration,
  DROP INDEX ix_xapi_statement_stored;
