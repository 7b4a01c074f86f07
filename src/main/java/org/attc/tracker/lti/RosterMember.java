package org.attc.tracker.lti;

import java.util.List;

import org.attc.tracker.identity.AppRole;
import org.attc.tracker.lti.internal.security.LtiRoles;
import org.attc.tracker.shared.LearnerId;

/**
 * A member of an LMS course as the platform's roster (NRPS 2.0) lists them.
 *
 * @param userId the platform's user id (the {@code sub} of their launches)
 * @param name full name, may be {@code null}
 * @param email e-mail, may be {@code null}
 * @param roles role URIs or short names as the platform sent them
 * @param status Active, Inactive or Deleted
 * @param learner the learner they are (identity module), or {@code null} when not known
 * yet: teachers who never launched; learners resolve when the roster is fetched
 */
public record RosterMember(String userId, String name, String email, List<String> roles, String status,
		LearnerId learner) {

	public RosterMember {
		roles = (roles == null) ? List.of() : List.copyOf(roles);
	}

	/** Whether the member is an active learner whose learner record is known. */
	public boolean activeLearner() {
		return this.learner != null && activeLearner(this.roles, this.status);
	}

	/**
	 * Whether roles and status make an active learner: NRPS §2.3 roles, as URIs or short
	 * names, none of them a teaching role.
	 */
	public static boolean activeLearner(List<String> roles, String status) {
		return "Active".equalsIgnoreCase(status) && roles != null && !roles.isEmpty()
				&& LtiRoles.appRole(roles) == AppRole.LEARNER;
	}

}
