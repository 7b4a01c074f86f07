-- Capability frameworks (module framework). A version's content is immutable JSON; fw_item
-- indexes its items for look-ups; role profiles belong to the framework and name
-- capabilities by their stable identifier, so they survive new versions.
CREATE TABLE fw_framework
(
  id                  BIGINT        NOT NULL AUTO_INCREMENT,
  document_identifier VARCHAR(255)  NOT NULL,
  uri                 VARCHAR(1000) NULL,
  title               VARCHAR(1000) NOT NULL,
  publisher           VARCHAR(500)  NULL,
  licence             VARCHAR(1000) NULL,
  status              VARCHAR(20)   NOT NULL,
  illustrative        BOOLEAN       NOT NULL DEFAULT FALSE,
  current_version_id  BIGINT        NULL,
  created_at          TIMESTAMP(6)  NOT NULL,
  updated_at          TIMESTAMP(6)  NOT NULL,
  lock_version        BIGINT        NOT NULL DEFAULT 0,
  PRIMARY KEY (id),
  CONSTRAINT uk_fw_framework_document UNIQUE (document_identifier)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE fw_framework_version
(
  id               BIGINT        NOT NULL AUTO_INCREMENT,
  framework_id     BIGINT        NOT NULL,
  number           INT           NOT NULL,
  version_label    VARCHAR(255)  NULL,
  source_format    VARCHAR(20)   NOT NULL,
  imported_at      TIMESTAMP(6)  NOT NULL,
  imported_by      VARCHAR(100)  NOT NULL,
  item_count       INT           NOT NULL,
  capability_count INT           NOT NULL,
  content          LONGTEXT      NOT NULL,
  diff             LONGTEXT      NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uk_fw_framework_version_number UNIQUE (framework_id, number),
  CONSTRAINT fk_fw_framework_version_framework FOREIGN KEY (framework_id) REFERENCES fw_framework (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE fw_item
(
  id           BIGINT        NOT NULL AUTO_INCREMENT,
  version_id   BIGINT        NOT NULL,
  framework_id BIGINT        NOT NULL,
  identifier   VARCHAR(255)  NOT NULL,
  uri          VARCHAR(1000) NULL,
  uri_hash     CHAR(64)      NULL,
  code         VARCHAR(255)  NULL,
  kind         VARCHAR(20)   NOT NULL,
  title        VARCHAR(1000) NULL,
  statement    TEXT          NULL,
  parent_identifier VARCHAR(255) NULL,
  tree_order   INT           NOT NULL,
  depth        INT           NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uk_fw_item_version_identifier UNIQUE (version_id, identifier),
  INDEX ix_fw_item_identifier (identifier),
  INDEX ix_fw_item_uri_hash (uri_hash),
  INDEX ix_fw_item_code (code),
  CONSTRAINT fk_fw_item_version FOREIGN KEY (version_id) REFERENCES fw_framework_version (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE fw_role_profile
(
  id           BIGINT       NOT NULL AUTO_INCREMENT,
  framework_id BIGINT       NOT NULL,
  code         VARCHAR(50)  NOT NULL,
  name         VARCHAR(255) NOT NULL,
  description  TEXT         NULL,
  lock_version BIGINT       NOT NULL DEFAULT 0,
  PRIMARY KEY (id),
  CONSTRAINT uk_fw_role_profile_code UNIQUE (framework_id, code),
  CONSTRAINT fk_fw_role_profile_framework FOREIGN KEY (framework_id) REFERENCES fw_framework (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE fw_role_requirement
(
  role_profile_id       BIGINT       NOT NULL,
  capability_identifier VARCHAR(255) NOT NULL,
  tier_rank             INT          NOT NULL,
  mandatory             BOOLEAN      NOT NULL,
  PRIMARY KEY (role_profile_id, capability_identifier),
  CONSTRAINT fk_fw_role_requirement_profile FOREIGN KEY (role_profile_id) REFERENCES fw_role_profile (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- An upload waiting for the administrator to confirm its diff (the import preview page).
CREATE TABLE fw_import_draft
(
  id          VARCHAR(36)  NOT NULL,
  media_type  VARCHAR(100) NOT NULL,
  file_name   VARCHAR(255) NULL,
  content     LONGBLOB     NOT NULL,
  created_by  VARCHAR(100) NOT NULL,
  created_at  TIMESTAMP(6) NOT NULL,
  PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
