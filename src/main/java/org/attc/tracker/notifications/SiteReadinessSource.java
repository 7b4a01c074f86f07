package org.attc.tracker.notifications;

import java.util.List;

import org.springframework.security.core.Authentication;

/**
 * Site readiness as the coordinator's readiness board shows it, for the weekly digest to
 * say what changed. Implemented by the module that owns readiness (progress), so the rule
 * stays in one place and notifications does not depend on it.
 */
public interface SiteReadinessSource {

	/**
	 * Readiness per site and role profile for the organisations the caller may see.
	 * @param coordinator the coordinator, as their own sign-in would make them
	 */
	List<Line> readiness(Authentication coordinator);

	/**
	 * One role profile at one site.
	 *
	 * @param siteCode the organisation's code
	 * @param siteName its name
	 * @param roleCode the role profile's code
	 * @param roleName its name
	 * @param state a stable key (ready, at_risk, not_ready, no_target)
	 * @param stateText the state in words
	 * @param staff staff with the role
	 * @param meetNow how many of them meet the profile now
	 */
	record Line(String siteCode, String siteName, String roleCode, String roleName, String state, String stateText,
			int staff, int meetNow) {
	}

}
