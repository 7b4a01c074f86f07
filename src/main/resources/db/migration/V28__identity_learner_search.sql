-- Learner search for staff (the learners list): the start of a name, e-mail address or
-- identifier label, and the start of any word of a name or e-mail address.
CREATE INDEX ix_id_learner_display_name ON id_learner (display_name);
CREATE INDEX ix_id_learner_email ON id_learner (email);
CREATE INDEX ix_id_learner_identifier_label ON id_learner_identifier (label(255));
ALTER TABLE id_learner ADD FULLTEXT INDEX ft_id_learner_name_email (display_name, email);
