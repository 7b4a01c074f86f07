package org.attc.tracker.crediting.internal.rule;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import org.attc.tracker.crediting.internal.rule.RuleOutcome.Kind;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The crediting rules against statements real producers sent (shared/fixtures/xapi). */
class CreditRuleTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final String QUIZ = "http://127.0.0.1:8181/mod/quiz/view.php?id=10";

	private static final String PAGE = "http://127.0.0.1:8181/mod/page/view.php?id=9";

	private static StatementFacts live(String file) {
		return facts("/xapi/moodle-live/statements/" + file);
	}

	private static StatementFacts facts(String resource) {
		try (InputStream in = CreditRuleTests.class.getResourceAsStream(resource)) {
			JsonNode statement = json.readTree(in);
			return StatementFacts.of(UUID.randomUUID(), statement, Instant.now());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static CreditRule exact(String activity) {
		return new CreditRule(new ActivityMatch(ActivityMatch.Kind.EXACT, activity), Set.of(), false, null, null);
	}

	@Test
	void aPassedQuizCompletionCredits() {
		assertThat(exact(QUIZ).evaluate(live("034-core.course_module_completion_updated.json")).kind())
			.isEqualTo(Kind.CREDIT);
	}

	@Test
	void aFailedAttemptSentAsCompletedDoesNotCredit() {
		RuleOutcome outcome = exact(QUIZ).evaluate(live("059-core.course_module_completion_updated.json"));
		assertThat(outcome.kind()).isEqualTo(Kind.NOT_MET);
		assertThat(outcome.reason()).contains("success is false");
	}

	@Test
	void moodleScaledScoresOnMinusOneToOneAreReadAsTheProportionOfRawToItsRange() {
		String attempt = "http://127.0.0.1:8181/mod/quiz/attempt.php?attempt=2&cmid=10";
		StatementFacts failed = live("060-mod_quiz.attempt_submitted.json");
		// raw 66.67 of 0..100 is sent with scaled 0.333
		assertThat(failed.scoreProportion()).isCloseTo(0.6667, org.assertj.core.data.Offset.offset(0.001));
		StatementFacts graded = live("128-mod_assign.submission_graded.json");
		assertThat(graded.scoreProportion()).isCloseTo(0.62, org.assertj.core.data.Offset.offset(0.001));

		CreditRule eightyPercent = new CreditRule(
				new ActivityMatch(ActivityMatch.Kind.PREFIX, "http://127.0.0.1:8181/mod/quiz/attempt.php"), Set.of(),
				false, 0.8, null);
		assertThat(eightyPercent.evaluate(failed).kind()).isEqualTo(Kind.NOT_MET);
		assertThat(eightyPercent.evaluate(live("091-mod_quiz.attempt_submitted.json")).kind()).isEqualTo(Kind.CREDIT);
		assertThat(failed.objectId()).isEqualTo(attempt);
	}

	@Test
	void anAssignmentGradedAboveTheMinimumCreditsWithTheScoredVerbWhenTheMappingAcceptsIt() {
		CreditRule scored = new CreditRule(
				new ActivityMatch(ActivityMatch.Kind.EXACT,
						"http://127.0.0.1:8181/mod/assign/view.php?id=11#submission"),
				Set.of("https://w3id.org/xapi/tla/verbs/scored"), true, 0.7, null);
		assertThat(scored.evaluate(live("126-mod_assign.submission_graded.json")).kind()).isEqualTo(Kind.CREDIT);
		assertThat(scored.evaluate(live("133-mod_assign.submission_graded.json")).kind()).isEqualTo(Kind.CREDIT);
		assertThat(scored.evaluate(live("128-mod_assign.submission_graded.json")).kind()).isEqualTo(Kind.NOT_MET);
	}

	@Test
	void unCompletingWithdrawsAndViewingIsNoSignal() {
		assertThat(exact(PAGE).evaluate(live("023-core.course_module_completion_updated.json")).kind())
			.isEqualTo(Kind.WITHDRAW);
		assertThat(exact(PAGE).evaluate(live("024-core.course_module_completion_updated.json")).kind())
			.isEqualTo(Kind.CREDIT);
	}

	@Test
	void courseCompletionWithoutAResultCreditsTheLmsCourse() {
		CreditRule course = new CreditRule(ActivityMatch.lmsCourse("http://127.0.0.1:8181/", "4"), Set.of(), false,
				null, null);
		assertThat(course.evaluate(live("123-core.course_completed.json")).kind()).isEqualTo(Kind.CREDIT);
		assertThat(course.evaluate(live("035-mod_quiz.attempt_submitted.json")).kind()).isEqualTo(Kind.IRRELEVANT);
	}

	@Test
	void requiringSuccessRefusesAStatementThatDoesNotSayItSucceeded() {
		CreditRule rule = new CreditRule(new ActivityMatch(ActivityMatch.Kind.EXACT, PAGE), Set.of(), true, null, null);
		assertThat(rule.evaluate(live("024-core.course_module_completion_updated.json")).kind())
			.isEqualTo(Kind.NOT_MET);
	}

	@Test
	void aFailedVerbNeverCreditsEvenWhenAMappingListsIt() {
		CreditRule rule = new CreditRule(
				new ActivityMatch(ActivityMatch.Kind.CMI5,
						"http://course-repository.example.edu/identifiers/courses/02baafcf/aus/4c07"),
				Set.of(Verbs.FAILED, Verbs.PASSED), false, null, null);
		assertThat(rule
			.evaluate(facts(
					"/xapi/valid/cmi5/11-completed_and_passed-masteryScore-failed_first__04-failed_statement.json"))
			.kind()).isEqualTo(Kind.NOT_MET);
	}

	@Test
	void cmi5ResultsCountTowardsMoveOnAndSatisfiedCreditsTheCourse() {
		String au = "http://course-repository.example.edu/identifiers/courses/02baafcf/aus/4c07";
		CreditRule auRule = new CreditRule(new ActivityMatch(ActivityMatch.Kind.CMI5, au), Set.of(), false, null,
				MoveOn.COMPLETED_AND_PASSED);
		assertThat(auRule.evaluate(facts("/xapi/valid/cmi5/09-completed_and_passed__04-passed_statement.json")).kind())
			.isEqualTo(Kind.CMI5_RESULT);
		assertThat(auRule.evaluate(facts("/xapi/valid/cmi5/09-completed_and_passed__03-initialized_statement.json"))
			.kind()).isEqualTo(Kind.IRRELEVANT);
		CreditRule course = new CreditRule(
				new ActivityMatch(ActivityMatch.Kind.CMI5,
						"http://course-repository.example.edu/identifiers/courses/02baafcf"),
				Set.of(), false, null, null);
		assertThat(
				course.evaluate(facts("/xapi/valid/cmi5/09-completed_and_passed__06-satisfied_statement.json")).kind())
			.isEqualTo(Kind.CREDIT);
		assertThat(MoveOn.COMPLETED_AND_PASSED.satisfiedBy(true, false)).isFalse();
		assertThat(MoveOn.COMPLETED_AND_PASSED.satisfiedBy(true, true)).isTrue();
		assertThat(MoveOn.COMPLETED_OR_PASSED.satisfiedBy(false, true)).isTrue();
	}

	@Test
	void aPrefixMappingCoversEveryActivityOfACourse() {
		CreditRule course = new CreditRule(new ActivityMatch(ActivityMatch.Kind.PREFIX, "http://127.0.0.1:8181/mod/"),
				Set.of(), false, null, null);
		assertThat(course.evaluate(live("031-core.course_module_completion_updated.json")).kind())
			.isEqualTo(Kind.CREDIT);
		assertThat(course.evaluate(live("123-core.course_completed.json")).kind()).isEqualTo(Kind.IRRELEVANT);
	}

}
