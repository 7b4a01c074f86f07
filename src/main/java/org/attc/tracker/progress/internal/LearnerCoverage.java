package org.attc.tracker.progress.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.attc.tracker.crediting.CapabilityAttainment;
import org.attc.tracker.framework.RoleProfile;

/**
 * What one learner holds of what their role profiles require: overall (at the highest
 * tier any of their profiles asks), per domain, and per role profile (at that profile's
 * tier). The national summary adds these up.
 *
 * @param held required capabilities held now
 * @param required capabilities their profiles require
 * @param domains per domain title
 * @param roles per job role code that has a role profile
 */
public record LearnerCoverage(int held, int required, Map<String, Count> domains, Map<String, Count> roles) {

	public LearnerCoverage {
		domains = Map.copyOf(domains);
		roles = Map.copyOf(roles);
	}

	/** Held of required. */
	public record Count(int held, int required) {

		/** Whether every one required is held (and at least one is). */
		public boolean complete() {
			return this.required > 0 && this.held == this.required;
		}

	}

	/** Whether the learner holds everything their profiles require. */
	public boolean meets() {
		return new Count(this.held, this.required).complete();
	}

	/**
	 * Counts a learner's attainment.
	 * @param attainment their standing per capability, with the tier required
	 * @param profiles the role profile of each of their job roles that has one
	 * @param domainOf the domain title a capability counts under
	 */
	public static LearnerCoverage of(List<CapabilityAttainment> attainment, Map<String, RoleProfile> profiles,
			Function<String, String> domainOf) {
		int held = 0;
		int required = 0;
		Map<String, int[]> domains = new LinkedHashMap<>();
		Map<String, CapabilityAttainment> byCapability = new LinkedHashMap<>();
		for (CapabilityAttainment a : attainment) {
			byCapability.put(a.capabilityIdentifier(), a);
			if (a.requiredTier() == null) {
				continue;
			}
			boolean has = StatusDisplay.held(a.status());
			required++;
			held += has ? 1 : 0;
			int[] d = domains.computeIfAbsent(domainOf.apply(a.capabilityIdentifier()), (k) -> new int[2]);
			d[0] += has ? 1 : 0;
			d[1]++;
		}
		Map<String, Count> roles = new LinkedHashMap<>();
		profiles.forEach((code, profile) -> {
			int roleHeld = 0;
			for (RoleProfile.Requirement r : profile.requirements()) {
				CapabilityAttainment a = byCapability.get(r.capabilityIdentifier());
				if (StatusDisplay.meets(a, r.tierRank())) {
					roleHeld++;
				}
			}
			roles.put(code, new Count(roleHeld, profile.requirements().size()));
		});
		Map<String, Count> domainCounts = new LinkedHashMap<>();
		domains.forEach((title, c) -> domainCounts.put(title, new Count(c[0], c[1])));
		return new LearnerCoverage(held, required, domainCounts, roles);
	}

}
