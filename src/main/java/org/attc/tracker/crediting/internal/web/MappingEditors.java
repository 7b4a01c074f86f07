package org.attc.tracker.crediting.internal.web;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.attc.tracker.crediting.CreditingRoutes;
import org.attc.tracker.crediting.internal.mapping.ActivityMapping;
import org.attc.tracker.crediting.internal.mapping.MappingDefinition;
import org.attc.tracker.crediting.internal.mapping.MappingRequest;
import org.attc.tracker.identity.AppRole;
import org.attc.tracker.identity.CourseScopedPrincipal;
import org.attc.tracker.identity.Learners;
import org.attc.tracker.identity.OrganisationKind;
import org.attc.tracker.identity.OrganisationSummary;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Who owns and may change which mappings, for the API and the pages alike (the one place
 * this is decided; docs/crediting.md "Mapping ownership"):
 * <ul>
 * <li>a <b>national</b> mapping (no owner, no course) credits everyone who meets it; only
 * administrators make, change and delete it;</li>
 * <li>an <b>organisation</b> mapping is made by a coordinator, belongs to their trust and
 * credits only that trust's learners (with its sites); its coordinators and
 * administrators change and delete it;</li>
 * <li>a <b>course</b> mapping names an LMS course; a teacher who arrived from that course
 * by LTI makes, changes and deletes it, and so do administrators.</li>
 * </ul>
 * Programme leads read mappings only, as they read everything else.
 */
@Component
class MappingEditors {

	private final Learners learners;

	MappingEditors(Learners learners) {
		this.learners = learners;
	}

	/**
	 * The organisation that will own a new mapping made by the caller: {@code null} for
	 * an administrator (national) or a launched teacher (course mapping); a coordinator's
	 * trust otherwise (the first by code when they have several).
	 * @throws AccessDeniedException for a coordinator without an organisation
	 */
	String ownerFor(Authentication caller) {
		if (isAdmin(caller) || course(caller).isPresent()) {
			return null;
		}
		List<OrganisationSummary> own = this.learners.organisationsVisibleTo(caller);
		return own.stream()
			.sorted(Comparator.comparing((OrganisationSummary o) -> o.kind() != OrganisationKind.TRUST)
				.thenComparing(OrganisationSummary::code))
			.map(OrganisationSummary::code)
			.findFirst()
			.orElseThrow(() -> new AccessDeniedException(
					"your account has no organisation, so a mapping of yours would credit nobody you coordinate"));
	}

	void checkMayWrite(Authentication caller, MappingRequest request) {
		course(caller).ifPresent((course) -> {
			if (request == null || !sameCourse(course, request.platformIssuer(), request.contextId())) {
				throw new AccessDeniedException("you signed in from course " + course.courseContextId()
						+ ": you may map that course and its links only (platformIssuer " + course.issuer()
						+ ", contextId " + course.courseContextId() + ")");
			}
		});
	}

	void checkMayChange(Authentication caller, ActivityMapping existing) {
		if (isAdmin(caller)) {
			return;
		}
		Optional<CourseScopedPrincipal> course = course(caller);
		if (course.isPresent()) {
			MappingDefinition d = existing.definition();
			if (!sameCourse(course.get(), d.platformIssuer(), d.contextId())) {
				throw new AccessDeniedException("you signed in from course " + course.get().courseContextId()
						+ ": mapping " + existing.id() + " belongs to another course or activity");
			}
			return;
		}
		String owner = existing.ownerOrganisation();
		boolean own = owner != null
				&& this.learners.organisationsVisibleTo(caller).stream().anyMatch((o) -> o.code().equals(owner));
		if (!own) {
			throw new AccessDeniedException("mapping " + existing.id() + " is "
					+ ((owner == null) ? "a national or course mapping: administrators change it"
							: "another organisation's mapping")
					+ "; you change the mappings of your own organisation only");
		}
	}

	/** How the audit trail names the person: a launched teacher with their course. */
	static String who(Authentication caller) {
		return course(caller)
			.map((c) -> caller.getName() + " (teacher of course " + c.courseContextId() + " on " + c.issuer() + ")")
			.orElse(caller.getName());
	}

	static Optional<CourseScopedPrincipal> course(Authentication caller) {
		return CourseScopedPrincipal.of(caller);
	}

	private static boolean isAdmin(Authentication caller) {
		return caller != null
				&& caller.getAuthorities().stream().anyMatch((a) -> AppRole.ADMIN.authority().equals(a.getAuthority()));
	}

	private static boolean sameCourse(CourseScopedPrincipal course, String issuer, String contextId) {
		return course.courseContextId() != null && issuer != null && CreditingRoutes.sameIssuer(course.issuer(), issuer)
				&& Objects.equals(course.courseContextId(), contextId);
	}

}
