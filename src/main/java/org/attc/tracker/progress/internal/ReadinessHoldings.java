package org.attc.tracker.progress.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.attc.tracker.crediting.CapabilityStanding;
import org.attc.tracker.framework.RoleProfile;

/**
 * What readiness is counted from, for many learners at once: the tier each holds now per
 * capability, and for those held now, when they stop counting if that is by the date
 * asked. Two narrow reads of crediting's standings (the tiers held, and those expiring
 * before the date) instead of every learner's full attainment: a national board or people
 * list costs what the programme summary costs.
 *
 * @param tiers per learner (current id), the tier held now per capability
 * @param lapsing per learner, when each capability held now stops counting, for those
 * that stop by the date
 */
record ReadinessHoldings(Map<Long, Map<String, Integer>> tiers, Map<Long, Map<String, Instant>> lapsing) {

	/**
	 * @param wholeNetwork whether {@code learners} are every learner
	 * ({@link Cohort#wholeNetwork}): the standings are then read in one pass
	 * @param at the moment readiness is asked for (the start of the "ready by" day)
	 */
	static ReadinessHoldings of(CohortAttainments attainments, Collection<Long> learners, boolean wholeNetwork,
			Instant now, Instant at) {
		Map<Long, Map<String, Integer>> tiers = attainments.heldTiers(learners, wholeNetwork, now);
		Map<Long, Map<String, Instant>> lapsing = new HashMap<>();
		if (at.isAfter(now)) {
			// a tier that expires at the very start of the day asked no longer counts
			// then
			for (CapabilityStanding s : attainments.expiring(learners, wholeNetwork, now, at.plusNanos(1000), now)) {
				lapsing.computeIfAbsent(s.learnerId(), (l) -> new HashMap<>())
					.put(s.capabilityIdentifier(), s.expiresAt());
			}
		}
		return new ReadinessHoldings(tiers, lapsing);
	}

	/**
	 * The one readiness rule: a requirement is met when the tier asked (or a higher one)
	 * is held now, and lapses when what is held stops counting by the date.
	 */
	SiteReadiness.Shortfall shortfall(long learner, List<RoleProfile.Requirement> needed) {
		Map<String, Integer> held = this.tiers.getOrDefault(learner, Map.of());
		Map<String, Instant> ending = this.lapsing.getOrDefault(learner, Map.of());
		List<RoleProfile.Requirement> missing = new ArrayList<>();
		List<SiteReadiness.Lapse> lapses = new ArrayList<>();
		for (RoleProfile.Requirement r : needed) {
			Integer tier = held.get(r.capabilityIdentifier());
			if (tier == null || tier < r.tierRank()) {
				missing.add(r);
			}
			else if (ending.containsKey(r.capabilityIdentifier())) {
				lapses.add(new SiteReadiness.Lapse(r, ending.get(r.capabilityIdentifier())));
			}
		}
		lapses.sort(Comparator.comparing(SiteReadiness.Lapse::expiresAt));
		return new SiteReadiness.Shortfall(missing, lapses);
	}

}
