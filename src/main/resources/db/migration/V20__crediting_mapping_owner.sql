-- Mapping ownership (issue 18): a mapping made by a coordinator belongs to their organisation
-- (its code) and credits only that organisation's learners; NULL is a national mapping (made by
-- an administrator) or a course mapping (platform_issuer and context_id name the course).
ALTER TABLE cred_mapping ADD COLUMN owner_organisation VARCHAR(50) NULL;
