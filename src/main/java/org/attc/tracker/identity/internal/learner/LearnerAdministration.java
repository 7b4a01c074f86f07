package org.attc.tracker.identity.internal.learner;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.attc.tracker.identity.LearnerSplit;
import org.attc.tracker.identity.LearnersMerged;
import org.attc.tracker.identity.OrganisationKind;
import org.attc.tracker.shared.LearnerId;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What coordinators change about learners: merges and splits, organisations, job roles.
 */
@Component
@Transactional
class LearnerAdministration {

	private final LearnerRepository learners;

	private final LearnerMergeRepository merges;

	private final OrganisationRepository organisations;

	private final StaffScope scope;

	private final ApplicationEventPublisher events;

	LearnerAdministration(LearnerRepository learners, LearnerMergeRepository merges,
			OrganisationRepository organisations, StaffScope scope, ApplicationEventPublisher events) {
		this.learners = learners;
		this.merges = merges;
		this.organisations = organisations;
		this.scope = scope;
		this.events = events;
	}

	/** Merges {@code absorbedId} into {@code survivorId}; audited and reversible. */
	LearnerMerge merge(long survivorId, long absorbedId, String reason, Authentication caller) {
		if (survivorId == absorbedId) {
			throw new IllegalArgumentException("learnerId: a learner cannot be merged with itself");
		}
		Learner survivor = visible(survivorId, caller);
		Learner absorbed = visible(absorbedId, caller);
		if (survivor.mergedIntoId() != null || absorbed.mergedIntoId() != null) {
			throw new IllegalStateException("learner " + ((survivor.mergedIntoId() != null) ? survivorId : absorbedId)
					+ " was already merged into another learner; merge into that one instead");
		}
		String note = "merged by " + caller.getName() + ((reason != null && !reason.isBlank()) ? ": " + reason : "");
		List<Long> moved = survivor.absorb(absorbed, note);
		LearnerMerge merge = this.merges
			.save(new LearnerMerge(survivorId, absorbedId, caller.getName(), reason, moved));
		this.events.publishEvent(new LearnersMerged(merge.id(), survivor.learnerId(), absorbed.learnerId()));
		return merge;
	}

	/**
	 * Reverses a merge: the identifiers that came with the absorbed learner go back to
	 * it.
	 */
	LearnerMerge split(long survivorId, long mergeId, Authentication caller) {
		Learner survivor = visible(survivorId, caller);
		LearnerMerge merge = this.merges.findById(mergeId)
			.filter((m) -> m.survivorId().equals(survivorId))
			.orElseThrow(() -> new IllegalArgumentException(
					"mergeId: learner " + survivorId + " has no merge " + mergeId + " to reverse"));
		Learner restored = this.learners.findById(merge.absorbedId()).orElseThrow();
		merge.split(caller.getName());
		survivor.release(restored, merge.movedIdentifierIds(),
				"split by " + caller.getName() + " (merge " + mergeId + ")");
		this.events.publishEvent(new LearnerSplit(merge.id(), survivor.learnerId(), new LearnerId(restored.id())));
		return merge;
	}

	void assignOrganisations(long learnerId, List<String> codes, Authentication caller) {
		Learner learner = visible(learnerId, caller);
		Set<Long> ids = organisationIds(codes);
		Set<Long> visible = this.scope.visibleOrganisations(caller);
		if (visible != null && !visible.containsAll(ids)) {
			throw new IllegalArgumentException("organisations: you may only assign your own organisations");
		}
		learner.assignOrganisations(ids);
	}

	void assignJobRoles(long learnerId, List<String> roles, Authentication caller) {
		Learner learner = visible(learnerId, caller);
		Set<String> cleaned = new LinkedHashSet<>();
		for (String role : roles) {
			if (role == null || role.isBlank() || role.length() > 100) {
				throw new IllegalArgumentException("jobRoles: each job role is a code of 1-100 characters");
			}
			cleaned.add(role.strip());
		}
		learner.assignJobRoles(cleaned);
	}

	Organisation createOrganisation(String code, String name, OrganisationKind kind, String parentCode) {
		if (code != null && this.organisations.findByCode(code).isPresent()) {
			throw new IllegalStateException("an organisation with code " + code + " exists already");
		}
		Organisation parent = null;
		if (parentCode != null && !parentCode.isBlank()) {
			parent = this.organisations.findByCode(parentCode)
				.orElseThrow(() -> new IllegalArgumentException("parentCode: no organisation " + parentCode));
		}
		if (kind == null) {
			throw new IllegalArgumentException("kind: TRUST or SITE is required");
		}
		return this.organisations.save(new Organisation(code, name, kind, parent));
	}

	Set<Long> organisationIds(List<String> codes) {
		Set<Long> ids = new LinkedHashSet<>();
		List<String> unknown = new ArrayList<>();
		for (String code : codes) {
			this.organisations.findByCode(code).ifPresentOrElse((o) -> ids.add(o.id()), () -> unknown.add(code));
		}
		if (!unknown.isEmpty()) {
			throw new IllegalArgumentException("organisations: unknown organisation codes " + unknown);
		}
		return ids;
	}

	private Learner visible(long id, Authentication caller) {
		Learner learner = this.learners.findById(id).orElseThrow(() -> new UnknownLearner(id));
		this.scope.checkCanSee(caller, learner);
		return learner;
	}

}
