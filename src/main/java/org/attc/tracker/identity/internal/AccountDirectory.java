package org.attc.tracker.identity.internal;

import java.util.Set;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** What the rest of the identity module may ask of local accounts. */
@Component
public class AccountDirectory {

	private final UserAccountRepository accounts;

	AccountDirectory(UserAccountRepository accounts) {
		this.accounts = accounts;
	}

	/** The organisations a staff account is scoped to (empty when none or unknown). */
	@Transactional(readOnly = true)
	public Set<Long> organisationIdsOf(String username) {
		return this.accounts.findByUsername(username).map(UserAccount::organisationIds).orElse(Set.of());
	}

}
