package org.attc.tracker.progress.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

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
	 * Counts a learner's coverage: a required capability counts as held when the tier
	 * held reaches the highest tier any of their profiles asks for it (as the status
	 * "achieved" or "expiring soon" says), and a role profile's requirement when it also
	 * reaches that profile's tier.
	 * @param held the tier held now per capability (none held: absent)
	 * @param required the tier required per capability (the highest of their profiles)
	 * @param profiles the role profile of each of their job roles that has one
	 * @param domainOf the domain title a capability counts under
	 */
	public static LearnerCoverage of(Map<String, Integer> held, Map<String, Integer> required,
			Map<String, RoleProfile> profiles, Function<String, String> domainOf) {
		int heldCount = 0;
		Map<String, int[]> domains = new LinkedHashMap<>();
		for (Map.Entry<String, Integer> r : required.entrySet()) {
			boolean has = reaches(held.get(r.getKey()), r.getValue());
			heldCount += has ? 1 : 0;
			int[] d = domains.computeIfAbsent(domainOf.apply(r.getKey()), (k) -> new int[2]);
			d[0] += has ? 1 : 0;
			d[1]++;
		}
		Map<String, Count> roles = new LinkedHashMap<>();
		profiles.forEach((code, profile) -> {
			int roleHeld = 0;
			for (RoleProfile.Requirement r : profile.requirements()) {
				Integer tier = held.get(r.capabilityIdentifier());
				int highest = Math.max(required.getOrDefault(r.capabilityIdentifier(), r.tierRank()), r.tierRank());
				if (reaches(tier, highest)) {
					roleHeld++;
				}
			}
			roles.put(code, new Count(roleHeld, profile.requirements().size()));
		});
		Map<String, Count> domainCounts = new LinkedHashMap<>();
		domains.forEach((title, c) -> domainCounts.put(title, new Count(c[0], c[1])));
		return new LearnerCoverage(heldCount, required.size(), domainCounts, roles);
	}

	private static boolean reaches(Integer tier, int required) {
		return tier != null && tier >= required;
	}

}
