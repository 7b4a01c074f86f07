package org.attc.tracker.identity.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.attc.tracker.identity.IdentityProperties.Provider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Maps a person signed in at an OpenID Connect provider to their local account. Spring
 * Security has verified the id_token before this runs (signature against the provider's
 * JWKS, {@code iss}, {@code aud}, {@code exp}, {@code nonce}: OpenID Connect Core 1.0
 * §3.1.3.7).
 * <p>
 * The provider's (issuer, subject) pair is linked to the account on the first sign-in,
 * found by the configured claim (username first, then e-mail); later sign-ins follow the
 * link, so a changed e-mail does not orphan the account and a recycled address does not
 * reach it. Accounts are never created here: a person known to the provider gains nothing
 * until an administrator has made them an account.
 */
@Component
class SingleSignOnAccounts implements OAuth2UserService<OidcUserRequest, OidcUser> {

	private static final Log log = LogFactory.getLog(SingleSignOnAccounts.class);

	private final OidcUserService userInfo = new OidcUserService();

	private final SingleSignOnProviders providers;

	private final UserAccountRepository accounts;

	private final AccountUserDetailsService principals;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transaction;

	SingleSignOnAccounts(SingleSignOnProviders providers, UserAccountRepository accounts,
			AccountUserDetailsService principals, JdbcTemplate jdbc, TransactionTemplate transaction) {
		this.providers = providers;
		this.accounts = accounts;
		this.principals = principals;
		this.jdbc = jdbc;
		this.transaction = transaction;
	}

	@Override
	public OidcUser loadUser(OidcUserRequest request) {
		// the id_token's claims, with the provider's UserInfo where it offers one (its
		// "sub" is checked against the id_token's: Core §5.3.2)
		OidcUser verified = this.userInfo.loadUser(request);
		String registrationId = request.getClientRegistration().getRegistrationId();
		Provider provider = this.providers.provider(registrationId)
			.orElseThrow(() -> new SingleSignOnRefused("This sign-in option is no longer configured."));
		String issuer = verified.getIdToken().getIssuer().toString();
		String subject = verified.getSubject();
		Object claimed = verified.getClaims().get(provider.usernameClaim());
		String value = (claimed instanceof String text && !text.isBlank()) ? text.strip() : null;
		String username;
		try {
			username = this.transaction.execute((status) -> accountFor(provider, issuer, subject, value,
					verified.getClaims().get("email_verified")));
		}
		catch (DuplicateKeyException ex) {
			// the same person's first sign-in twice at once (two tabs, two nodes): one
			// linked, this one tries again from the button
			throw new SingleSignOnRefused("You were signing in twice at the same moment. Please try again.");
		}
		UserDetails account = this.principals.loadUserByUsername(username);
		if (!account.isEnabled()) {
			log.info("single sign-on refused: account " + username + " is disabled (issuer " + issuer + ")");
			throw new SingleSignOnRefused("The Capability Tracker account " + username
					+ " is disabled, so it cannot sign in. Ask an administrator if you need it again.");
		}
		if (account instanceof CredentialsContainer credentials) {
			// the password hash has no business in a session signed in elsewhere
			credentials.eraseCredentials();
		}
		log.info("single sign-on: " + username + " signed in through " + registrationId);
		return new SingleSignOnUser(verified, account);
	}

	private String accountFor(Provider provider, String issuer, String subject, String value, Object emailVerified) {
		Optional<UserAccount> linked = this.jdbc
			.queryForList("SELECT account_id FROM id_user_account_sso_link WHERE issuer = ? AND subject = ?",
					Long.class, issuer, subject)
			.stream()
			.findFirst()
			.flatMap(this.accounts::findById);
		if (linked.isPresent()) {
			return linked.get().username();
		}
		if (value == null) {
			log.info("single sign-on refused: no " + provider.usernameClaim() + " claim (issuer " + issuer + ")");
			throw new SingleSignOnRefused("Your organisation's sign-in did not say who you are (it sent no "
					+ provider.usernameClaim() + "). Ask an administrator to check the single sign-on settings.");
		}
		if ("email".equals(provider.usernameClaim()) && Boolean.FALSE.equals(emailVerified)) {
			// an address the provider has not verified could be anyone's
			log.info("single sign-on refused: unverified e-mail " + value + " (issuer " + issuer + ")");
			throw new SingleSignOnRefused("Your organisation has not verified the e-mail address " + value
					+ ", so it cannot be used to sign in to Capability Tracker. Ask an administrator.");
		}
		UserAccount account = match(value);
		if (account == null) {
			log.info("single sign-on refused: no account for " + value + " (issuer " + issuer + ")");
			throw new SingleSignOnRefused("Your organisation account " + value
					+ " is not registered for Capability Tracker. Ask an administrator to create an account for you"
					+ " with this e-mail address or username.");
		}
		Integer otherLinks = this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM id_user_account_sso_link WHERE account_id = ? AND issuer = ?", Integer.class,
				account.id(), issuer);
		if (otherLinks != null && otherLinks > 0) {
			// the account already belongs to another person at this provider (an address
			// given to someone new, or a recreated identity): an administrator decides
			log.info("single sign-on refused: " + account.username() + " is linked to another subject of " + issuer);
			throw new SingleSignOnRefused("The Capability Tracker account for " + value
					+ " is already linked to a different account at your organisation. Ask an administrator to"
					+ " remove that link.");
		}
		if (!account.enabled()) {
			return account.username();
		}
		Instant now = Instant.now();
		this.jdbc.update(
				"INSERT INTO id_user_account_sso_link (account_id, issuer, subject, linked_at) VALUES (?, ?, ?, ?)",
				account.id(), issuer, subject, Timestamp.from(now));
		this.jdbc.update(
				"INSERT INTO id_user_account_audit (account_id, action, actor, detail, at) VALUES (?, ?, ?, ?, ?)",
				account.id(), "SSO_LINKED", account.username(),
				"issuer " + issuer + ", subject " + subject + ", matched on " + provider.usernameClaim() + " " + value,
				Timestamp.from(now));
		return account.username();
	}

	/** The one account the claim names: by username, else by a unique e-mail. */
	private UserAccount match(String value) {
		Optional<UserAccount> byUsername = this.accounts.findByUsername(value);
		if (byUsername.isPresent()) {
			return byUsername.get();
		}
		List<UserAccount> byEmail = this.accounts.findByEmailIgnoreCase(value);
		if (byEmail.size() > 1) {
			throw new SingleSignOnRefused("More than one Capability Tracker account has the e-mail address " + value
					+ ", so it cannot tell which is yours. Ask an administrator.");
		}
		return byEmail.isEmpty() ? null : byEmail.get(0);
	}

}
