package org.attc.tracker.identity.internal.learner;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.attc.tracker.identity.LearnerSplit;
import org.attc.tracker.identity.LearnersMerged;
import org.attc.tracker.identity.OrganisationKind;
import org.attc.tracker.shared.LearnerId;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

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

	private final LearnerResolution resolution;

	private final TransactionTemplate transaction;

	private final Placements placements;

	LearnerAdministration(LearnerRepository learners, LearnerMergeRepository merges,
			OrganisationRepository organisations, StaffScope scope, ApplicationEventPublisher events,
			LearnerResolution resolution, PlatformTransactionManager transactionManager, Placements placements) {
		this.placements = placements;
		this.resolution = resolution;
		this.transaction = new TransactionTemplate(transactionManager);
		this.learners = learners;
		this.merges = merges;
		this.organisations = organisations;
		this.scope = scope;
		this.events = events;
	}

	/** Merges {@code absorbedId} into {@code survivorId}; audited and reversible. */
	LearnerMerge merge(long survivorId, long absorbedId, String reason, Authentication caller) {
		requireStaffAccount(caller);
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
		requireStaffAccount(caller);
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
		requireStaffAccount(caller);
		Learner learner = this.learners.findById(learnerId).orElseThrow(() -> new UnknownLearner(learnerId));
		Set<Long> ids = organisationIds(codes);
		checkPlacement(caller, learner, ids, false);
		learner.assignOrganisations(ids, caller.getName());
		this.placements.chosen(learner.id(), Placements.ORGANISATION, codesOf(ids), caller.getName());
	}

	/**
	 * The one rule for placing a learner in organisations, for the single path and the
	 * upload alike: the caller must be allowed to change the learner (one they see; a
	 * learner outside their scope is answered as unknown, so nothing is learnt about it),
	 * unless the learner is new, made by this very request; and a coordinator may keep
	 * organisations the learner already has outside their scope, but add only their own.
	 * @param createdByThisRequest whether the learner did not exist before the request
	 * @throws UnknownLearner when the caller may not change the learner
	 * @throws IllegalArgumentException naming {@code organisations} for a foreign one
	 */
	private void checkPlacement(Authentication caller, Learner learner, Set<Long> ids, boolean createdByThisRequest) {
		if (!createdByThisRequest) {
			this.scope.checkCanChange(caller, learner);
		}
		Set<Long> changeable = this.scope.changeableOrganisations(caller);
		if (changeable != null
				&& !ids.stream().allMatch((o) -> changeable.contains(o) || learner.organisationIds().contains(o))) {
			throw new IllegalArgumentException("organisations: you may only assign your own organisations");
		}
	}

	/**
	 * Gives the same organisations to several learners (the unassigned worklist), all or
	 * nothing: each learner goes through {@link #assignOrganisations}, the single-learner
	 * rule, in one transaction.
	 * @return the learners changed
	 */
	List<Long> assignOrganisations(List<Long> learnerIds, List<String> codes, Authentication caller) {
		if (learnerIds == null || learnerIds.isEmpty() || learnerIds.contains(null)) {
			throw new IllegalArgumentException("learners: a list of learner ids is required");
		}
		if (learnerIds.size() > 1000) {
			throw new IllegalArgumentException("learners: at most 1000 learners at a time");
		}
		List<Long> changed = new ArrayList<>();
		for (Long id : new LinkedHashSet<>(learnerIds)) {
			try {
				assignOrganisations(id, codes, caller);
			}
			catch (UnknownLearner ex) {
				// the whole request fails: nothing is saved
				throw new IllegalArgumentException("learners: no learner " + id + " that you may change");
			}
			changed.add(id);
		}
		return changed;
	}

	/**
	 * Assigns organisations from a CSV file with the header
	 * {@code learnerId,organisations} (codes separated by {@code ;}), all or nothing:
	 * each row goes through {@link #assignOrganisations}, the single-learner rule; any
	 * problem (with its line) saves nothing.
	 * @return the learners changed
	 */
	List<Long> assignOrganisationsFromCsv(String text, Authentication caller) {
		List<LearnerCsv.Problem> problems = new ArrayList<>();
		List<List<String>> records = new ArrayList<>();
		List<Integer> lines = new ArrayList<>();
		LearnerCsv.records((text != null) ? text : "", records, lines, problems);
		if (problems.isEmpty() && (records.isEmpty() || !records.get(0)
			.stream()
			.map(String::strip)
			.toList()
			.equals(List.of("learnerId", "organisations")))) {
			problems.add(new LearnerCsv.Problem(1, "", "the first line must be the header learnerId,organisations"));
		}
		if (!problems.isEmpty()) {
			throw new InvalidLearnerFile(problems);
		}
		List<Long> changed = new ArrayList<>();
		for (int r = 1; r < records.size(); r++) {
			List<String> record = records.get(r);
			int line = lines.get(r);
			if (record.stream().allMatch(String::isBlank)) {
				continue;
			}
			if (record.size() != 2) {
				problems.add(new LearnerCsv.Problem(line, "", "expected 2 columns, found " + record.size()));
				continue;
			}
			long id;
			try {
				id = Long.parseLong(record.get(0).strip());
			}
			catch (NumberFormatException ex) {
				problems.add(new LearnerCsv.Problem(line, "learnerId", "not a learner id: " + record.get(0).strip()));
				continue;
			}
			List<String> codes = java.util.Arrays.stream(record.get(1).split(";"))
				.map(String::strip)
				.filter((c) -> !c.isEmpty())
				.toList();
			try {
				assignOrganisations(id, codes, caller);
				changed.add(id);
			}
			catch (UnknownLearner ex) {
				problems.add(new LearnerCsv.Problem(line, "learnerId", "no learner " + id + " that you may change"));
			}
			catch (IllegalArgumentException ex) {
				problems.add(new LearnerCsv.Problem(line, "organisations", ex.getMessage()));
			}
		}
		if (!problems.isEmpty()) {
			// thrown from the transaction: what the rows before did is rolled back
			throw new InvalidLearnerFile(problems);
		}
		return changed;
	}

	/**
	 * Gives a learner's organisations back to the rules (what a coordinator chose is
	 * dropped); the same rule as {@link #assignOrganisations} decides who may.
	 */
	void releaseOrganisations(long learnerId, Authentication caller) {
		requireStaffAccount(caller);
		Learner learner = visible(learnerId, caller);
		Set<Long> changeable = this.scope.changeableOrganisations(caller);
		if (changeable != null && !changeable.containsAll(learner.organisationIds())) {
			// the rules could take away an organisation the caller may not
			throw new IllegalArgumentException(
					"organisations: the learner holds organisations outside yours; ask an administrator");
		}
		learner.releaseOrganisations();
		this.learners.flush();
		this.placements.place(learner.id());
	}

	private List<String> codesOf(Set<Long> ids) {
		return this.organisations.findAllById(ids).stream().map(Organisation::code).sorted().toList();
	}

	void assignJobRoles(long learnerId, List<String> roles, Authentication caller) {
		requireStaffAccount(caller);
		Learner learner = visible(learnerId, caller);
		Set<String> cleaned = new LinkedHashSet<>();
		for (String role : roles) {
			if (role == null || role.isBlank() || role.length() > 100) {
				throw new IllegalArgumentException("jobRoles: each job role is a code of 1-100 characters");
			}
			cleaned.add(role.strip());
		}
		learner.assignJobRoles(cleaned, caller.getName());
		this.placements.chosen(learner.id(), Placements.JOB_ROLE, cleaned, caller.getName());
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

	/** What an upload did. */
	record ImportResult(int rows, List<Long> learners) {
	}

	/**
	 * Creates or updates learners from a CSV upload, all or nothing: every row is checked
	 * before anything is written, and a file with any problem changes nothing.
	 */
	@Transactional(propagation = Propagation.NOT_SUPPORTED)
	ImportResult importCsv(String text, Authentication caller) {
		requireStaffAccount(caller);
		List<LearnerCsv.Problem> problems = new ArrayList<>();
		List<LearnerCsv.Row> rows = LearnerCsv.parse(text, problems);
		Set<Long> visible = this.scope.changeableOrganisations(caller);
		List<IdentifierKey> keys = new ArrayList<>();
		for (LearnerCsv.Row row : rows) {
			try {
				keys.add(IdentifierKey.parse(row.identifier()));
			}
			catch (IllegalArgumentException ex) {
				keys.add(null);
				problems.add(new LearnerCsv.Problem(row.line(), "identifier", ex.getMessage()));
			}
			for (String code : row.organisations()) {
				Long id = this.organisations.findByCode(code).map(Organisation::id).orElse(null);
				if (id == null) {
					problems.add(new LearnerCsv.Problem(row.line(), "organisations", "no organisation " + code));
				}
				else if (visible != null && !visible.contains(id)) {
					problems.add(new LearnerCsv.Problem(row.line(), "organisations",
							"you may only assign your own organisations, not " + code));
				}
			}
			if (row.email() != null && !row.email().matches("[^@\\s]+@[^@\\s]+")) {
				problems.add(new LearnerCsv.Problem(row.line(), "email", "not an e-mail address: " + row.email()));
			}
			if (visible != null && row.organisations().isEmpty()) {
				problems.add(new LearnerCsv.Problem(row.line(), "organisations",
						"name one of your organisations, or the learner would be outside your view"));
			}
		}
		if (!problems.isEmpty()) {
			throw new InvalidLearnerFile(problems);
		}
		// one transaction for the whole file: identifiers resolve in it (learners are
		// created on first sight), so a row that the placement rule refuses rolls back
		// every learner and link the file made, not only the assignments
		List<Long> learners = new ArrayList<>();
		Instant started = Instant.now();
		this.transaction.executeWithoutResult((status) -> {
			List<LearnerCsv.Problem> refused = new ArrayList<>();
			for (int i = 0; i < rows.size(); i++) {
				LearnerCsv.Row row = rows.get(i);
				LearnerId id = this.resolution.resolveInCallersTransaction(keys.get(i), row.name(), row.email());
				Learner learner = this.learners.findById(id.value()).orElseThrow();
				boolean created = !learner.createdAt().isBefore(started) && learner.organisationIds().isEmpty();
				try {
					checkPlacement(caller, learner, organisationIds(row.organisations()), created);
				}
				catch (UnknownLearner ex) {
					// the same words whether the identifier is someone else's learner or
					// anything else this caller may not change: no id, name or
					// organisation
					refused.add(new LearnerCsv.Problem(row.line(), "identifier",
							"you may not change the learner with this identifier"));
					continue;
				}
				catch (IllegalArgumentException ex) {
					refused.add(new LearnerCsv.Problem(row.line(), "organisations", ex.getMessage()));
					continue;
				}
				learner.learnAbout(row.name(), row.email());
				if (!row.organisations().isEmpty()) {
					Set<Long> ids = organisationIds(row.organisations());
					learner.assignOrganisations(ids, caller.getName());
					this.placements.chosen(learner.id(), Placements.ORGANISATION, codesOf(ids), caller.getName());
				}
				if (!row.jobRoles().isEmpty()) {
					learner.assignJobRoles(new LinkedHashSet<>(row.jobRoles()), caller.getName());
					this.placements.chosen(learner.id(), Placements.JOB_ROLE, row.jobRoles(), caller.getName());
				}
				learners.add(learner.id());
			}
			if (!refused.isEmpty()) {
				throw new InvalidLearnerFile(refused);
			}
		});
		return new ImportResult(rows.size(), learners);
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

	/**
	 * Teachers who arrive from a course by LTI may look at its learners but not change
	 * them: merges, organisations and imports need a staff account.
	 */
	private void requireStaffAccount(Authentication caller) {
		if (this.scope.course(caller).isPresent()) {
			throw new AccessDeniedException(
					"changing learners needs a staff account; teachers signed in from a course can only view them");
		}
	}

	private Learner visible(long id, Authentication caller) {
		Learner learner = this.learners.findById(id).orElseThrow(() -> new UnknownLearner(id));
		this.scope.checkCanChange(caller, learner);
		return learner;
	}

}
