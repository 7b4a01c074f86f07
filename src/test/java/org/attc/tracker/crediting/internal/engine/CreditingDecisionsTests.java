package org.attc.tracker.crediting.internal.engine;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.attc.tracker.crediting.internal.attainment.EvidenceKind;
import org.attc.tracker.crediting.internal.engine.LedgerChange.Retraction;
import org.attc.tracker.crediting.internal.ledger.EvidenceRow;
import org.attc.tracker.crediting.internal.ledger.NewEvidence;
import org.attc.tracker.crediting.internal.rule.ActivityMatch;
import org.attc.tracker.crediting.internal.rule.CreditRule;
import org.attc.tracker.crediting.internal.rule.MoveOn;
import org.attc.tracker.crediting.internal.rule.RuleOutcome;
import org.attc.tracker.crediting.internal.rule.StatementFacts;
import org.attc.tracker.shared.LearnerId;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

/**
 * Crediting's decisions without a database: what a statement's outcome appends or takes
 * back, judged on statements real producers sent (Moodle's log store, the cmi5 samples).
 */
class CreditingDecisionsTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final String PAGE = "http://127.0.0.1:8181/mod/page/view.php?id=9";

	private static final String QUIZ = "http://127.0.0.1:8181/mod/quiz/view.php?id=10";

	private static final String AU = "http://course-repository.example.edu/identifiers/courses/02baafcf/aus/4c07";

	private static final String CMI5 = "/xapi/valid/cmi5/09-completed_and_passed__";

	private static final long LEARNER = 41;

	private long nextRowId = 1;

	@Test
	void aCreditIsKeyedByStatementAndMappingAndExpiresAfterTheMappingsValidity() {
		MappingTerms mapping = mapping(7, exact(PAGE), null, 12);
		StatementFacts completed = live("024-core.course_module_completion_updated.json");

		LedgerChange change = decide(mapping, completed, List.of());

		assertThat(change.retractions()).isEmpty();
		NewEvidence credit = single(change);
		assertThat(credit.kind()).isEqualTo(EvidenceKind.CREDIT);
		assertThat(credit.baseKey()).isEqualTo("s:" + completed.statementId() + ":m:7");
		assertThat(credit.learnerId()).isEqualTo(LEARNER);
		assertThat(credit.capabilityIdentifier()).isEqualTo("cap-7");
		assertThat(credit.mappingId()).isEqualTo(7L);
		assertThat(credit.activityId()).isEqualTo(PAGE);
		assertThat(credit.achievedAt()).isEqualTo(Instant.parse("2026-11-25T17:22:26Z"));
		assertThat(credit.expiresAt()).isEqualTo(Instant.parse("2027-11-25T17:22:26Z"));
		assertThat(credit.points()).isNull();
	}

	@Test
	void aCreditWithoutValidityNeverExpires() {
		NewEvidence credit = single(decide(mapping(7, exact(PAGE), null, null),
				live("024-core.course_module_completion_updated.json"), List.of()));
		assertThat(credit.expiresAt()).isNull();
	}

	@Test
	void aMappingWithPointsGivesPointsTowardsItsThreshold() {
		MappingTerms mapping = new MappingTerms(7, "cap-7", 2, 3, 10, null, exact(PAGE));
		NewEvidence points = single(decide(mapping, live("024-core.course_module_completion_updated.json"), List.of()));
		assertThat(points.kind()).isEqualTo(EvidenceKind.POINTS);
		assertThat(points.points()).isEqualTo(3);
		assertThat(points.threshold()).isEqualTo(10);
	}

	@Test
	void aFailedQuizSentAsCompletedIsKeptAsAnAttemptUnderItsOwnKeyAndNeverExpires() {
		MappingTerms mapping = mapping(8, exact(QUIZ), null, 12);
		StatementFacts failed = live("059-core.course_module_completion_updated.json");

		NewEvidence attempt = single(decide(mapping, failed, List.of()));

		assertThat(attempt.kind()).isEqualTo(EvidenceKind.ATTEMPT);
		assertThat(attempt.baseKey()).isEqualTo("a:s:" + failed.statementId() + ":m:8");
		assertThat(attempt.reason()).contains("success is false");
		assertThat(attempt.expiresAt()).isNull();
	}

	@Test
	void theEvidenceKeepsMoodlesScoreAsAProportionOfItsRangeNotTheScaledValue() {
		MappingTerms mapping = mapping(9,
				new CreditRule(
						new ActivityMatch(ActivityMatch.Kind.PREFIX, "http://127.0.0.1:8181/mod/quiz/attempt.php"),
						Set.of(), false, 0.8, null),
				null, null);
		// raw 66.67 of 0..100, sent with scaled 0.333 (Moodle's 2p - 1)
		NewEvidence attempt = single(decide(mapping, live("060-mod_quiz.attempt_submitted.json"), List.of()));
		assertThat(attempt.kind()).isEqualTo(EvidenceKind.ATTEMPT);
		assertThat(attempt.score()).isCloseTo(0.6667, offset(0.001));
	}

	@Test
	void aStatementTheRuleIsNotAboutChangesNothing() {
		MappingTerms mapping = mapping(7, exact(PAGE), null, null);
		LedgerChange change = decide(mapping, live("059-core.course_module_completion_updated.json"), List.of());
		assertThat(change.isEmpty()).isTrue();
	}

	@Test
	void onlyWithdrawalsAndCmi5ResultsReadTheLedger() {
		assertThat(CreditingDecisions.readsLedger(new RuleOutcome(RuleOutcome.Kind.WITHDRAW, ""))).isTrue();
		assertThat(CreditingDecisions.readsLedger(new RuleOutcome(RuleOutcome.Kind.CMI5_RESULT, ""))).isTrue();
		assertThat(CreditingDecisions.readsLedger(new RuleOutcome(RuleOutcome.Kind.CREDIT, ""))).isFalse();
		assertThat(CreditingDecisions.readsLedger(new RuleOutcome(RuleOutcome.Kind.NOT_MET, ""))).isFalse();
	}

	@Test
	void unTickingACompletionWithdrawsTheEarlierCreditsOfThatActivityOnly() {
		MappingTerms mapping = mapping(7,
				new CreditRule(new ActivityMatch(ActivityMatch.Kind.PREFIX, "http://127.0.0.1:8181/mod/"), Set.of(),
						false, null, null),
				null, null);
		StatementFacts completedPage = live("024-core.course_module_completion_updated.json");
		EvidenceRow pageCredit = row(single(decide(mapping, completedPage, List.of())));
		EvidenceRow quizCredit = row(
				single(decide(mapping, live("034-core.course_module_completion_updated.json"), List.of())));
		EvidenceRow failedQuiz = row(
				single(decide(mapping, live("059-core.course_module_completion_updated.json"), List.of())));
		// the learner un-ticks the page a minute later
		StatementFacts unticked = at(live("023-core.course_module_completion_updated.json"),
				completedPage.timestamp().plusSeconds(60));

		LedgerChange change = decide(mapping, unticked, List.of(pageCredit, quizCredit, failedQuiz));

		assertThat(change.appends()).isEmpty();
		assertThat(change.retractions()).extracting(Retraction::row).containsExactly(pageCredit);
		assertThat(change.retractions().get(0).reason()).contains("withdrawn")
			.contains(unticked.statementId().toString());
	}

	@Test
	void theUncompletedMoodleSendsWithAPagesFirstCompletionDoesNotWithdrawIt() {
		// Moodle's first view of a complete-on-view page: "uncompleted" then "completed",
		// the same second, in one request
		MappingTerms mapping = mapping(7, exact(PAGE), null, null);
		StatementFacts uncompleted = live("023-core.course_module_completion_updated.json");
		StatementFacts completed = live("024-core.course_module_completion_updated.json");
		assertThat(uncompleted.timestamp()).isEqualTo(completed.timestamp());

		assertThat(decide(mapping, uncompleted, List.of()).isEmpty()).isTrue();
		EvidenceRow credit = row(single(decide(mapping, completed, List.of())));
		// redelivered in either order, the completion stands
		assertThat(decide(mapping, uncompleted, List.of(credit)).isEmpty()).isTrue();
	}

	@Test
	void aMoodleCompletionWithARegistrationIsNoCmi5ResultEvenUnderAMoveOnMapping() {
		MappingTerms mapping = mapping(7, new CreditRule(new ActivityMatch(ActivityMatch.Kind.EXACT, PAGE), Set.of(),
				false, null, MoveOn.COMPLETED_AND_PASSED), null, null);
		StatementFacts completed = live("024-core.course_module_completion_updated.json");
		assertThat(completed.registration()).isNotNull();
		assertThat(single(decide(mapping, completed, List.of())).kind()).isEqualTo(EvidenceKind.CREDIT);
	}

	@Test
	void aCmi5ResultIsAnAttemptUntilItsRegistrationMeetsMoveOn() {
		MappingTerms mapping = mapping(5, cmi5(MoveOn.COMPLETED_AND_PASSED), null, null);
		StatementFacts passed = cmi5Statement("04-passed_statement.json");

		LedgerChange change = decide(mapping, passed, List.of());

		NewEvidence attempt = single(change);
		assertThat(attempt.kind()).isEqualTo(EvidenceKind.ATTEMPT);
		assertThat(attempt.registration()).isEqualTo(passed.registration());
		assertThat(attempt.baseKey()).isEqualTo("a:s:" + passed.statementId() + ":m:5");
	}

	@Test
	void completedAndPassedInOneRegistrationCreditsTheAuOnceAsOfTheLaterResult() {
		MappingTerms mapping = mapping(5, cmi5(MoveOn.COMPLETED_AND_PASSED), null, 24);
		StatementFacts passed = cmi5Statement("04-passed_statement.json");
		StatementFacts completed = cmi5Statement("05-completed_statement.json");
		EvidenceRow passedAttempt = row(single(decide(mapping, passed, List.of())));

		LedgerChange change = decide(mapping, completed, List.of(passedAttempt));

		assertThat(change.appends()).extracting(NewEvidence::kind)
			.containsExactly(EvidenceKind.ATTEMPT, EvidenceKind.CREDIT);
		NewEvidence credit = change.appends().get(1);
		assertThat(credit.baseKey()).isEqualTo("c5:" + completed.registration() + ":m:5");
		assertThat(credit.achievedAt()).isEqualTo(completed.timestamp());
		assertThat(credit.expiresAt()).isEqualTo(Instant.parse("2018-06-09T18:47:52.984Z"));
		assertThat(credit.reason()).contains("moveOn COMPLETED_AND_PASSED").contains(completed.registration());
	}

	@Test
	void theAuCreditIsDatedByTheLatestResultWhicheverArrivesLast() {
		MappingTerms mapping = mapping(5, cmi5(MoveOn.COMPLETED_AND_PASSED), null, null);
		StatementFacts passed = cmi5Statement("04-passed_statement.json");
		StatementFacts completed = cmi5Statement("05-completed_statement.json");
		EvidenceRow completedAttempt = row(single(decide(mapping, completed, List.of())));

		// delivered out of order: the passed result (earlier) arrives second
		LedgerChange change = decide(mapping, passed, List.of(completedAttempt));

		assertThat(change.appends().get(1).achievedAt()).isEqualTo(completed.timestamp());
	}

	@Test
	void resultsOfAnotherRegistrationDoNotCountTowardsMoveOn() {
		MappingTerms mapping = mapping(5, cmi5(MoveOn.COMPLETED_AND_PASSED), null, null);
		StatementFacts passed = cmi5Statement("04-passed_statement.json");
		StatementFacts completedElsewhere = inRegistration(cmi5Statement("05-completed_statement.json"),
				UUID.randomUUID().toString());
		EvidenceRow otherAttempt = row(single(decide(mapping, completedElsewhere, List.of())));

		LedgerChange change = decide(mapping, passed, List.of(otherAttempt));

		assertThat(change.appends()).extracting(NewEvidence::kind).containsExactly(EvidenceKind.ATTEMPT);
	}

	@Test
	void aSingleResultMeetsAMoveOnThatAsksForItAlone() {
		MappingTerms mapping = mapping(5, cmi5(MoveOn.PASSED), null, null);
		LedgerChange change = decide(mapping, cmi5Statement("04-passed_statement.json"), List.of());
		assertThat(change.appends()).extracting(NewEvidence::kind)
			.containsExactly(EvidenceKind.ATTEMPT, EvidenceKind.CREDIT);
	}

	@Test
	void aCmi5ResultWithoutARegistrationIsOnlyAnAttempt() {
		MappingTerms mapping = mapping(5, cmi5(MoveOn.PASSED), null, null);
		LedgerChange change = decide(mapping, inRegistration(cmi5Statement("04-passed_statement.json"), null),
				List.of());
		assertThat(change.appends()).extracting(NewEvidence::kind).containsExactly(EvidenceKind.ATTEMPT);
	}

	@Test
	void aVoidedStatementLosesAllItsEvidence() {
		MappingTerms mapping = mapping(5, cmi5(MoveOn.PASSED), null, null);
		StatementFacts passed = cmi5Statement("04-passed_statement.json");
		List<EvidenceRow> rows = decide(mapping, passed, List.of()).appends().stream().map(this::row).toList();

		List<Retraction> retractions = CreditingDecisions.voided(rows);

		assertThat(retractions).extracting(Retraction::row).containsExactlyElementsOf(rows);
		assertThat(retractions)
			.allSatisfy((r) -> assertThat(r.reason()).isEqualTo("statement " + passed.statementId() + " was voided"));
	}

	@Test
	void aDeletedMappingTakesBackEverythingItGaveWithTheReasonGiven() {
		MappingTerms mapping = mapping(7, exact(PAGE), null, null);
		EvidenceRow credit = row(
				single(decide(mapping, live("024-core.course_module_completion_updated.json"), List.of())));
		assertThat(CreditingDecisions.mappingWithdrawn(null, List.of(credit), "mapping 7 deleted by ann"))
			.containsExactly(new Retraction(credit, "mapping 7 deleted by ann"));
	}

	@Test
	void aMappingThatNowCreditsAnotherCapabilityOrTierTakesBackOnlyRowsNamingTheOldOnes() {
		MappingTerms before = mapping(7, exact(PAGE), null, null);
		EvidenceRow old = row(
				single(decide(before, live("024-core.course_module_completion_updated.json"), List.of())));
		MappingTerms otherTier = new MappingTerms(7, before.capabilityIdentifier(), before.tierRank() + 1, null, null,
				null, before.rule());
		MappingTerms otherCapability = new MappingTerms(7, "ATTC-OTHER", before.tierRank(), null, null, null,
				before.rule());
		EvidenceRow current = row(
				single(decide(otherTier, live("031-core.course_module_completion_updated.json"), List.of())));

		assertThat(CreditingDecisions.mappingWithdrawn(otherTier, List.of(old, current), "changed"))
			.containsExactly(new Retraction(old, "changed"));
		assertThat(CreditingDecisions.mappingWithdrawn(otherCapability, List.of(old), "changed"))
			.containsExactly(new Retraction(old, "changed"));
		assertThat(CreditingDecisions.mappingWithdrawn(before, List.of(old), "unchanged")).isEmpty();
	}

	@Test
	void aRecomputeTakesBackOnlyOlderRowsItNoLongerCallsFor() {
		MappingTerms mapping = mapping(7, exact(PAGE), null, null);
		EvidenceRow stillCalledFor = row(
				single(decide(mapping, live("024-core.course_module_completion_updated.json"), List.of())));
		EvidenceRow noLonger = row(
				single(decide(mapping, live("031-core.course_module_completion_updated.json"), List.of())));
		Instant started = Instant.now().plusSeconds(1);
		EvidenceRow recordedDuringTheJob = row(
				single(decide(mapping, live("077-core.course_module_completion_updated.json"), List.of())),
				started.plusSeconds(1));

		List<Retraction> retractions = CreditingDecisions.noLongerCalledFor(3, started,
				List.of(stillCalledFor, noLonger, recordedDuringTheJob), Set.of(stillCalledFor.baseKey()));

		assertThat(retractions).extracting(Retraction::row).containsExactly(noLonger);
		assertThat(retractions.get(0).reason()).startsWith("recompute 3:");
	}

	@Test
	void afterAMergeEvidenceMovesToTheLearnerItsStatementNowBelongsTo() {
		MappingTerms mapping = mapping(7, exact(PAGE), 12, 12);
		EvidenceRow credit = row(
				single(decide(mapping, live("024-core.course_module_completion_updated.json"), List.of())));

		LedgerChange change = CreditingDecisions.reassigned(credit, Optional.of(new LearnerId(99)));

		assertThat(change.retractions()).extracting(Retraction::row).containsExactly(credit);
		NewEvidence moved = single(change);
		assertThat(moved.learnerId()).isEqualTo(99);
		assertThat(moved).usingRecursiveComparison()
			.ignoringFields("learnerId")
			.isEqualTo(NewEvidence.copyOf(credit, LEARNER));
		assertThat(moved.baseKey()).isEqualTo(credit.baseKey());
	}

	@Test
	void evidenceStaysWhenItsOwnerIsUnchangedOrUnknown() {
		EvidenceRow credit = row(single(decide(mapping(7, exact(PAGE), null, null),
				live("024-core.course_module_completion_updated.json"), List.of())));
		assertThat(CreditingDecisions.reassigned(credit, Optional.of(new LearnerId(LEARNER))).isEmpty()).isTrue();
		assertThat(CreditingDecisions.reassigned(credit, Optional.empty()).isEmpty()).isTrue();
	}

	// what the services do: the rule's outcome, then the decision
	private static LedgerChange decide(MappingTerms mapping, StatementFacts facts, List<EvidenceRow> current) {
		RuleOutcome outcome = mapping.rule().evaluate(facts);
		return CreditingDecisions.apply(mapping, facts, LEARNER, outcome,
				CreditingDecisions.readsLedger(outcome) ? current : List.of());
	}

	private static NewEvidence single(LedgerChange change) {
		assertThat(change.appends()).hasSize(1);
		return change.appends().get(0);
	}

	private static MappingTerms mapping(long id, CreditRule rule, Integer points, Integer validityMonths) {
		return new MappingTerms(id, "cap-" + id, 2, points, (points != null) ? 30 : null, validityMonths, rule);
	}

	private static CreditRule exact(String activity) {
		return new CreditRule(new ActivityMatch(ActivityMatch.Kind.EXACT, activity), Set.of(), false, null, null);
	}

	private static CreditRule cmi5(MoveOn moveOn) {
		return new CreditRule(new ActivityMatch(ActivityMatch.Kind.CMI5, AU), Set.of(), false, null, moveOn);
	}

	/** The row the ledger would hold for this evidence, recorded now. */
	private EvidenceRow row(NewEvidence e) {
		return row(e, Instant.now());
	}

	private EvidenceRow row(NewEvidence e, Instant recordedAt) {
		return EvidenceRow.builder()
			.id(this.nextRowId++)
			.learnerId(e.learnerId())
			.capability(e.capabilityIdentifier(), e.tierRank())
			.kind(e.kind())
			.points(e.points(), e.threshold())
			.mappingId(e.mappingId())
			.statementId(e.statementId())
			.activityId(e.activityId())
			.registration(e.registration())
			.verb(e.verb())
			.score(e.score())
			.recordedBy(e.recordedBy())
			.reason(e.reason())
			.achievedAt(e.achievedAt())
			.expiresAt(e.expiresAt())
			.recordedAt(recordedAt)
			.baseKey(e.baseKey())
			.build();
	}

	private static StatementFacts live(String file) {
		return facts("/xapi/moodle-live/statements/" + file);
	}

	private static StatementFacts cmi5Statement(String file) {
		return facts(CMI5 + file);
	}

	private static StatementFacts facts(String resource) {
		try (InputStream in = CreditingDecisionsTests.class.getResourceAsStream(resource)) {
			JsonNode statement = json.readTree(in);
			return StatementFacts.of(UUID.randomUUID(), statement,
					Instant.parse(statement.get("timestamp").asString()));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static StatementFacts at(StatementFacts f, Instant timestamp) {
		return new StatementFacts(f.statementId(), f.actor(), f.verb(), f.objectId(), f.objectIsActivity(),
				f.contextActivityIds(), f.groupingIds(), f.registration(), timestamp, f.success(), f.completion(),
				f.scoreProportion(), f.cmi5());
	}

	private static StatementFacts inRegistration(StatementFacts f, String registration) {
		return new StatementFacts(f.statementId(), f.actor(), f.verb(), f.objectId(), f.objectIsActivity(),
				f.contextActivityIds(), f.groupingIds(), registration, f.timestamp(), f.success(), f.completion(),
				f.scoreProportion(), f.cmi5());
	}

}
