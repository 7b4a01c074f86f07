package org.attc.tracker.shared;

/** The identity of one learner (a person), whatever identifiers they arrive with. */
public record LearnerId(long value) {

	public LearnerId {
		if (value <= 0) {
			throw new IllegalArgumentException("a learner id is positive, was " + value);
		}
	}

	@Override
	public String toString() {
		return Long.toString(this.value);
	}

}
