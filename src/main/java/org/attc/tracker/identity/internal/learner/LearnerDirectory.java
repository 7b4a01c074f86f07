package org.attc.tracker.identity.internal.learner;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.attc.tracker.identity.LearnerProfile;
import org.attc.tracker.shared.AgentIdentifier;
import org.attc.tracker.shared.LearnerId;
import org.attc.tracker.shared.LearnerPrincipal;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Reads learners: profiles for other modules, full views for coordinators. */
@Component
@Transactional(readOnly = true)
public class LearnerDirectory {

	private final LearnerRepository learners;

	private final LearnerIdentifierRepository identifiers;

	private final LearnerMergeRepository merges;

	private final OrganisationRepository organisations;

	private final StaffScope scope;

	private final Placements placements;

	LearnerDirectory(LearnerRepository learners, LearnerIdentifierRepository identifiers, LearnerMergeRepository merges,
			OrganisationRepository organisations, StaffScope scope, Placements placements) {
		this.placements = placements;
		this.learners = learners;
		this.identifiers = identifiers;
		this.merges = merges;
		this.organisations = organisations;
		this.scope = scope;
	}

	public LearnerId current(LearnerId id) {
		Long current = id.value();
		for (int hops = 0; hops < 100; hops++) {
			Optional<Learner> learner = this.learners.findById(current);
			if (learner.isEmpty() || learner.get().mergedIntoId() == null) {
				return new LearnerId(current);
			}
			current = learner.get().mergedIntoId();
		}
		throw new IllegalStateException("merge chain of learner " + id + " does not end");
	}

	public Optional<LearnerProfile> profile(LearnerId id) {
		return this.learners.findById(current(id).value())
			.map((l) -> new LearnerProfile(l.learnerId(), l.displayName(), l.email(),
					organisationCodes(l.organisationIds()), l.jobRoles()));
	}

	public List<AgentIdentifier> agentIdentifiers(LearnerId id) {
		return this.learners.findById(current(id).value())
			.map((l) -> l.identifiers()
				.stream()
				.map((i) -> new IdentifierKey(i.kind(), i.keyText(), i.label()).toAgentIdentifier())
				.flatMap(Optional::stream)
				.toList())
			.orElse(List.of());
	}

	/**
	 * The ids of organisations given by code.
	 * @throws IllegalArgumentException naming the field {@code organisations} for unknown
	 * codes
	 */
	public boolean inOrganisation(LearnerId id, String organisationCode) {
		Optional<Organisation> organisation = this.organisations.findByCode(organisationCode);
		Optional<Learner> learner = this.learners.findById(id.value());
		if (organisation.isEmpty() || learner.isEmpty()) {
			return false;
		}
		Set<Long> within = new java.util.HashSet<>();
		within.add(organisation.get().id());
		this.organisations.findByParentIdIn(Set.of(organisation.get().id())).forEach((site) -> within.add(site.id()));
		return learner.get().organisationIds().stream().anyMatch(within::contains);
	}

	public Set<Long> organisationIdsByCode(Collection<String> codes) {
		Set<Long> ids = new java.util.LinkedHashSet<>();
		List<String> unknown = new java.util.ArrayList<>();
		for (String code : codes) {
			this.organisations.findByCode(code).ifPresentOrElse((o) -> ids.add(o.id()), () -> unknown.add(code));
		}
		if (!unknown.isEmpty()) {
			throw new IllegalArgumentException("organisations: unknown organisation codes " + unknown);
		}
		return ids;
	}

	/** The codes of organisations given by id, in code order. */
	public List<String> organisationCodesById(Collection<Long> ids) {
		return organisationCodes(ids);
	}

	public boolean canSee(Authentication caller, LearnerId id) {
		if (caller != null && caller.getPrincipal() instanceof LearnerPrincipal self
				&& current(self.learnerId()).equals(id)) {
			return true;
		}
		if (!StaffScope.isStaffReader(caller)) {
			return false;
		}
		Optional<Learner> learner = this.learners.findById(id.value());
		if (learner.isEmpty()) {
			return false;
		}
		try {
			this.scope.checkCanSee(caller, learner.get());
			return true;
		}
		catch (UnknownLearner ex) {
			return false;
		}
	}

	LearnerView view(long id, Authentication caller) {
		Learner learner = this.learners.findById(id).orElseThrow(() -> new UnknownLearner(id));
		this.scope.checkCanSee(caller, learner);
		return toView(learner);
	}

	Optional<LearnerView> findByIdentifier(IdentifierKey key, Authentication caller) {
		Optional<Learner> learner = this.identifiers.findByKeyHash(key.hash()).map(LearnerIdentifier::learner);
		if (learner.isEmpty()) {
			return Optional.empty();
		}
		this.scope.checkCanSee(caller, learner.get());
		return Optional.of(toView(learner.get()));
	}

	private LearnerView toView(Learner learner) {
		List<LearnerView.IdentifierView> identifierViews = learner.identifiers()
			.stream()
			.sorted(Comparator.comparing(LearnerIdentifier::id))
			.map((i) -> new LearnerView.IdentifierView(i.id(), i.kind().name().toLowerCase(), i.label(),
					new IdentifierKey(i.kind(), i.keyText(), i.label()).toAgentIdentifier()
						.map(AgentIdentifier::toJson)
						.orElse(null),
					i.linkRule().name().toLowerCase(), i.linkRule().explanation(), i.linkNote(), i.linkedAt()))
			.toList();
		List<LearnerView.MergeView> mergeViews = this.merges
			.findBySurvivorIdOrAbsorbedIdOrderByMergedAt(learner.id(), learner.id())
			.stream()
			.map((m) -> new LearnerView.MergeView(m.id(), m.survivorId(), m.absorbedId(), m.mergedBy(), m.mergedAt(),
					m.reason(), m.splitBy(), m.splitAt()))
			.toList();
		List<String> organisations = organisationCodes(learner.organisationIds());
		List<String> roles = learner.jobRoles().stream().sorted().toList();
		return new LearnerView(learner.id(), learner.displayName(), learner.email(), learner.mergedIntoId(),
				organisations, learner.jobRoles(), identifierViews, mergeViews,
				sources(organisations, this.placements.provenance(learner.id(), Placements.ORGANISATION)),
				sources(roles, this.placements.provenance(learner.id(), Placements.JOB_ROLE)),
				(learner.organisationsChosenBy() != null)
						? new LearnerView.Choice(learner.organisationsChosenBy(), learner.organisationsChosenAt())
						: null,
				(learner.jobRolesChosenBy() != null)
						? new LearnerView.Choice(learner.jobRolesChosenBy(), learner.jobRolesChosenAt()) : null);
	}

	private static List<LearnerView.SourceView> sources(List<String> held, Map<String, Placements.Provenance> known) {
		return held.stream().map((value) -> {
			Placements.Provenance p = known.get(value);
			return (p != null) ? new LearnerView.SourceView(value, p.source(), p.detail(), p.since())
					: new LearnerView.SourceView(value, "unknown", "held before sources were recorded", null);
		}).toList();
	}

	private List<String> organisationCodes(Collection<Long> ids) {
		Map<Long, Organisation> byId = this.organisations.findAllById(ids)
			.stream()
			.collect(Collectors.toMap(Organisation::id, Function.identity()));
		return ids.stream().map(byId::get).filter((o) -> o != null).map(Organisation::code).sorted().toList();
	}

}
