-- the learner (identity module) each launch was resolved to
ALTER TABLE lti_launch ADD COLUMN learner_id BIGINT NULL AFTER subject;
CREATE INDEX ix_lti_launch_learner ON lti_launch (learner_id);
