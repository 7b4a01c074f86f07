package org.attc.tracker.identity;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.attc.tracker.identity.internal.AccountDirectory;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;

/**
 * Staff accounts as people to write to: who holds a role, at which address, and what they
 * may see when the service works for them while they are not signed in (a weekly digest
 * shows exactly what their pages would).
 */
@Service
public class StaffContacts {

	private final AccountDirectory accounts;

	StaffContacts(AccountDirectory accounts) {
		this.accounts = accounts;
	}

	/**
	 * A staff account to write to.
	 *
	 * @param username the account
	 * @param displayName the name people read
	 * @param email its e-mail address; null when none is set
	 * @param roles its roles
	 */
	public record StaffContact(String username, String displayName, String email, Set<AppRole> roles) {
	}

	/** Enabled accounts with this role, by username. */
	public List<StaffContact> withRole(AppRole role) {
		return this.accounts.enabledWithRole(role);
	}

	/** An enabled account, by username. */
	public Optional<StaffContact> find(String username) {
		return this.accounts.enabled(username);
	}

	/**
	 * The account as a signed-in caller with its current roles, for work done on its
	 * behalf (scope decided by the same rules as its own requests); empty when the
	 * account is unknown or disabled.
	 */
	public Optional<Authentication> onBehalfOf(String username) {
		return this.accounts.authentication(username);
	}

}
