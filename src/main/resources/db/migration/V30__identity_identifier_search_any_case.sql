-- Learner search finds an identifier whatever the case typed (MAILTO:Ann@NHS.net finds
-- mailto:ann@nhs.net), as it already does names and e-mail addresses: the label is what
-- people read and search, never a key (key_hash is), so it compares without case.
ALTER TABLE id_learner_identifier MODIFY label VARCHAR(1000) NOT NULL COLLATE utf8mb4_unicode_ci;
