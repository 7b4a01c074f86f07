package org.attc.tracker.identity.internal.learner;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import org.attc.tracker.identity.AppRole;
import org.attc.tracker.identity.CourseScopedPrincipal;
import org.attc.tracker.identity.internal.AccountDirectory;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Which learners a staff member may see: an administrator and a programme lead all of
 * them (the programme lead only to read: the endpoints that change things do not admit
 * that role); a coordinator or an assessor those in the organisations of their account, a
 * trust including its sites (what an assessor may do with them, sign-offs, is decided by
 * the endpoints); a teacher who arrived by LTI the members of that course only. The one
 * place this is decided.
 */
@Component
class StaffScope {

	private final AccountDirectory accounts;

	private final OrganisationRepository organisations;

	private final CourseMembership courses;

	StaffScope(AccountDirectory accounts, OrganisationRepository organisations, CourseMembership courses) {
		this.accounts = accounts;
		this.organisations = organisations;
		this.courses = courses;
	}

	/** The course a caller who arrived by LTI is scoped to; empty for local accounts. */
	Optional<CourseScopedPrincipal> course(Authentication caller) {
		return CourseScopedPrincipal.of(caller);
	}

	/**
	 * The learner ids a course-scoped caller may see, or {@code null} when the caller is
	 * not course-scoped.
	 */
	Set<Long> visibleCourseMembers(Authentication caller) {
		return course(caller).map((c) -> (c.courseContextId() != null)
				? this.courses.members(c.issuer(), c.courseContextId()) : Set.<Long>of())
			.orElse(null);
	}

	/**
	 * Organisation ids visible to the caller, or {@code null} for an administrator (all).
	 */
	Set<Long> visibleOrganisations(Authentication caller) {
		if (hasRole(caller, AppRole.ADMIN) || hasRole(caller, AppRole.PROGRAMME)) {
			return null;
		}
		if (!hasRole(caller, AppRole.COORDINATOR) && !hasRole(caller, AppRole.ASSESSOR)) {
			throw new AccessDeniedException("staff only");
		}
		if (course(caller).isPresent()) {
			// organisations belong to local accounts; a launched teacher's name is not
			// one
			return Set.of();
		}
		Set<Long> visible = new HashSet<>(this.accounts.organisationIdsOf(caller.getName()));
		this.organisations.findByParentIdIn(visible).forEach((site) -> visible.add(site.id()));
		return visible;
	}

	/**
	 * Organisation ids whose learners the caller may change (merge, place, import), or
	 * {@code null} for an administrator (all). A programme lead reads only.
	 */
	Set<Long> changeableOrganisations(Authentication caller) {
		if (hasRole(caller, AppRole.ADMIN)) {
			return null;
		}
		if (!hasRole(caller, AppRole.COORDINATOR)) {
			throw new AccessDeniedException("coordinators and administrators only");
		}
		return visibleOrganisations(caller);
	}

	/** Like {@link #checkCanSee}, for a change to the learner's record. */
	void checkCanChange(Authentication caller, Learner learner) {
		if (!hasRole(caller, AppRole.ADMIN) && !hasRole(caller, AppRole.COORDINATOR)) {
			throw new AccessDeniedException("coordinators and administrators only");
		}
		checkCanSee(caller, learner);
	}

	void checkCanSee(Authentication caller, Learner learner) {
		Set<Long> members = visibleCourseMembers(caller);
		if (members != null) {
			if (!members.contains(learner.id())) {
				throw new UnknownLearner(learner.id());
			}
			return;
		}
		Set<Long> visible = visibleOrganisations(caller);
		if (visible != null && learner.organisationIds().stream().noneMatch(visible::contains)) {
			// the same answer as for a learner that does not exist: no probing of ids
			throw new UnknownLearner(learner.id());
		}
	}

	/** Whether the caller is staff who may read learners' records within their scope. */
	static boolean isStaffReader(Authentication caller) {
		return hasRole(caller, AppRole.ADMIN) || hasRole(caller, AppRole.PROGRAMME)
				|| hasRole(caller, AppRole.COORDINATOR) || hasRole(caller, AppRole.ASSESSOR);
	}

	static boolean hasRole(Authentication caller, AppRole role) {
		return caller != null && caller.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.anyMatch(role.authority()::equals);
	}

}
