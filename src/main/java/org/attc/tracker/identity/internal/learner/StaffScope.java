package org.attc.tracker.identity.internal.learner;

import java.util.HashSet;
import java.util.Set;

import org.attc.tracker.identity.AppRole;
import org.attc.tracker.identity.internal.AccountDirectory;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Which learners a staff member may see: an administrator all of them; a coordinator
 * those in the organisations of their account, a trust including its sites.
 */
@Component
class StaffScope {

	private final AccountDirectory accounts;

	private final OrganisationRepository organisations;

	StaffScope(AccountDirectory accounts, OrganisationRepository organisations) {
		this.accounts = accounts;
		this.organisations = organisations;
	}

	/**
	 * Organisation ids visible to the caller, or {@code null} for an administrator (all).
	 */
	Set<Long> visibleOrganisations(Authentication caller) {
		if (hasRole(caller, AppRole.ADMIN)) {
			return null;
		}
		if (!hasRole(caller, AppRole.COORDINATOR)) {
			throw new AccessDeniedException("coordinators and administrators only");
		}
		Set<Long> visible = new HashSet<>(this.accounts.organisationIdsOf(caller.getName()));
		this.organisations.findByParentIdIn(visible).forEach((site) -> visible.add(site.id()));
		return visible;
	}

	void checkCanSee(Authentication caller, Learner learner) {
		Set<Long> visible = visibleOrganisations(caller);
		if (visible != null && learner.organisationIds().stream().noneMatch(visible::contains)) {
			// the same answer as for a learner that does not exist: no probing of ids
			throw new UnknownLearner(learner.id());
		}
	}

	static boolean hasRole(Authentication caller, AppRole role) {
		return caller != null && caller.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.anyMatch(role.authority()::equals);
	}

}
