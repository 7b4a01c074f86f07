package org.attc.tracker.crediting;

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

import org.attc.tracker.crediting.internal.attainment.AttainmentCalculation;
import org.attc.tracker.crediting.internal.attainment.EvidenceKind;
import org.attc.tracker.crediting.internal.ledger.EvidenceLedger;
import org.attc.tracker.crediting.internal.ledger.EvidenceRow;
import org.attc.tracker.crediting.internal.standing.StandingStore;
import org.attc.tracker.framework.Capability;
import org.attc.tracker.framework.CapabilityCatalogue;
import org.attc.tracker.framework.RoleProfile;
import org.attc.tracker.identity.LearnerProfile;
import org.attc.tracker.identity.Learners;
import org.attc.tracker.shared.LearnerId;
import org.springframework.stereotype.Service;

/**
 * Attainment per learner and capability: the standings crediting stores with every change
 * of evidence ({@code cred_standing}), read for the moment asked (so expiry needs no
 * batch job), with the tier the learner's role profiles require where asked for. Every
 * read is set-based: one indexed query per thousand learners.
 */
@Service
public class Attainments {

	private final StandingStore standings;

	private final EvidenceLedger ledger;

	private final Learners learners;

	private final CapabilityCatalogue catalogue;

	private final AttainmentCalculation calculation;

	Attainments(StandingStore standings, EvidenceLedger ledger, Learners learners, CapabilityCatalogue catalogue,
			CreditingProperties properties) {
		this.standings = standings;
		this.ledger = ledger;
		this.learners = learners;
		this.catalogue = catalogue;
		this.calculation = new AttainmentCalculation(properties.expiringWindow());
	}

	/**
	 * Every capability the learner has evidence for or a role profile requires, in the
	 * order: required ones first (by profile), then the rest in the order first
	 * evidenced.
	 */
	public List<CapabilityAttainment> forLearner(LearnerId learner) {
		return forLearner(learner, Instant.now());
	}

	public List<CapabilityAttainment> forLearner(LearnerId learner, Instant now) {
		LearnerId current = this.learners.current(learner);
		return attainments(standings(List.of(current.value()), now), requiredTiers(current), now, new HashMap<>());
	}

	/**
	 * Attainment of many learners at once (a coordinator's cohort), with the same rules
	 * as {@link #forLearner(LearnerId, Instant)}.
	 * @param jobRoles each learner (already the current one, not merged away) with the
	 * job role codes that select their role profiles
	 * @param now the moment statuses are computed for
	 * @return per learner, in the same order as {@link #forLearner(LearnerId, Instant)}
	 */
	public Map<LearnerId, List<CapabilityAttainment>> forLearners(Map<LearnerId, ? extends Collection<String>> jobRoles,
			Instant now) {
		Map<Set<String>, Map<String, Integer>> requiredByRoles = new HashMap<>();
		Map<String, Optional<Capability>> capabilities = new HashMap<>();
		Map<Long, List<CapabilityStanding>> byLearner = new HashMap<>();
		for (CapabilityStanding s : standings(jobRoles.keySet().stream().map(LearnerId::value).toList(), now)) {
			byLearner.computeIfAbsent(s.learnerId(), (l) -> new ArrayList<>()).add(s);
		}
		Map<LearnerId, List<CapabilityAttainment>> result = new LinkedHashMap<>();
		jobRoles.forEach((learner, roles) -> {
			Map<String, Integer> required = requiredByRoles.computeIfAbsent(Set.copyOf(roles), this::requiredTiers);
			result.put(learner,
					attainments(byLearner.getOrDefault(learner.value(), List.of()), required, now, capabilities));
		});
		return result;
	}

	/**
	 * The standing at {@code now} of each capability the given learners (ledger ids, as
	 * stored, not resolved through merges) have current evidence for, before any role
	 * profile's requirement; {@link #status} applies one.
	 */
	public List<CapabilityStanding> standings(Collection<Long> learnerIds, Instant now) {
		return this.standings.of(learnerIds, now);
	}

	/**
	 * The tier each of these learners (ledger ids) holds at {@code now}, per capability
	 * with one held (no requirement applied): for counts over many learners.
	 */
	public Map<Long, Map<String, Integer>> heldTiers(Collection<Long> learnerIds, Instant now) {
		return this.standings.heldTiers(learnerIds, now);
	}

	/**
	 * As {@link #heldTiers}, for every learner (ledger ids): one pass over the standings
	 * for a national count, not a lookup per learner.
	 */
	public Map<Long, Map<String, Integer>> heldTiersOfEveryone(Instant now) {
		return this.standings.heldTiers(null, now);
	}

	/** Every learner's standing on one capability at {@code now}. */
	public List<CapabilityStanding> standingsOn(String capabilityIdentifier, Instant now) {
		return this.standings.ofCapability(capabilityIdentifier, now);
	}

	/**
	 * The standings of these learners (ledger ids) that hold a tier at {@code now} which
	 * stops counting from {@code from} (inclusive) to {@code until} (exclusive).
	 */
	public List<CapabilityStanding> expiring(Collection<Long> learnerIds, Instant from, Instant until, Instant now) {
		return this.standings.expiring(learnerIds, from, until, now);
	}

	/** As {@link #expiring}, for every learner: read through the expiry index. */
	public List<CapabilityStanding> expiringOfEveryone(Instant from, Instant until, Instant now) {
		return this.standings.expiring(null, from, until, now);
	}

