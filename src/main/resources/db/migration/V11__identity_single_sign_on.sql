-- Single sign-on (OpenID Connect): the provider's (issuer, subject) pair linked to a local
-- account at its first sign-in. Later sign-ins follow the link, not the e-mail claim, so a
-- changed address does not orphan the account and a recycled one does not reach it. One
-- subject per issuer and account, one account per issuer and subject. Accounts are disabled,
-- not deleted; were one deleted, its links would go with it.
CREATE TABLE id_user_account_sso_link
(
  id         BIGINT       NOT NULL AUTO_INCREMENT,
  account_id BIGINT       NOT NULL,
  issuer     VARCHAR(255) NOT NULL,
  subject    VARCHAR(255) NOT NULL,
  linked_at  TIMESTAMP(6) NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uk_id_user_account_sso_link_subject UNIQUE (issuer, subject),
  CONSTRAINT uk_id_user_account_sso_link_account UNIQUE (account_id, issuer),
  CONSTRAINT fk_id_user_account_sso_link_account FOREIGN KEY (account_id) REFERENCES id_user_account (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
