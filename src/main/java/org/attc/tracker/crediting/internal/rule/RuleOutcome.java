package org.attc.tracker.crediting.internal.rule;

/**
 * What one statement means for one mapping, with the reason in words (kept with the
 * evidence so that every attainment can be explained).
 */
public record RuleOutcome(Kind kind, String reason) {

	public enum Kind {

		/**
		 * The statement is not about the mapping's activity, or its verb is not a signal.
		 */
		IRRELEVANT,
		/** The statement meets the rule: it credits the capability. */
		CREDIT,
		/** An attempt that does not meet the rule (failed, score too low). */
		NOT_MET,
		/** A cmi5 AU result that counts towards moveOn within its registration. */
		CMI5_RESULT,
		/** The producer took back an earlier completion of the activity. */
		WITHDRAW

	}

	static RuleOutcome irrelevant(String reason) {
		return new RuleOutcome(Kind.IRRELEVANT, reason);
	}

	static RuleOutcome credit(String reason) {
		return new RuleOutcome(Kind.CREDIT, reason);
	}

	static RuleOutcome notMet(String reason) {
		return new RuleOutcome(Kind.NOT_MET, reason);
	}

}
