-- A local account may belong to a learner (someone who signs in directly rather than through
-- an LMS): their principal then says whose records are their own. Added by the progress work.
ALTER TABLE id_user_account ADD COLUMN learner_id BIGINT NULL,
  ADD CONSTRAINT fk_id_user_account_learner FOREIGN KEY (learner_id) REFERENCES id_learner (id);
