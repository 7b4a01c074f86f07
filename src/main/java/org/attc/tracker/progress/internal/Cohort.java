package org.attc.tracker.progress.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.attc.tracker.crediting.CapabilityAttainment;
import org.attc.tracker.framework.CapabilityCatalogue;
import org.attc.tracker.framework.RoleProfile;
import org.attc.tracker.identity.LearnerProfile;
import org.attc.tracker.progress.internal.standing.Standings;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;

/**
 * The learners a coordinator may see, narrowed by a filter, each with their attainment
 * now: what the matrix, the expiry lists and the readiness board are computed from.
 */
@Service
public class Cohort {

	private final ProgressScope scope;

	private final Standings standings;

	private final CapabilityCatalogue catalogue;

	Cohort(ProgressScope scope, Standings standings, CapabilityCatalogue catalogue) {
		this.scope = scope;
		this.standings = standings;
		this.catalogue = catalogue;
	}

	/** One learner and their standing per capability identifier. */
	public record Member(LearnerProfile learner, Map<String, CapabilityAttainment> attainment) {

		public String displayName() {
			return (this.learner.name() != null) ? this.learner.name()
					: (this.learner.email() != null) ? this.learner.email() : "Learner " + this.learner.id();
		}

	}

	/** A cohort at one moment, with a capability directory for naming. */
	public record Snapshot(List<Member> members, Instant now, CapabilityDirectory capabilities) {
	}

	/**
	 * The caller's learners that pass the organisation and role parts of the filter (the
	 * status part is applied by each view).
	 */
	public Snapshot of(Authentication caller, CohortFilter filter) {
		Instant now = Instant.now();
		List<LearnerProfile> learners = this.scope.cohort(caller,
				(filter.organisation() != null) ? Set.of(filter.organisation()) : Set.of());
		Map<org.attc.tracker.shared.LearnerId, Set<String>> roles = new LinkedHashMap<>();
		Map<org.attc.tracker.shared.LearnerId, LearnerProfile> profiles = new LinkedHashMap<>();
		for (LearnerProfile learner : learners) {
			if (filter.role() == null || learner.jobRoles().contains(filter.role())) {
				roles.put(learner.id(), learner.jobRoles());
				profiles.put(learner.id(), learner);
			}
		}
		List<Member> members = new ArrayList<>();
		this.standings.attainments(roles, now).forEach((id, list) -> {
			Map<String, CapabilityAttainment> byCapability = new LinkedHashMap<>();
			for (CapabilityAttainment a : list) {
				byCapability.put(a.capabilityIdentifier(), a);
			}
			members.add(new Member(profiles.get(id), byCapability));
		});
		members.sort(Comparator.comparing(Member::displayName, String.CASE_INSENSITIVE_ORDER));
		return new Snapshot(members, now, new CapabilityDirectory(this.catalogue));
	}

	/** The role profiles of these job role codes, in every published framework. */
	public List<RoleProfile> roleProfiles(java.util.Collection<String> codes) {
		return this.catalogue.roleProfilesWithCodes(codes);
	}

}
