package org.attc.tracker.crediting.internal.rule;

/** cmi5 §13.1.4 moveOn: what an AU's learner must do to satisfy it. */
public enum MoveOn {

	PASSED, COMPLETED, COMPLETED_AND_PASSED, COMPLETED_OR_PASSED, NOT_APPLICABLE;

	/** Whether the verbs seen in one registration satisfy this criterion. */
	public boolean satisfiedBy(boolean completed, boolean passed) {
		return switch (this) {
			case PASSED -> passed;
			case COMPLETED -> completed;
			case COMPLETED_AND_PASSED -> completed && passed;
			case COMPLETED_OR_PASSED -> completed || passed;
			case NOT_APPLICABLE -> true;
		};
	}

}
