-- Who is in which LMS course (LTI context): recorded at each launch and from the platform's
-- roster (NRPS). Teachers who arrive by LTI see exactly the members of their course.
CREATE TABLE id_course_member
(
  issuer        VARCHAR(255) NOT NULL,
  context_id    VARCHAR(255) NOT NULL,
  learner_id    BIGINT       NOT NULL,
  teaching      BOOLEAN      NOT NULL DEFAULT FALSE,
  source        VARCHAR(20)  NOT NULL,
  first_seen_at TIMESTAMP(3) NOT NULL,
  last_seen_at  TIMESTAMP(3) NOT NULL,
  PRIMARY KEY (issuer, context_id, learner_id),
  KEY ix_id_course_member_learner (learner_id),
  CONSTRAINT fk_id_course_member_learner FOREIGN KEY (learner_id) REFERENCES id_learner (id)
) ENGINE = InnoDB
  DEFAULT CHARSET = utf8mb4
  COLLATE = utf8mb4_bin;
