package org.attc.tracker.crediting.internal.web;

import java.util.Objects;

import org.attc.tracker.crediting.internal.mapping.ActivityMapping;
import org.attc.tracker.crediting.internal.mapping.MappingDefinition;
import org.attc.tracker.crediting.internal.mapping.MappingRequest;
import org.attc.tracker.identity.CourseScopedPrincipal;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;

/**
 * Who may change which mappings. Staff accounts (coordinators, administrators) map any
 * activity; a teacher who arrived from an LMS course by LTI maps only that course and its
 * links, since a mapping credits every learner who meets it, nationally.
 */
final class MappingEditors {

	private MappingEditors() {
	}

	static void checkMayWrite(Authentication caller, MappingRequest request) {
		course(caller).ifPresent((course) -> {
			if (request == null || !sameCourse(course, request.platformIssuer(), request.contextId())) {
				throw new AccessDeniedException("you signed in from course " + course.courseContextId()
						+ ": you may map that course and its links only (platformIssuer " + course.issuer()
						+ ", contextId " + course.courseContextId() + ")");
			}
		});
	}

	static void checkMayChange(Authentication caller, ActivityMapping existing) {
		course(caller).ifPresent((course) -> {
			MappingDefinition d = existing.definition();
			if (!sameCourse(course, d.platformIssuer(), d.contextId())) {
				throw new AccessDeniedException("you signed in from course " + course.courseContextId() + ": mapping "
						+ existing.id() + " belongs to another course or activity");
			}
		});
	}

	/** How the audit trail names the person: a launched teacher with their course. */
	static String who(Authentication caller) {
		return course(caller)
			.map((c) -> caller.getName() + " (teacher of course " + c.courseContextId() + " on " + c.issuer() + ")")
			.orElse(caller.getName());
	}

	static java.util.Optional<CourseScopedPrincipal> course(Authentication caller) {
		return CourseScopedPrincipal.of(caller);
	}

	private static boolean sameCourse(CourseScopedPrincipal course, String issuer, String contextId) {
		return course.courseContextId() != null && issuer != null
				&& org.attc.tracker.crediting.CreditingRoutes.sameIssuer(course.issuer(), issuer)
				&& Objects.equals(course.courseContextId(), contextId);
	}

}
