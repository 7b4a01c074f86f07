package org.attc.tracker.crediting;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.attc.tracker.crediting.internal.attainment.Attainment;
import org.attc.tracker.crediting.internal.attainment.AttainmentCalculation;
import org.attc.tracker.crediting.internal.attainment.EvidenceKind;
import org.attc.tracker.crediting.internal.ledger.EvidenceLedger;
import org.attc.tracker.crediting.internal.ledger.EvidenceRow;
import org.attc.tracker.framework.Capability;
import org.attc.tracker.framework.CapabilityCatalogue;
import org.attc.tracker.framework.RoleProfile;
import org.attc.tracker.identity.LearnerProfile;
import org.attc.tracker.identity.Learners;
import org.attc.tracker.shared.LearnerId;
import org.springframework.stereotype.Service;

/**
 * Attainment per learner and capability, derived from current evidence at the moment
 * asked (so expiry needs no batch job), with the tier the learner's role profiles
 * require.
 */
@Service
public class Attainments {

	private final EvidenceLedger ledger;

	private final Learners learners;

	private final CapabilityCatalogue catalogue;

	private final AttainmentCalculation calculation;

	Attainments(EvidenceLedger ledger, Learners learners, CapabilityCatalogue catalogue,
			CreditingProperties properties) {
		this.ledger = ledger;
		this.learners = learners;
		this.catalogue = catalogue;
		this.calculation = new AttainmentCalculation(properties.expiringWindow());
	}

	/**
	 * Every capability the learner has evidence for or a role profile requires, in the
	 * order: required ones first (by profile), then the rest.
	 */
	public List<CapabilityAttainment> forLearner(LearnerId learner) {
		return forLearner(learner, Instant.now());
	}

	public List<CapabilityAttainment> forLearner(LearnerId learner, Instant now) {
		LearnerId current = this.learners.current(learner);
		Map<String, Integer> required = requiredTiers(current);
		Map<String, List<EvidenceRow>> evidence = new HashMap<>();
		for (EvidenceRow row : this.ledger.current(current.value())) {
			evidence.computeIfAbsent(row.capabilityIdentifier(), (c) -> new ArrayList<>()).add(row);
		}
		Map<String, CapabilityAttainment> result = new LinkedHashMap<>();
		for (String capability : required.keySet()) {
			result.put(capability, attainment(capability, evidence.getOrDefault(capability, List.of()),
					required.get(capability), now));
		}
		for (Map.Entry<String, List<EvidenceRow>> entry : evidence.entrySet()) {
			result.computeIfAbsent(entry.getKey(), (c) -> attainment(c, entry.getValue(), null, now));
		}
		return List.copyOf(result.values());
	}

	/**
	 * Attainment of many learners at once (a coordinator's cohort), with the same rules
	 * as {@link #forLearner(LearnerId, Instant)} but a few set-based queries per chunk of
	 * learners instead of dozens per learner.
	 * @param jobRoles each learner (already the current one, not merged away) with the
	 * job role codes that select their role profiles
	 * @param now the moment statuses are computed for
	 * @return per learner, in the same order as {@link #forLearner(LearnerId, Instant)}
	 */
	public Map<LearnerId, List<CapabilityAttainment>> forLearners(
			Map<LearnerId, ? extends java.util.Collection<String>> jobRoles, Instant now) {
		Map<java.util.Set<String>, Map<String, Integer>> requiredByRoles = new HashMap<>();
		Map<String, Optional<Capability>> capabilities = new HashMap<>();
		Map<LearnerId, List<CapabilityAttainment>> result = new LinkedHashMap<>();
		List<LearnerId> learners = new ArrayList<>(jobRoles.keySet());
		for (int from = 0; from < learners.size(); from += 500) {
			List<LearnerId> chunk = learners.subList(from, Math.min(learners.size(), from + 500));
			Map<Long, Map<String, List<EvidenceRow>>> evidence = new HashMap<>();
			for (EvidenceRow row : this.ledger.current(chunk.stream().map(LearnerId::value).toList())) {
				evidence.computeIfAbsent(row.learnerId(), (l) -> new LinkedHashMap<>())
					.computeIfAbsent(row.capabilityIdentifier(), (c) -> new ArrayList<>())
					.add(row);
			}
			for (LearnerId learner : chunk) {
				java.util.Set<String> roles = java.util.Set.copyOf(jobRoles.get(learner));
				Map<String, Integer> required = requiredByRoles.computeIfAbsent(roles, this::requiredTiers);
				Map<String, List<EvidenceRow>> mine = evidence.getOrDefault(learner.value(), Map.of());
				Map<String, CapabilityAttainment> attainments = new LinkedHashMap<>();
				for (String capability : required.keySet()) {
					attainments.put(capability, attainment(capability, mine.getOrDefault(capability, List.of()),
							required.get(capability), now, capabilities));
				}
				for (Map.Entry<String, List<EvidenceRow>> entry : mine.entrySet()) {
					attainments.computeIfAbsent(entry.getKey(),
							(c) -> attainment(c, entry.getValue(), null, now, capabilities));
				}
				result.put(learner, List.copyOf(attainments.values()));
			}
		}
		return result;
	}

