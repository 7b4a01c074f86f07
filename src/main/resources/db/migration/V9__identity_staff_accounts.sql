-- Staff accounts managed by administrators: an e-mail address (also what single sign-on
-- may match on), and an audit of every change to an account (who, what, when). Accounts are
-- disabled, never deleted, so the audit and the sign-offs they made keep their author.
ALTER TABLE id_user_account ADD COLUMN email VARCHAR(320) NULL,
  ADD COLUMN updated_at TIMESTAMP(6) NULL;

CREATE TABLE id_user_account_audit
(
  id         BIGINT        NOT NULL AUTO_INCREMENT,
  account_id BIGINT        NOT NULL,
  action     VARCHAR(30)   NOT NULL,
  actor      VARCHAR(100)  NOT NULL,
  detail     VARCHAR(2000) NULL,
  at         TIMESTAMP(6)  NOT NULL,
  PRIMARY KEY (id),
  INDEX ix_id_user_account_audit_account (account_id, at),
  CONSTRAINT fk_id_user_account_audit_account FOREIGN KEY (account_id) REFERENCES id_user_account (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
