package org.attc.tracker.crediting.internal.engine;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.attc.tracker.crediting.internal.attainment.EvidenceKind;
import org.attc.tracker.crediting.internal.engine.LedgerChange.Retraction;
import org.attc.tracker.crediting.internal.ledger.EvidenceRow;
import org.attc.tracker.crediting.internal.ledger.NewEvidence;
import org.attc.tracker.crediting.internal.rule.RuleOutcome;
import org.attc.tracker.crediting.internal.rule.StatementFacts;
import org.attc.tracker.crediting.internal.rule.Verbs;
import org.attc.tracker.shared.LearnerId;

/**
 * What crediting decides, as functions of values: which evidence a statement's outcome
 * under a mapping appends, which current evidence it (or a voiding, a removed mapping, a
 * recompute, a merge) takes back. The services load what these need, call them and write
 * the {@link LedgerChange}; whether a rule is met at all is {@code CreditRule}'s call.
 */
final class CreditingDecisions {

	private CreditingDecisions() {
	}

	/**
	 * Whether {@link #apply} needs the learner's current evidence under the mapping for
	 * this outcome (a withdrawal and a cmi5 result look at what came before).
	 */
	static boolean readsLedger(RuleOutcome outcome) {
		return outcome.kind() == RuleOutcome.Kind.WITHDRAW || outcome.kind() == RuleOutcome.Kind.CMI5_RESULT;
	}

	/**
	 * What one statement's outcome under one mapping changes in a learner's evidence.
	 * Evidence is keyed by statement and mapping, so applying the same statement again
	 * asks for the same rows (the ledger appends each key once).
	 * @param current the learner's current evidence under the mapping; needed only where
	 * {@link #readsLedger} says so
	 */
	static LedgerChange apply(MappingTerms mapping, StatementFacts facts, long learner, RuleOutcome outcome,
			List<EvidenceRow> current) {
		String statementKey = "s:" + facts.statementId() + ":m:" + mapping.id();
		return switch (outcome.kind()) {
			case IRRELEVANT -> LedgerChange.NONE;
			case CREDIT -> LedgerChange
				.append(evidence(mapping, facts, learner, mapping.creditKind(), outcome.reason(), statementKey));
			case NOT_MET -> LedgerChange
				.append(evidence(mapping, facts, learner, EvidenceKind.ATTEMPT, outcome.reason(), "a:" + statementKey));
			case WITHDRAW -> LedgerChange.retract(withdrawn(facts, current));
			case CMI5_RESULT -> cmi5Result(mapping, facts, learner, outcome, "a:" + statementKey, current);
		};
	}

	/**
	 * Moodle's "uncompleted" takes back the credits (and points) of the same activity
	 * that were achieved before it; attempts stay, and a completion at the same instant
	 * or later stands (Moodle sends "uncompleted" then "completed" on a page's first
	 * view).
	 */
	static List<Retraction> withdrawn(StatementFacts uncompleted, List<EvidenceRow> current) {
		List<Retraction> retractions = new ArrayList<>();
		for (EvidenceRow row : current) {
			if ((row.kind() == EvidenceKind.CREDIT || row.kind() == EvidenceKind.POINTS)
					&& uncompleted.objectId().equals(row.activityId())
					&& row.achievedAt().isBefore(uncompleted.timestamp())) {
				retractions.add(new Retraction(row,
						"withdrawn: statement " + uncompleted.statementId() + " marked the activity not completed"));
			}
		}
		return retractions;
	}

	/**
	 * cmi5 §13.1.4 moveOn is judged per registration: the result is kept as an attempt,
	 * and once the results recorded in its registration (this one included) meet the AU's
	 * criterion, the AU credits once per registration, as of the latest of them. A result
	 * without a registration is only an attempt.
	 */
	static LedgerChange cmi5Result(MappingTerms mapping, StatementFacts facts, long learner, RuleOutcome outcome,
			String attemptKey, List<EvidenceRow> current) {
		LedgerChange change = LedgerChange
			.append(evidence(mapping, facts, learner, EvidenceKind.ATTEMPT, outcome.reason(), attemptKey));
		String registration = facts.registration();
		if (registration == null) {
			return change;
		}
		boolean completed = Verbs.COMPLETED.equals(facts.verb());
		boolean passed = Verbs.PASSED.equals(facts.verb());
		Instant latest = facts.timestamp();
		for (EvidenceRow row : current) {
			if (row.kind() == EvidenceKind.ATTEMPT && registration.equals(row.registration())) {
				completed |= Verbs.COMPLETED.equals(row.verb());
				passed |= Verbs.PASSED.equals(row.verb());
				latest = row.achievedAt().isAfter(latest) ? row.achievedAt() : latest;
			}
		}
		if (!mapping.rule().moveOn().satisfiedBy(completed, passed)) {
			return change;
		}
		StatementFacts satisfiedAt = new StatementFacts(facts.statementId(), facts.actor(), facts.verb(),
				facts.objectId(), facts.objectIsActivity(), facts.contextActivityIds(), facts.groupingIds(),
				registration, latest, facts.success(), facts.completion(), facts.scoreProportion(), true);
		return change.and(LedgerChange.append(evidence(mapping, satisfiedAt, learner, mapping.creditKind(),
				"cmi5 moveOn " + mapping.rule().moveOn() + " met in registration " + registration,
				"c5:" + registration + ":m:" + mapping.id())));
	}

