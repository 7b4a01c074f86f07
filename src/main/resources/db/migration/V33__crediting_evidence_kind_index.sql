-- A standing is computed from a learner's current evidence for a capability, of which
-- only the first attempt counts (attempts grow with every try): with the kind in the
-- learner index the other kinds are read by range and the first attempt from the index
-- alone (EvidenceLedger.currentForStandings). Replaces the (learner, capability) index,
-- which the new one serves as its prefix.
ALTER TABLE cred_evidence
  DROP INDEX ix_cred_evidence_learner,
  ADD INDEX ix_cred_evidence_learner (learner_id, capability_identifier, kind);
