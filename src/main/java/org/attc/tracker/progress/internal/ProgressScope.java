package org.attc.tracker.progress.internal;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.attc.tracker.identity.AppRole;
import org.attc.tracker.identity.LearnerProfile;
import org.attc.tracker.identity.Learners;
import org.attc.tracker.identity.OrganisationSummary;
import org.attc.tracker.shared.LearnerId;
import org.attc.tracker.shared.LearnerPrincipal;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * The one place where progress decides what a caller may see: a learner their own record,
 * a coordinator the learners and organisations of their trusts and sites, an
 * administrator everything. Every view and export reads learners through here.
 */
@Component
public class ProgressScope {

	private final Learners learners;

	ProgressScope(Learners learners) {
		this.learners = learners;
	}

	/** The learner the caller signed in as, if they are one. */
	public Optional<LearnerId> self(Authentication caller) {
		if (caller != null && caller.getPrincipal() instanceof LearnerPrincipal learner) {
			return Optional.of(this.learners.current(learner.learnerId()));
		}
		return Optional.empty();
	}

	/**
	 * The learner with this id if the caller may see them; otherwise the same answer as
	 * for one who does not exist, so ids cannot be probed.
	 */
	public LearnerId visibleLearner(Authentication caller, long id) {
		if (id <= 0) {
			throw new UnknownLearnerRecord(id);
		}
		LearnerId learner = new LearnerId(id);
		if (!this.learners.canSee(caller, learner) || this.learners.profile(learner).isEmpty()) {
			throw new UnknownLearnerRecord(id);
		}
		return this.learners.current(learner);
	}

	/**
	 * The learners of the caller's organisations, narrowed to {@code organisationCodes}
	 * when given. Staff only.
	 * @throws UnknownOrganisation when an asked organisation is not one the caller may
	 * see
	 */
	public List<LearnerProfile> cohort(Authentication caller, Collection<String> organisationCodes) {
		requireStaff(caller);
		if (organisationCodes != null && !organisationCodes.isEmpty()) {
			Set<String> visible = organisations(caller).stream()
				.map(OrganisationSummary::code)
				.collect(Collectors.toSet());
			// "No organisation" is a national view's: only for those who see everyone
			boolean national = isNational(caller);
			for (String code : organisationCodes) {
				if (!visible.contains(code) && !(national && OrganisationSummary.NONE.equals(code))) {
					throw new UnknownOrganisation(code);
				}
			}
		}
		return this.learners.learnersVisibleTo(caller, organisationCodes);
	}

	/** The job roles of the caller's learners, in order. Staff only. */
	public List<String> jobRoles(Authentication caller) {
		requireStaff(caller);
		return this.learners.jobRolesVisibleTo(caller);
	}

	/** The organisations the caller may see. Staff only. */
	/** Whether the caller sees the whole network, "No organisation" included. */
	public boolean isNational(Authentication caller) {
		return hasRole(caller, AppRole.ADMIN) || hasRole(caller, AppRole.PROGRAMME);
	}

	public List<OrganisationSummary> organisations(Authentication caller) {
		requireStaff(caller);
		return this.learners.organisationsVisibleTo(caller);
	}

	/**
	 * Organisation names by code, "No organisation" included: what a view shows where it
	 * names organisations.
	 */
	public static Map<String, String> namesByCode(List<OrganisationSummary> organisations) {
		Map<String, String> names = new HashMap<>();
		names.put(OrganisationSummary.NONE, OrganisationSummary.NONE_NAME);
		organisations.forEach((o) -> names.put(o.code(), o.name()));
		return names;
	}

	public boolean isStaff(Authentication caller) {
		return hasRole(caller, AppRole.ADMIN) || hasRole(caller, AppRole.COORDINATOR)
				|| hasRole(caller, AppRole.PROGRAMME);
	}

	private void requireStaff(Authentication caller) {
		if (!isStaff(caller)) {
			throw new AccessDeniedException("coordinators and administrators only");
		}
	}

	static boolean hasRole(Authentication caller, AppRole role) {
		return caller != null && caller.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.anyMatch(role.authority()::equals);
	}

}
