package org.attc.tracker.lti;

import java.util.List;

/**
 * A member of an LMS course as the platform's roster (NRPS 2.0) lists them.
 *
 * @param userId the platform's user id (the {@code sub} of their launches)
 * @param name full name, may be {@code null}
 * @param email e-mail, may be {@code null}
 * @param roles role URIs or short names as the platform sent them
 * @param status Active, Inactive or Deleted
 */
public record RosterMember(String userId, String name, String email, List<String> roles, String status) {

	public RosterMember {
		roles = (roles == null) ? List.of() : List.copyOf(roles);
	}

}
