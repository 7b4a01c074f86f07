-- Every statement a StatementRef object reaches, at any depth of the chain (A refers to B,
-- B to C: rows (A,B) and (A,C)). xAPI 1.0.3 Communication §2.1.3 "Filter Conditions for
-- StatementRefs" makes a query return statements whose chain reaches a matching statement,
-- so one indexed EXISTS per candidate row answers it, however long the chain. Targets are
-- keyed by statement id because a StatementRef may name a statement not (yet) stored.
CREATE TABLE xapi_statement_ref_chain
(
  referrer_seq BIGINT   NOT NULL,
  target_id    CHAR(36) CHARACTER SET ascii NOT NULL,
  PRIMARY KEY (referrer_seq, target_id),
  INDEX ix_xapi_statement_ref_chain_target (target_id)
) ENGINE = InnoDB;

-- existing references; UNION (not UNION ALL) ends cycles (A refers to B, B to A)
INSERT INTO xapi_statement_ref_chain (referrer_seq, target_id)
SELECT referrer_seq, target_id FROM (
  WITH RECURSIVE chain (referrer_seq, target_id) AS (
    SELECT seq, object_ref FROM xapi_statement WHERE object_ref IS NOT NULL
    UNION
    SELECT c.referrer_seq, t.object_ref FROM chain c
      JOIN xapi_statement t ON t.statement_id = c.target_id
      WHERE t.object_ref IS NOT NULL
  )
  SELECT referrer_seq, target_id FROM chain
) existing
WHERE target_id <> (SELECT s.statement_id FROM xapi_statement s WHERE s.seq = existing.referrer_seq);
