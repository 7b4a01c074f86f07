package org.attc.tracker.crediting.internal.rule;

import java.util.Set;

/**
 * When a statement about a mapped activity credits its capability.
 *
 * @param match which statements the rule is about
 * @param verbs verb IRIs that credit (empty for completed, passed, mastered); failed and
 * Moodle's uncompleted never credit
 * @param requireSuccess whether {@code result.success} must be true
 * @param minScore lowest score that credits, as a proportion on [0, 1] of the score's
 * range (see {@link StatementFacts#scoreProportion}); null for no minimum
 * @param moveOn for cmi5 AUs: which results within one registration satisfy the AU; null
 * when the mapping does not use cmi5 semantics
 */
public record CreditRule(ActivityMatch match, Set<String> verbs, boolean requireSuccess, Double minScore,
		MoveOn moveOn) {

	public CreditRule {
		verbs = (verbs == null || verbs.isEmpty()) ? Verbs.DEFAULT_CREDITING : Set.copyOf(verbs);
		if (minScore != null && (minScore < 0 || minScore > 1)) {
			throw new IllegalArgumentException("minScaledScore: a proportion between 0 and 1");
		}
	}

	public RuleOutcome evaluate(StatementFacts statement) {
		if (!this.match.matches(statement)) {
			return RuleOutcome.irrelevant("not about " + this.match.value());
		}
		String verb = statement.verb();
		if (Verbs.MOODLE_UNCOMPLETED.equals(verb)) {
			return new RuleOutcome(RuleOutcome.Kind.WITHDRAW, "the activity was marked not completed again");
		}
		if (Verbs.FAILED.equals(verb)) {
			return RuleOutcome.notMet("failed: a failed attempt never credits");
		}
		if (Verbs.SATISFIED.equals(verb) && statement.cmi5()) {
			// cmi5 §9.3.9: the LMS itself has judged the block or course satisfied
			return RuleOutcome.credit("cmi5 satisfied");
		}
		if (this.moveOn != null && statement.cmi5() && (Verbs.PASSED.equals(verb) || Verbs.COMPLETED.equals(verb))) {
			return new RuleOutcome(RuleOutcome.Kind.CMI5_RESULT,
					verb.substring(verb.lastIndexOf('/') + 1) + " towards moveOn " + this.moveOn);
		}
		if (!this.verbs.contains(verb) || Verbs.NEVER_CREDITING.contains(verb)) {
			return RuleOutcome.irrelevant("verb " + verb + " does not credit under this mapping");
		}
		// real producers (Moodle's quiz and completion events) send failed attempts as
		// "completed" with success false: completion alone is not success
		if (Boolean.FALSE.equals(statement.success())) {
			return RuleOutcome.notMet("result.success is false");
		}
		if (this.requireSuccess && !Boolean.TRUE.equals(statement.success())) {
			return RuleOutcome.notMet("the mapping requires result.success true, and it is not given");
		}
		if (this.minScore != null) {
			if (statement.scoreProportion() == null) {
				return RuleOutcome.notMet("the mapping requires a score of at least " + percent(this.minScore)
						+ ", and the statement has none");
			}
			if (statement.scoreProportion() < this.minScore - 1e-9) {
				return RuleOutcome.notMet("score " + percent(statement.scoreProportion()) + " is below the "
						+ percent(this.minScore) + " this mapping requires");
			}
			return RuleOutcome.credit(shortVerb(verb) + " with score " + percent(statement.scoreProportion()));
		}
		return RuleOutcome.credit(shortVerb(verb) + (Boolean.TRUE.equals(statement.success()) ? " with success" : ""));
	}

	private static String shortVerb(String verb) {
		return verb.substring(verb.lastIndexOf('/') + 1);
	}

	private static String percent(double proportion) {
		return Math.round(proportion * 1000) / 10.0 + "%";
	}

}
