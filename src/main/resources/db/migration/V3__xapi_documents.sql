-- xAPI document resources (Communication §2.3-§2.7): state, activity profiles, agent profiles.
-- scope_hash = SHA-1 of (resource, activity IRI, agent identifier, registration): one key
-- however long the IRIs; doc_hash = SHA-1 of the stateId or profileId.
CREATE TABLE xapi_document
(
  id            BIGINT       NOT NULL AUTO_INCREMENT,
  resource      VARCHAR(20)  CHARACTER SET ascii NOT NULL,
  scope_hash    BINARY(20)   NOT NULL,
  doc_hash      BINARY(20)   NOT NULL,
  document_id   TEXT         NOT NULL,
  content_type  VARCHAR(255) NOT NULL,
  content       LONGBLOB     NOT NULL,
  etag          CHAR(40)     CHARACTER SET ascii NOT NULL,
  updated       DATETIME(6)  NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uk_xapi_document UNIQUE (scope_hash, doc_hash),
  INDEX ix_xapi_document_scope (scope_hash, updated)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
