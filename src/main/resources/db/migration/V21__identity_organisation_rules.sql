-- Where learners' organisations and job roles come from (issue #16): rules that place
-- learners who arrive from an LMS, what each launch claimed, a coordinator's explicit
-- choice, and the source of every organisation and job role a learner holds.

-- A rule: a platform's default (deployment_id and context_id empty), a deployment's default
-- (context_id empty) or a course's organisation and job roles (deployment_id empty).
CREATE TABLE id_placement_rule
(
  id              BIGINT        NOT NULL AUTO_INCREMENT,
  issuer          VARCHAR(255)  NOT NULL,
  deployment_id   VARCHAR(255)  NOT NULL DEFAULT '',
  context_id      VARCHAR(255)  NOT NULL DEFAULT '',
  organisation_id BIGINT        NOT NULL,
  job_roles       VARCHAR(1000) NOT NULL DEFAULT '',
  set_by          VARCHAR(100)  NOT NULL,
  set_at          TIMESTAMP(6)  NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uk_id_placement_rule_scope UNIQUE (issuer, deployment_id, context_id),
  CONSTRAINT fk_id_placement_rule_org FOREIGN KEY (organisation_id) REFERENCES id_organisation (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Each platform and deployment a learner arrived through, with what the latest launch
-- claimed (custom parameters); the roster names no deployment ('').
CREATE TABLE id_learner_arrival
(
  learner_id            BIGINT        NOT NULL,
  issuer                VARCHAR(255)  NOT NULL,
  deployment_id         VARCHAR(255)  NOT NULL DEFAULT '',
  claimed_organisation  VARCHAR(255)  NULL,
  claimed_job_roles     VARCHAR(1000) NOT NULL DEFAULT '',
  first_seen_at         TIMESTAMP(6)  NOT NULL,
  last_seen_at          TIMESTAMP(6)  NOT NULL,
  PRIMARY KEY (learner_id, issuer, deployment_id),
  KEY ix_id_learner_arrival_issuer (issuer, deployment_id),
  CONSTRAINT fk_id_learner_arrival_learner FOREIGN KEY (learner_id) REFERENCES id_learner (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Why a learner holds an organisation (value = its code) or a job role (value = the role
-- code): source COORDINATOR, COURSE, LAUNCH, DEPLOYMENT or PLATFORM, with a note.
CREATE TABLE id_learner_placement
(
  learner_id BIGINT        NOT NULL,
  kind       VARCHAR(12)   NOT NULL,
  value      VARCHAR(100)  NOT NULL,
  source     VARCHAR(12)   NOT NULL,
  detail     VARCHAR(1000) NULL,
  placed_at  TIMESTAMP(6)  NOT NULL,
  PRIMARY KEY (learner_id, kind, value),
  CONSTRAINT fk_id_learner_placement_learner FOREIGN KEY (learner_id) REFERENCES id_learner (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- A coordinator's explicit choice: rules never change what a coordinator set.
ALTER TABLE id_learner
  ADD COLUMN organisations_chosen_by VARCHAR(100) NULL,
  ADD COLUMN organisations_chosen_at TIMESTAMP(6) NULL,
  ADD COLUMN job_roles_chosen_by VARCHAR(100) NULL,
  ADD COLUMN job_roles_chosen_at TIMESTAMP(6) NULL;

-- Organisations and job roles held before rules existed were set by a coordinator, a CSV or
-- a launch; which, is not known. They are kept as chosen, so no rule takes them away.
UPDATE id_learner l SET organisations_chosen_by = '(before organisation rules)', organisations_chosen_at = NOW(6)
WHERE EXISTS (SELECT 1 FROM id_learner_organisation lo WHERE lo.learner_id = l.id);
UPDATE id_learner l SET job_roles_chosen_by = '(before organisation rules)', job_roles_chosen_at = NOW(6)
WHERE EXISTS (SELECT 1 FROM id_learner_job_role r WHERE r.learner_id = l.id);
