-- The statement a StatementRef object points at (voiding or not), for the "Filter Conditions
-- for StatementRefs" of xAPI 1.0.3 Communication §2.1.3: a query also returns statements whose
-- object refers to a statement that matches its filters.
ALTER TABLE xapi_statement ADD COLUMN object_ref CHAR(36) CHARACTER SET ascii NULL,
  ADD INDEX ix_xapi_statement_object_ref (object_ref);

UPDATE xapi_statement SET object_ref = LOWER(JSON_VALUE(statement, '$.object.id'))
WHERE JSON_VALUE(statement, '$.object.objectType') = 'StatementRef';