	/** A voided statement's evidence is taken back, all of it. */
	static List<Retraction> voided(Collection<EvidenceRow> fromVoidedStatements) {
		return fromVoidedStatements.stream()
			.map((row) -> new Retraction(row, "statement " + row.statementId() + " was voided"))
			.toList();
	}

	/**
	 * A deleted mapping takes back everything it gave; one that now credits another
	 * capability or tier takes back the rows naming the old ones (evidence names its
	 * capability and tier, and the rows a recompute appends for the same statements would
	 * have the same keys, so these go first). Rows already matching the mapping stay.
	 * @param now what the mapping credits now, or {@code null} once it is deleted
	 */
	static List<Retraction> mappingWithdrawn(MappingTerms now, Collection<EvidenceRow> ofMapping, String reason) {
		return ofMapping.stream()
			.filter((row) -> now == null || !now.capabilityIdentifier().equals(row.capabilityIdentifier())
					|| now.tierRank() != row.tierRank())
			.map((row) -> new Retraction(row, reason))
			.toList();
	}

	/**
	 * After a recompute has applied every statement again, the rows of its mappings that
	 * it did not call for are taken back; rows recorded once the job had started are left
	 * to the crediting that recorded them.
	 * @param calledFor base keys of the evidence the recompute's statements call for
	 */
	static List<Retraction> noLongerCalledFor(long job, Instant started, Collection<EvidenceRow> ofMappings,
			Collection<String> calledFor) {
		return ofMappings.stream()
			.filter((row) -> row.recordedAt().isBefore(started) && !calledFor.contains(row.baseKey()))
			.map((row) -> new Retraction(row, "recompute " + job + ": the mapping's rule no longer credits this"))
			.toList();
	}

	/**
	 * After a merge or split, evidence follows its statement's actor: when the row's
	 * owner is now another learner, it is taken back from this one and the same evidence
	 * appended for the owner. Nothing when the owner is unknown or unchanged.
	 */
	static LedgerChange reassigned(EvidenceRow row, Optional<LearnerId> owner) {
		if (owner.isEmpty() || owner.get().value() == row.learnerId()) {
			return LedgerChange.NONE;
		}
		return new LedgerChange(List.of(NewEvidence.copyOf(row, owner.get().value())), List
			.of(new Retraction(row, "learner records merged or split: this now belongs to learner " + owner.get())));
	}

	private static NewEvidence evidence(MappingTerms mapping, StatementFacts facts, long learner, EvidenceKind kind,
			String reason, String key) {
		boolean points = kind == EvidenceKind.POINTS;
		return NewEvidence.of(learner, mapping.capabilityIdentifier(), mapping.tierRank(), kind)
			.points(points ? mapping.points() : null, points ? mapping.threshold() : null)
			.mapping(mapping.id())
			.statement(facts.statementId(), facts.objectId(), facts.registration(), facts.verb(),
					facts.scoreProportion())
			.reason(reason)
			.achievedAt(facts.timestamp())
			.expiresAt(expiry(mapping, facts.timestamp(), kind))
			.baseKey(key)
			.build();
	}

	/**
	 * A credit counts for the mapping's validity from when it was achieved; attempts
	 * never expire.
	 */
	static Instant expiry(MappingTerms mapping, Instant achievedAt, EvidenceKind kind) {
		if (kind == EvidenceKind.ATTEMPT || mapping.validityMonths() == null) {
			return null;
		}
		return achievedAt.atZone(ZoneOffset.UTC).plusMonths(mapping.validityMonths()).toInstant();
	}

}
