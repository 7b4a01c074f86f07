package org.attc.tracker.lti.internal.security;

import java.util.Collection;
import java.util.Set;

import org.attc.tracker.identity.AppRole;

/**
 * Maps LIS roles (LTI 1.3 Core §5.3.7, Appendix A.2) to the application role. Teaching
 * and course-management roles make a coordinator for the launch's course; everyone else,
 * including people with no or unknown roles, is a learner. LTI never makes an
 * administrator of the service.
 */
public final class LtiRoles {

	private static final String MEMBERSHIP = "http://purl.imsglobal.org/vocab/lis/v2/membership#";

	private static final String INSTITUTION = "http://purl.imsglobal.org/vocab/lis/v2/institution/person#";

	private static final String SYSTEM = "http://purl.imsglobal.org/vocab/lis/v2/system/person#";

	private static final Set<String> TEACHING = Set.of("Instructor", "ContentDeveloper", "Mentor", "Administrator",
			"TeachingAssistant");

	private LtiRoles() {
	}

	public static AppRole appRole(Collection<String> roles) {
		for (String role : roles) {
			if (isTeaching(role)) {
				return AppRole.COORDINATOR;
			}
		}
		return AppRole.LEARNER;
	}

	private static boolean isTeaching(String role) {
		if (role == null) {
			return false;
		}
		// context roles, with their sub-roles (…/membership/Instructor#TeachingAssistant)
		if (role.startsWith(MEMBERSHIP)) {
			return TEACHING.contains(role.substring(MEMBERSHIP.length()));
		}
		if (role.startsWith("http://purl.imsglobal.org/vocab/lis/v2/membership/")) {
			int hash = role.indexOf('#');
			String principal = role.substring("http://purl.imsglobal.org/vocab/lis/v2/membership/".length(),
					(hash < 0) ? role.length() : hash);
			return TEACHING.contains(principal) || (hash >= 0 && TEACHING.contains(role.substring(hash + 1)));
		}
		// institution and system administrators (Moodle site admins) manage courses
		if (role.equals(INSTITUTION + "Administrator") || role.equals(SYSTEM + "Administrator")) {
			return true;
		}
		// Core §A.2.3.1: the short context role names are deprecated but still sent
		return TEACHING.contains(role);
	}

}
