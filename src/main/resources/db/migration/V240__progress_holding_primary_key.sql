-- Every table needs a primary key: Galera replicates only tables that have one
-- (SchemaMatchesEntitiesTests). A learner can hold the same capability over several periods,
-- so the holding rows have no natural key: a surrogate one, filled in by the database.
ALTER TABLE prog_capability_holding
  ADD COLUMN id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY FIRST;
