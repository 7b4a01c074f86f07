package org.attc.tracker.framework.internal.web;

import java.util.Arrays;

import org.attc.tracker.identity.AppRole;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;

/**
 * Who may do what with frameworks: coordinators, programme leads and administrators read,
 * administrators change. Denials travel to the security filters, which answer 403 as each
 * surface does.
 */
final class Access {

	private Access() {
	}

	static void toRead(Authentication authentication) {
		require(authentication, AppRole.COORDINATOR, AppRole.PROGRAMME, AppRole.ADMIN);
	}

	static void toChange(Authentication authentication) {
		require(authentication, AppRole.ADMIN);
	}

	static boolean canChange(Authentication authentication) {
		return has(authentication, AppRole.ADMIN);
	}

	private static void require(Authentication authentication, AppRole... roles) {
		if (!has(authentication, roles)) {
			throw new AccessDeniedException("needs one of " + Arrays.toString(roles));
		}
	}

	private static boolean has(Authentication authentication, AppRole... roles) {
		if (authentication == null) {
			return false;
		}
		return authentication.getAuthorities()
			.stream()
			.anyMatch((a) -> Arrays.stream(roles).anyMatch((r) -> r.authority().equals(a.getAuthority())));
	}

}
