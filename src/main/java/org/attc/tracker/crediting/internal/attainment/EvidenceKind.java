package org.attc.tracker.crediting.internal.attainment;

/** The kinds of row in the append-only evidence ledger. */
public enum EvidenceKind {

	/** A statement met a mapping's rule. */
	CREDIT,
	/** A statement met a mapping's rule that gives points towards a threshold. */
	POINTS,
	/** An assessor observed the learner and signed the capability off. */
	SIGN_OFF,
	/** An attempt that did not meet the rule; counts as "in progress" only. */
	ATTEMPT,
	/**
	 * Takes back an earlier row (voided statement, deleted mapping, split learner,
	 * recompute).
	 */
	RETRACTION

}