	/**
	 * The capabilities these learners (ledger ids) held and no longer hold at
	 * {@code now}, each with the tier that ran out last and when: an expired list without
	 * reading the evidence.
	 */
	public List<LapsedStanding> lapsed(Collection<Long> learnerIds, Instant now) {
		return this.standings.lapsed(learnerIds, now);
	}

	/** As {@link #lapsed}, for every learner: read through the status index. */
	public List<LapsedStanding> lapsedOfEveryone(Instant now) {
		return this.standings.lapsed(null, now);
	}

	/**
	 * The periods in which the given learners' current credits and sign-offs hold their
	 * capabilities (ledger ids, as stored), for attainment over time.
	 */
	public List<CapabilityHolding> holdings(Collection<Long> learnerIds) {
		List<CapabilityHolding> result = new ArrayList<>();
		List<Long> ids = List.copyOf(learnerIds);
		for (int from = 0; from < ids.size(); from += 500) {
			for (EvidenceRow row : this.ledger.current(ids.subList(from, Math.min(ids.size(), from + 500)))) {
				if (row.kind() == EvidenceKind.CREDIT || row.kind() == EvidenceKind.SIGN_OFF) {
					result.add(new CapabilityHolding(row.learnerId(), row.capabilityIdentifier(), row.tierRank(),
							row.achievedAt(), row.expiresAt()));
				}
			}
		}
		return result;
	}

	/**
	 * The attainment a standing means at {@code now} for a learner whose role profiles
	 * require {@code requiredTier} (null for none): "expiring soon" from its
	 * {@code expiresAt} and the expiry window, a tier below the requirement "in
	 * progress". {@code now} must lie in the standing's period (as read for it).
	 */
	public AttainmentStatus status(CapabilityStanding standing, Integer requiredTier, Instant now) {
		return this.calculation.status(standing.tier(), standing.status(), requiredTier, standing.expiresAt(), now);
	}

	/**
	 * The learner's current evidence (retracted rows left out), oldest first: what their
	 * attainment is made of.
	 */
	public List<EvidenceEntry> evidence(LearnerId learner) {
		return this.ledger.current(this.learners.current(learner).value())
			.stream()
			.map((r) -> new EvidenceEntry(r.id(), r.capabilityIdentifier(), r.kind().name().toLowerCase(), r.tierRank(),
					r.activityId(), r.verb(), r.score(),
					(r.recordedBy() != null && r.statementId() == null) ? "sign-off by " + r.recordedBy()
							: "statement " + r.statementId(),
					r.achievedAt(), r.expiresAt()))
			.toList();
	}

	/** The learner's standing on one capability. */
	public CapabilityAttainment forLearner(LearnerId learner, String capabilityIdentifier, Instant now) {
		LearnerId current = this.learners.current(learner);
		List<CapabilityStanding> mine = standings(List.of(current.value()), now).stream()
			.filter((s) -> s.capabilityIdentifier().equals(capabilityIdentifier))
			.toList();
		return attainment(capabilityIdentifier, mine.isEmpty() ? null : mine.get(0),
				requiredTiers(current).get(capabilityIdentifier), now, new HashMap<>());
	}

	/** Required capabilities first, then the rest in the order first evidenced. */
	private List<CapabilityAttainment> attainments(List<CapabilityStanding> standings, Map<String, Integer> required,
			Instant now, Map<String, Optional<Capability>> capabilities) {
		Map<String, CapabilityStanding> mine = new LinkedHashMap<>();
		standings.stream()
			.sorted(Comparator.comparingLong(CapabilityStanding::firstEvidenceId))
			.forEach((s) -> mine.put(s.capabilityIdentifier(), s));
		Map<String, CapabilityAttainment> result = new LinkedHashMap<>();
		required.forEach((capability, tier) -> result.put(capability,
				attainment(capability, mine.get(capability), tier, now, capabilities)));
		mine.forEach((capability, s) -> result.computeIfAbsent(capability,
				(c) -> attainment(c, s, null, now, capabilities)));
		return List.copyOf(result.values());
	}

	private CapabilityAttainment attainment(String capabilityIdentifier, CapabilityStanding standing, Integer required,
			Instant now, Map<String, Optional<Capability>> capabilities) {
		Optional<Capability> capability = capabilities.computeIfAbsent(capabilityIdentifier,
				this.catalogue::capability);
		String code = capability.map(Capability::code).orElse(null);
		String title = capability.map(Capability::title).orElse(null);
		if (standing == null) {
			return new CapabilityAttainment(capabilityIdentifier, code, title, null, required,
					AttainmentStatus.NOT_STARTED, null, null);
		}
		return new CapabilityAttainment(capabilityIdentifier, code, title, standing.tier(), required,
				status(standing, required, now), standing.achievedAt(), standing.expiresAt());
	}

	private Map<String, Integer> requiredTiers(LearnerId learner) {
		Optional<LearnerProfile> profile = this.learners.profile(learner);
		if (profile.isEmpty()) {
			return new LinkedHashMap<>();
		}
		return requiredTiers(profile.get().jobRoles());
	}

	/**
	 * The tier per capability that the role profiles of these job roles require (the
	 * highest, when several ask): what a learner's attainment is measured against.
	 */
	public Map<String, Integer> requiredTiers(Collection<String> jobRoles) {
		Map<String, Integer> required = new LinkedHashMap<>();
		if (jobRoles.isEmpty()) {
			return required;
		}
		for (RoleProfile role : this.catalogue.roleProfilesWithCodes(jobRoles)) {
			for (RoleProfile.Requirement requirement : role.requirements()) {
				required.merge(requirement.capabilityIdentifier(), requirement.tierRank(), Math::max);
			}
		}
		return required;
	}

}