	/**
	 * The standing of each capability the given learners (ledger ids, as stored, not
	 * resolved through merges) have current evidence for, without role requirements: what
	 * a read model keeps. One ledger query per 500 learners.
	 */
	public List<CapabilityStanding> standings(java.util.Collection<Long> learnerIds, Instant now) {
		List<CapabilityStanding> result = new ArrayList<>();
		List<Long> ids = List.copyOf(learnerIds);
		for (int from = 0; from < ids.size(); from += 500) {
			Map<Long, Map<String, List<EvidenceRow>>> evidence = new LinkedHashMap<>();
			for (EvidenceRow row : this.ledger.current(ids.subList(from, Math.min(ids.size(), from + 500)))) {
				evidence.computeIfAbsent(row.learnerId(), (l) -> new LinkedHashMap<>())
					.computeIfAbsent(row.capabilityIdentifier(), (c) -> new ArrayList<>())
					.add(row);
			}
			evidence.forEach((learner, byCapability) -> byCapability.forEach((capability, rows) -> {
				Attainment a = this.calculation.attainment(rows.stream().map(EvidenceRow::item).toList(), null, now);
				// validity is "expiresAt after now" (EvidenceItem.validAt), so the answer
				// can only change when a row still valid now reaches its expiry
				Instant changesAt = rows.stream()
					.map(EvidenceRow::expiresAt)
					.filter((e) -> e != null && e.isAfter(now))
					.min(java.util.Comparator.naturalOrder())
					.orElse(null);
				long first = rows.stream().mapToLong(EvidenceRow::id).min().orElseThrow();
				result.add(new CapabilityStanding(learner, capability, a.tierRank(), a.status(), a.achievedAt(),
						a.expiresAt(), changesAt, first));
			}));
		}
		return result;
	}

	/**
	 * The periods in which the given learners' current credits and sign-offs hold their
	 * capabilities (ledger ids, as stored), for attainment over time.
	 */
	public List<CapabilityHolding> holdings(java.util.Collection<Long> learnerIds) {
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
	 * The attainment a stored standing means at {@code now} for a learner whose role
	 * profiles require {@code requiredTier} (null for none): the same answer as
	 * {@link #forLearner(LearnerId, String, Instant)} as long as {@code now} is before
	 * the standing's {@code changesAt}.
	 */
	public AttainmentStatus status(CapabilityStanding standing, Integer requiredTier, Instant now) {
		return this.calculation.status(standing.tier(), standing.status(), requiredTier, standing.expiresAt(), now);
	}

	/**
	 * Learners (ledger ids) that have any current evidence, in id order after
	 * {@code afterId}: for rebuilding read models page by page.
	 */
	public List<Long> learnersWithEvidence(long afterId, int limit) {
		return this.ledger.learnersWithCurrentEvidence(afterId, limit);
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
		List<EvidenceRow> rows = this.ledger.current(current.value())
			.stream()
			.filter((r) -> r.capabilityIdentifier().equals(capabilityIdentifier))
			.toList();
		return attainment(capabilityIdentifier, rows, requiredTiers(current).get(capabilityIdentifier), now);
	}

	private CapabilityAttainment attainment(String capabilityIdentifier, List<EvidenceRow> rows, Integer required,
			Instant now) {
		return attainment(capabilityIdentifier, rows, required, now, null);
	}

	private CapabilityAttainment attainment(String capabilityIdentifier, List<EvidenceRow> rows, Integer required,
			Instant now, Map<String, Optional<Capability>> cache) {
		Attainment attainment = this.calculation.attainment(rows.stream().map(EvidenceRow::item).toList(), required,
				now);
		Optional<Capability> capability = (cache != null)
				? cache.computeIfAbsent(capabilityIdentifier, this.catalogue::capability)
				: this.catalogue.capability(capabilityIdentifier);
		return new CapabilityAttainment(capabilityIdentifier, capability.map(Capability::code).orElse(null),
				capability.map(Capability::title).orElse(null), attainment.tierRank(), attainment.requiredTierRank(),
				attainment.status(), attainment.achievedAt(), attainment.expiresAt());
	}

	private Map<String, Integer> requiredTiers(LearnerId learner) {
		Optional<LearnerProfile> profile = this.learners.profile(learner);
		if (profile.isEmpty()) {
			return new LinkedHashMap<>();
		}
		return requiredTiers(profile.get().jobRoles());
	}

	private Map<String, Integer> requiredTiers(java.util.Collection<String> jobRoles) {
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
