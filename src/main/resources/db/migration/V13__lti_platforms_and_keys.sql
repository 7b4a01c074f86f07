-- LTI 1.3: the platforms (LMSs) this tool trusts, their deployments, and the tool's own signing keys.
CREATE TABLE lti_platform
(
  id         BIGINT        NOT NULL AUTO_INCREMENT,
  name       VARCHAR(200)  NOT NULL,
  issuer     VARCHAR(255)  NOT NULL,
  client_id  VARCHAR(255)  NOT NULL,
  auth_url   VARCHAR(1000) NOT NULL,
  token_url  VARCHAR(1000) NOT NULL,
  jwks_url   VARCHAR(1000) NOT NULL,
  origin     VARCHAR(20)   NOT NULL,
  created_at TIMESTAMP(6)  NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uk_lti_platform_issuer_client UNIQUE (issuer, client_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE lti_platform_deployment
(
  platform_id   BIGINT       NOT NULL,
  deployment_id VARCHAR(255) NOT NULL,
  PRIMARY KEY (platform_id, deployment_id),
  CONSTRAINT fk_lti_platform_deployment FOREIGN KEY (platform_id) REFERENCES lti_platform (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- private keys are AES-GCM encrypted with a key that lives outside the database
CREATE TABLE lti_tool_key
(
  kid                   VARCHAR(64)  NOT NULL,
  public_jwk            TEXT         NOT NULL,
  private_key_encrypted TEXT         NOT NULL,
  created_at            TIMESTAMP(6) NOT NULL,
  retired_at            TIMESTAMP(6) NULL DEFAULT NULL,
  PRIMARY KEY (kid)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- OIDC login state and nonce, single use, expiring: LTI 1.3 Core 5.1.1, Security Framework 5.1.1.2
CREATE TABLE lti_login_state
(
  state_hash  CHAR(64)     NOT NULL,
  nonce       VARCHAR(64)  NOT NULL,
  platform_id BIGINT       NOT NULL,
  -- the platform storage frame the login was told to use (LTI Client Side postMessages), if any
  storage_target VARCHAR(200) NULL,
  expires_at  TIMESTAMP(6) NOT NULL,
  PRIMARY KEY (state_hash),
  INDEX ix_lti_login_state_expires (expires_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- a verified launch waiting for the browser to prove it holds the state (platform storage, no cookie)
CREATE TABLE lti_pending_launch
(
  id_hash     CHAR(64)     NOT NULL,
  state_hash  CHAR(64)     NOT NULL,
  platform_id BIGINT       NOT NULL,
  claims      MEDIUMTEXT   NOT NULL,
  expires_at  TIMESTAMP(6) NOT NULL,
  PRIMARY KEY (id_hash),
  INDEX ix_lti_pending_launch_expires (expires_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- every accepted launch: who, from which platform and deployment, in which course and link
CREATE TABLE lti_launch
(
  id               BIGINT       NOT NULL AUTO_INCREMENT,
  platform_id      BIGINT       NOT NULL,
  deployment_id    VARCHAR(255) NOT NULL,
  subject          VARCHAR(255) NOT NULL,
  message_type     VARCHAR(50)  NOT NULL,
  context_id       VARCHAR(255) NULL,
  context_title    VARCHAR(500) NULL,
  context_label    VARCHAR(255) NULL,
  resource_link_id VARCHAR(255) NULL,
  app_role         VARCHAR(30)  NOT NULL,
  launched_at      TIMESTAMP(6) NOT NULL,
  PRIMARY KEY (id),
  INDEX ix_lti_launch_context (platform_id, context_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
