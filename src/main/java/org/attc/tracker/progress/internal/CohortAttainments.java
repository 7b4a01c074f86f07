package org.attc.tracker.progress.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.attc.tracker.crediting.AttainmentStatus;
import org.attc.tracker.crediting.Attainments;
import org.attc.tracker.crediting.CapabilityAttainment;
import org.attc.tracker.crediting.CapabilityHolding;
import org.attc.tracker.crediting.CapabilityStanding;
import org.attc.tracker.crediting.LapsedStanding;
import org.attc.tracker.framework.Capability;
import org.attc.tracker.shared.LearnerId;
import org.springframework.stereotype.Service;

/**
 * Attainment as progress shows it: crediting's stored standings (one set-based read per
 * thousand learners) joined, when read, with the tiers the learners' role profiles
 * require, from the capability cache shared across requests. Nothing is stored here, so a
 * job role or framework change needs no event.
 */
@Service
public class CohortAttainments {

	private final Attainments attainments;

	private final CapabilityCache capabilities;

	CohortAttainments(Attainments attainments, CapabilityCache capabilities) {
		this.attainments = attainments;
		this.capabilities = capabilities;
	}

	/**
	 * Per learner (current ids), every capability their role profiles require (first, in
	 * profile order) or they have evidence for (then, in the order first evidenced).
	 * @param jobRoles each learner with the job role codes that select their role
	 * profiles
	 * @param now the moment statuses are computed for
	 */
	public Map<LearnerId, List<CapabilityAttainment>> of(Map<LearnerId, ? extends Collection<String>> jobRoles,
			Instant now) {
		Map<Long, List<CapabilityStanding>> standings = new HashMap<>();
		for (CapabilityStanding s : this.attainments
			.standings(jobRoles.keySet().stream().map(LearnerId::value).toList(), now)) {
			standings.computeIfAbsent(s.learnerId(), (l) -> new ArrayList<>()).add(s);
		}
		Map<Set<String>, Map<String, Integer>> requiredByRoles = new HashMap<>();
		Map<String, Optional<Capability>> capabilities = new HashMap<>();
		Map<LearnerId, List<CapabilityAttainment>> result = new LinkedHashMap<>();
		jobRoles.forEach((learner, roles) -> {
			Map<String, Integer> required = requiredByRoles.computeIfAbsent(Set.copyOf(roles),
					this.capabilities::requiredTiers);
			Map<String, CapabilityStanding> mine = new LinkedHashMap<>();
			standings.getOrDefault(learner.value(), List.of())
				.stream()
				.sorted(Comparator.comparingLong(CapabilityStanding::firstEvidenceId))
				.forEach((s) -> mine.put(s.capabilityIdentifier(), s));
			Map<String, CapabilityAttainment> list = new LinkedHashMap<>();
			required.forEach((capability, tier) -> list.put(capability,
					attainment(capability, mine.get(capability), tier, now, capabilities)));
			mine.forEach((capability, s) -> list.computeIfAbsent(capability,
					(c) -> attainment(c, s, null, now, capabilities)));
			result.put(learner, List.copyOf(list.values()));
		});
		return result;
	}

	/** One learner's attainment, as {@link #of(Map, Instant)}. */
	public List<CapabilityAttainment> of(LearnerId learner, Collection<String> jobRoles, Instant now) {
		return of(Map.of(learner, jobRoles), now).get(learner);
	}

	/**
	 * The tier each of these learners (current ids) holds now, per capability with one
	 * held: what coverage counts need, without a row per required capability. With
	 * {@code wholeNetwork} (the cohort is every learner: {@link Cohort#wholeNetwork}) the
	 * standings are read in one pass instead of a lookup per learner; callers read the
	 * result by their own learners' ids, so a row of anyone else is never used.
	 */
	public Map<Long, Map<String, Integer>> heldTiers(Collection<Long> learners, boolean wholeNetwork, Instant now) {
		return wholeNetwork ? this.attainments.heldTiersOfEveryone(now) : this.attainments.heldTiers(learners, now);
	}

	/**
	 * The standings of these learners (current ids; every learner's with
	 * {@code wholeNetwork}) that hold a tier at {@code now} which stops counting from
	 * {@code from} (inclusive) to {@code until} (exclusive).
	 */
	public List<CapabilityStanding> expiring(Collection<Long> learners, boolean wholeNetwork, Instant from,
			Instant until, Instant now) {
		return wholeNetwork ? this.attainments.expiringOfEveryone(from, until, now)
				: this.attainments.expiring(learners, from, until, now);
	}

	/**
	 * The capabilities these learners (current ids; every learner's with
	 * {@code wholeNetwork}) held and no longer hold at {@code now}, with the tier that
	 * ran out last and when.
	 */
	public List<LapsedStanding> lapsed(Collection<Long> learners, boolean wholeNetwork, Instant now) {
		return wholeNetwork ? this.attainments.lapsedOfEveryone(now) : this.attainments.lapsed(learners, now);
	}

	/** The tier per capability that role profiles of these job roles require. */
	public Map<String, Integer> requiredTiers(Collection<String> jobRoles) {
		return this.capabilities.requiredTiers(jobRoles);
	}

	/** A standing's status at {@code now} against a required tier (null for none). */
	public AttainmentStatus status(CapabilityStanding standing, Integer requiredTier, Instant now) {
		return this.attainments.status(standing, requiredTier, now);
	}

	/**
	 * The periods in which these learners (current ids) held their capabilities, from
	 * their current credits and sign-offs.
	 */
	public Map<Long, List<CapabilityHolding>> holdings(Collection<Long> learners) {
		Map<Long, List<CapabilityHolding>> result = new HashMap<>();
		this.attainments.holdings(learners)
			.forEach((h) -> result.computeIfAbsent(h.learnerId(), (l) -> new ArrayList<>()).add(h));
		return result;
	}

	private CapabilityAttainment attainment(String capability, CapabilityStanding standing, Integer required,
			Instant now, Map<String, Optional<Capability>> capabilities) {
		Optional<Capability> c = capabilities.computeIfAbsent(capability, this.capabilities::capability);
		String code = c.map(Capability::code).orElse(null);
		String title = c.map(Capability::title).orElse(null);
		if (standing == null) {
			return new CapabilityAttainment(capability, code, title, null, required, AttainmentStatus.NOT_STARTED, null,
					null);
		}
		return new CapabilityAttainment(capability, code, title, standing.tier(), required,
				this.attainments.status(standing, required, now), standing.achievedAt(), standing.expiresAt());
	}

}
