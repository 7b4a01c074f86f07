package org.attc.tracker.identity.internal;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.attc.tracker.identity.AppRole;
import org.attc.tracker.identity.IdentityProperties;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * On the first start with no accounts at all, creates {@code admin} with the configured
 * password or a random one that is printed once to the log.
 */
@Component
class InitialAdminAccount {

	static final String USERNAME = "admin";

	private static final Log log = LogFactory.getLog(InitialAdminAccount.class);

	private final UserAccountRepository accounts;

	private final PasswordEncoder passwordEncoder;

	private final IdentityProperties properties;

	private final TransactionTemplate transaction;

	InitialAdminAccount(UserAccountRepository accounts, PasswordEncoder passwordEncoder, IdentityProperties properties,
			TransactionTemplate transaction) {
		this.accounts = accounts;
		this.passwordEncoder = passwordEncoder;
		this.properties = properties;
		this.transaction = transaction;
	}

	@EventListener(ApplicationReadyEvent.class)
	void createWhenNoAccountExists() {
		String configured = this.properties.initialAdminPassword();
		boolean random = configured == null || configured.isBlank();
		String password = random ? randomPassword() : configured;
		try {
			Boolean created = this.transaction.execute((status) -> {
				if (this.accounts.count() > 0) {
					return false;
				}
				this.accounts.saveAndFlush(new UserAccount(USERNAME, this.passwordEncoder.encode(password),
						"Administrator", Set.of(AppRole.ADMIN, AppRole.COORDINATOR)));
				return true;
			});
			if (Boolean.TRUE.equals(created)) {
				log.warn(random
						? "\n\n    Created the first administrator account.\n    Username: " + USERNAME
								+ "\n    Password: " + password
								+ "\n    It is shown only this once: sign in and keep it safe.\n"
						: "Created the first administrator account '" + USERNAME
								+ "' with the password from APP_ADMIN_PASSWORD");
			}
		}
		catch (DataIntegrityViolationException ex) {
			// another node created it at the same moment
			log.info("The first administrator account was created by another node");
		}
	}

	private static String randomPassword() {
		byte[] bytes = new byte[18];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
