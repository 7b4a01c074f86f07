-- xAPI statement store. The statement JSON is kept as accepted (plus the LRS-set
-- id, stored, authority, timestamp, version); every query parameter of xAPI 1.0.3
-- Communication §2.1.3 has an indexed column or link table. IRIs and agent identifiers
-- are indexed by their SHA-1 (fixed width, any length of IRI).
CREATE TABLE xapi_statement
(
  seq             BIGINT       NOT NULL AUTO_INCREMENT,
  statement_id    CHAR(36)     CHARACTER SET ascii NOT NULL,
  statement       LONGTEXT     NOT NULL,
  stored          DATETIME(6)  NOT NULL,
  stamp           DATETIME(6)  NOT NULL,
  verb_hash       BINARY(20)   NOT NULL,
  registration    CHAR(36)     CHARACTER SET ascii NULL,
  voiding_target  CHAR(36)     CHARACTER SET ascii NULL,
  voided          BOOLEAN      NOT NULL DEFAULT FALSE,
  client_key      VARCHAR(64)  CHARACTER SET ascii NOT NULL,
  PRIMARY KEY (seq),
  CONSTRAINT uk_xapi_statement_id UNIQUE (statement_id),
  INDEX ix_xapi_statement_verb (verb_hash, seq),
  INDEX ix_xapi_statement_registration (registration, seq),
  INDEX ix_xapi_statement_stored (stored),
  INDEX ix_xapi_statement_voiding (voiding_target)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- agents a statement is about: direct = actor or object (the `agent` filter);
-- otherwise authority, instructor, team, members or inside a SubStatement (related_agents)
CREATE TABLE xapi_statement_agent
(
  statement_seq BIGINT     NOT NULL,
  ifi_hash      BINARY(20) NOT NULL,
  direct        BOOLEAN    NOT NULL,
  PRIMARY KEY (ifi_hash, statement_seq, direct),
  INDEX ix_xapi_statement_agent_seq (statement_seq)
) ENGINE = InnoDB;

-- activities a statement is about: direct = the object (the `activity` filter);
-- otherwise context activities or inside a SubStatement (related_activities)
CREATE TABLE xapi_statement_activity
(
  statement_seq BIGINT     NOT NULL,
  iri_hash      BINARY(20) NOT NULL,
  direct        BOOLEAN    NOT NULL,
  PRIMARY KEY (iri_hash, statement_seq, direct),
  INDEX ix_xapi_statement_activity_seq (statement_seq)
) ENGINE = InnoDB;

-- attachment content by its SHA-2 (Communication §1.5.2); shared by statements that cite it
CREATE TABLE xapi_attachment
(
  sha2         VARCHAR(128) CHARACTER SET ascii NOT NULL,
  content_type VARCHAR(255) NOT NULL,
  length       BIGINT       NOT NULL,
  content      LONGBLOB     NOT NULL,
  PRIMARY KEY (sha2)
) ENGINE = InnoDB;

-- LRS client credentials: the secret is stored only as a hash
CREATE TABLE xapi_client
(
  client_key   VARCHAR(64)  CHARACTER SET ascii NOT NULL,
  name         VARCHAR(255) NOT NULL,
  secret_hash  VARCHAR(255) NOT NULL,
  scopes       VARCHAR(255) NOT NULL,
  organisation VARCHAR(255) NULL,
  declared     BOOLEAN      NOT NULL DEFAULT FALSE,
  created_at   TIMESTAMP(6) NOT NULL,
  PRIMARY KEY (client_key)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
