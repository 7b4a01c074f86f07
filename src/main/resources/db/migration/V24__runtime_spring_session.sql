-- Browser sessions in the database (Spring Session JDBC), so that any node serves any
-- request of a signed-in browser. Table and column names are the ones Spring Session's
-- JdbcIndexedSessionRepository uses by default; times are epoch milliseconds.
CREATE TABLE SPRING_SESSION
(
  PRIMARY_ID            CHAR(36)     NOT NULL,
  SESSION_ID            CHAR(36)     NOT NULL,
  CREATION_TIME         BIGINT       NOT NULL,
  LAST_ACCESS_TIME      BIGINT       NOT NULL,
  MAX_INACTIVE_INTERVAL INT          NOT NULL,
  EXPIRY_TIME           BIGINT       NOT NULL,
  -- an LTI user's name is issuer and subject, longer than Spring Session's default 100
  PRINCIPAL_NAME        VARCHAR(255) NULL,
  PRIMARY KEY (PRIMARY_ID),
  CONSTRAINT SPRING_SESSION_IX1 UNIQUE (SESSION_ID),
  INDEX SPRING_SESSION_IX2 (EXPIRY_TIME),
  INDEX SPRING_SESSION_IX3 (PRINCIPAL_NAME)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci ROW_FORMAT = DYNAMIC;

CREATE TABLE SPRING_SESSION_ATTRIBUTES
(
  SESSION_PRIMARY_ID CHAR(36)     NOT NULL,
  ATTRIBUTE_NAME     VARCHAR(200) NOT NULL,
  -- a serialized security context with an OpenID Connect token can pass BLOB's 64 KB
  ATTRIBUTE_BYTES    MEDIUMBLOB   NOT NULL,
  PRIMARY KEY (SESSION_PRIMARY_ID, ATTRIBUTE_NAME),
  CONSTRAINT SPRING_SESSION_ATTRIBUTES_FK FOREIGN KEY (SESSION_PRIMARY_ID)
    REFERENCES SPRING_SESSION (PRIMARY_ID) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci ROW_FORMAT = DYNAMIC;
