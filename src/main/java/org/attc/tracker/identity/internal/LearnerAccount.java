package org.attc.tracker.identity.internal;

import org.attc.tracker.shared.LearnerId;
import org.attc.tracker.shared.LearnerPrincipal;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * A local account that belongs to a learner: signed in, it answers whose records are
 * their own.
 */
class LearnerAccount extends User implements LearnerPrincipal {

	private final LearnerId learnerId;

	LearnerAccount(UserDetails user, LearnerId learnerId) {
		super(user.getUsername(), user.getPassword(), user.isEnabled(), true, true, true, user.getAuthorities());
		this.learnerId = learnerId;
	}

	@Override
	public LearnerId learnerId() {
		return this.learnerId;
	}

	@Override
	public boolean equals(Object other) {
		return super.equals(other);
	}

	@Override
	public int hashCode() {
		return super.hashCode();
	}

}
