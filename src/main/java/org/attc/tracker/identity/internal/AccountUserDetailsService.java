package org.attc.tracker.identity.internal;

import org.attc.tracker.identity.AppRole;
import org.attc.tracker.shared.LearnerId;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Signs local accounts in, for the login form and HTTP Basic on the API alike. */
@Service
class AccountUserDetailsService implements UserDetailsService {

	private final UserAccountRepository accounts;

	AccountUserDetailsService(UserAccountRepository accounts) {
		this.accounts = accounts;
	}

	@Override
	@Transactional(readOnly = true)
	public UserDetails loadUserByUsername(String username) {
		UserAccount account = this.accounts.findByUsername(username)
			.orElseThrow(() -> new UsernameNotFoundException("no such account"));
		UserDetails user = User.withUsername(account.username())
			.password(account.passwordHash())
			.disabled(!account.enabled())
			.authorities(account.roles().stream().map(AppRole::authority).toArray(String[]::new))
			.build();
		if (account.learnerId() == null) {
			return user;
		}
		return new LearnerAccount(user, new LearnerId(account.learnerId()));
	}

}
