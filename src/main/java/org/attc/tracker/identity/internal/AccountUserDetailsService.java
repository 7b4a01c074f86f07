package org.attc.tracker.identity.internal;

import java.util.List;

import org.attc.tracker.identity.AppRole;
import org.attc.tracker.identity.SignInThrottle;
import org.attc.tracker.shared.LearnerId;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Signs local accounts in, for the login form and HTTP Basic on the API alike. A name or
 * address locked by the {@link SignInThrottle} gets a locked account, known or not, so
 * the refusal ({@link org.springframework.security.authentication.LockedException}) comes
 * before any password check and tells nothing about which names exist.
 */
@Service
class AccountUserDetailsService implements UserDetailsService {

	private final UserAccountRepository accounts;

	private final SignInThrottle throttle;

	AccountUserDetailsService(UserAccountRepository accounts, SignInThrottle throttle) {
		this.accounts = accounts;
		this.throttle = throttle;
	}

	@Override
	@Transactional(readOnly = true)
	public UserDetails loadUserByUsername(String username) {
		if (this.throttle.lockedUntil(SignInThrottle.Kind.ACCOUNT, username, SignInThrottle.currentAddress())
			.isPresent()) {
			return User.withUsername(username).password("{noop}").authorities(List.of()).accountLocked(true).build();
		}
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
