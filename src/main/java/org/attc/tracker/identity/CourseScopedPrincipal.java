package org.attc.tracker.identity;

/**
 * Implemented by the principal of someone who arrived from an LMS course by LTI. A
 * teacher who arrives this way is a coordinator for that course only: their staff scope
 * is the course's members, never organisations, and never an account that happens to
 * share their name.
 */
public interface CourseScopedPrincipal {

	/**
	 * The course the caller is scoped to: present when they arrived by LTI (an
	 * administrator never is, whatever their principal).
	 */
	static java.util.Optional<CourseScopedPrincipal> of(org.springframework.security.core.Authentication caller) {
		if (caller != null && caller.getPrincipal() instanceof CourseScopedPrincipal launched
				&& caller.getAuthorities()
					.stream()
					.noneMatch((a) -> AppRole.ADMIN.authority().equals(a.getAuthority()))) {
			return java.util.Optional.of(launched);
		}
		return java.util.Optional.empty();
	}

	/** The platform's issuer. */
	String issuer();

	/** The course (LTI context) id, or {@code null} when the launch named no course. */
	String courseContextId();

}
