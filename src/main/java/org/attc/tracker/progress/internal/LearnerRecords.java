package org.attc.tracker.progress.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.attc.tracker.crediting.Attainments;
import org.attc.tracker.crediting.CapabilityAttainment;
import org.attc.tracker.crediting.CreditingRoutes;
import org.attc.tracker.crediting.EvidenceEntry;
import org.attc.tracker.framework.CapabilityCatalogue;
import org.attc.tracker.framework.RoleProfile;
import org.attc.tracker.identity.LearnerProfile;
import org.attc.tracker.identity.Learners;
import org.attc.tracker.shared.LearnerId;
import org.springframework.stereotype.Service;

/** Builds a learner's record from attainment, evidence, role profiles and mappings. */
@Service
public class LearnerRecords {

	private final Attainments attainments;

	private final CohortAttainments standings;

	private final CreditingRoutes routes;

	private final CapabilityCatalogue catalogue;

	private final Learners learners;

	private final CapabilityCache capabilityCache;

	LearnerRecords(Attainments attainments, CohortAttainments standings, CreditingRoutes routes,
			CapabilityCatalogue catalogue, Learners learners, CapabilityCache capabilityCache) {
		this.capabilityCache = capabilityCache;
		this.attainments = attainments;
		this.standings = standings;
		this.routes = routes;
		this.catalogue = catalogue;
		this.learners = learners;
	}

	/** The record of a learner the caller has already been allowed to see. */
	public LearnerRecord of(LearnerId learner) {
		Instant now = Instant.now();
		LearnerProfile profile = this.learners.profile(learner)
			.orElseThrow(() -> new UnknownLearnerRecord(learner.value()));
		CapabilityDirectory capabilities = new CapabilityDirectory(this.capabilityCache);
		Map<String, CapabilityAttainment> held = this.standings.of(learner, profile.jobRoles(), now)
			.stream()
			.collect(Collectors.toMap(CapabilityAttainment::capabilityIdentifier, (a) -> a, (a, b) -> a));
		Map<String, List<EvidenceEntry>> evidence = this.attainments.evidence(learner)
			.stream()
			.collect(Collectors.groupingBy(EvidenceEntry::capabilityIdentifier));
		Set<String> covered = new HashSet<>();
		List<LearnerRecord.ProfileSection> sections = new ArrayList<>();
		for (RoleProfile role : this.capabilityCache.roleProfiles(profile.jobRoles())) {
			Map<String, List<LearnerRecord.Line>> byDomain = new LinkedHashMap<>();
			int met = 0;
			for (RoleProfile.Requirement requirement : role.requirements()) {
				String id = requirement.capabilityIdentifier();
				covered.add(id);
				CapabilityAttainment a = held.get(id);
				LearnerRecord.Line line = line(id, requirement.mandatory(), requirement.tierRank(), a,
						evidence.getOrDefault(id, List.of()), this.routes, capabilities);
				if (StatusDisplay.meets(a, requirement.tierRank())) {
					met++;
				}
				byDomain.computeIfAbsent(capabilities.domain(id), (d) -> new ArrayList<>()).add(line);
			}
			// framework order: D1 before D2, D2.10 after D2.9
			java.util.Comparator<LearnerRecord.Line> byCode = java.util.Comparator.comparing(LearnerRecord.Line::code,
					CohortMatrix::naturalOrder);
			List<LearnerRecord.Domain> domains = byDomain.entrySet()
				.stream()
				.map((e) -> new LearnerRecord.Domain(e.getKey(), e.getValue().stream().sorted(byCode).toList()))
				.sorted(java.util.Comparator.comparing((LearnerRecord.Domain d) -> d.capabilities().get(0).code(),
						CohortMatrix::naturalOrder))
				.toList();
			sections.add(new LearnerRecord.ProfileSection(role.code(), role.name(), met, role.requirements().size(),
					domains));
		}
		List<LearnerRecord.Line> other = held.values()
			.stream()
			.filter((a) -> !covered.contains(a.capabilityIdentifier()))
			.map((a) -> line(a.capabilityIdentifier(), false, null, a,
					evidence.getOrDefault(a.capabilityIdentifier(), List.of()), this.routes, capabilities))
			.toList();
		return new LearnerRecord(learner.value(), profile.name(), profile.organisationCodes(),
				organisationNames(profile.organisationCodes()), profile.jobRoles().stream().sorted().toList(), sections,
				other, now, activityNames(sections, other));
	}

	/** The names of these organisations, in the same order; a code when unknown. */
	public List<String> organisationNames(List<String> codes) {
		if (codes.isEmpty()) {
			return List.of();
		}
		Map<String, String> names = new java.util.HashMap<>();
		this.learners.allOrganisations().forEach((o) -> names.put(o.code(), o.name()));
		return codes.stream().map((c) -> names.getOrDefault(c, c)).toList();
	}

	/** Names of the activities the record's evidence and gap-closing routes name. */
	private Map<String, String> activityNames(List<LearnerRecord.ProfileSection> sections,
			List<LearnerRecord.Line> other) {
		Set<String> ids = new java.util.LinkedHashSet<>();
		java.util.function.Consumer<LearnerRecord.Line> collect = (line) -> {
			line.evidence().forEach((e) -> ids.add(e.activityId()));
			if (line.gap()) {
				line.routes().forEach((r) -> ids.add(r.namedActivity()));
			}
		};
		sections.forEach((s) -> s.domains().forEach((d) -> d.capabilities().forEach(collect)));
		other.forEach(collect);
		ids.remove(null);
		return this.routes.activityNames(ids);
	}

	private static LearnerRecord.Line line(String id, boolean mandatory, Integer requiredTier, CapabilityAttainment a,
			List<EvidenceEntry> evidence, CreditingRoutes routes, CapabilityDirectory capabilities) {
		Integer heldTier = (a != null) ? a.tier() : null;
		StatusDisplay status = StatusDisplay
			.of((a != null) ? a.status() : org.attc.tracker.crediting.AttainmentStatus.NOT_STARTED);
		return new LearnerRecord.Line(id, capabilities.code(id), capabilities.title(id), mandatory, requiredTier,
				capabilities.tierName(id, requiredTier), heldTier, capabilities.tierName(id, heldTier), status,
				(a != null) ? a.achievedAt() : null, (a != null) ? a.expiresAt() : null, evidence,
				routes.toClose(id, requiredTier));
	}

}
