package org.attc.tracker.identity.internal;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.attc.tracker.identity.AppRole;
import org.attc.tracker.identity.StaffContacts.StaffContact;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** What the rest of the identity module (and its API) may ask of local accounts. */
@Component
public class AccountDirectory {

	private final UserAccountRepository accounts;

	private final UserDetailsService users;

	AccountDirectory(UserAccountRepository accounts, AccountUserDetailsService users) {
		this.accounts = accounts;
		this.users = users;
	}

	/** The organisations a staff account is scoped to (empty when none or unknown). */
	@Transactional(readOnly = true)
	public Set<Long> organisationIdsOf(String username) {
		return this.accounts.findByUsername(username).map(UserAccount::organisationIds).orElse(Set.of());
	}

	@Transactional(readOnly = true)
	public List<StaffContact> enabledWithRole(AppRole role) {
		return this.accounts.findAllByOrderByUsername()
			.stream()
			.filter((a) -> a.enabled() && a.roles().contains(role))
			.map(AccountDirectory::contact)
			.toList();
	}

	@Transactional(readOnly = true)
	public Optional<StaffContact> enabled(String username) {
		return this.accounts.findByUsername(username).filter(UserAccount::enabled).map(AccountDirectory::contact);
	}

	/**
	 * The account as its own sign-in would make it (the same principal type and
	 * authorities), so scope rules see no difference.
	 */
	@Transactional(readOnly = true)
	public Optional<Authentication> authentication(String username) {
		try {
			UserDetails user = this.users.loadUserByUsername(username);
			if (!user.isEnabled()) {
				return Optional.empty();
			}
			return Optional.of(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
		}
		catch (UsernameNotFoundException ex) {
			return Optional.empty();
		}
	}

	private static StaffContact contact(UserAccount account) {
		return new StaffContact(account.username(), account.displayName(), account.email(), account.roles());
	}

}
