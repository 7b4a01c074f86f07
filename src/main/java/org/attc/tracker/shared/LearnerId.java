package org.attc.tracker.shared;

import java.io.Serializable;

/**
 * The identity of one learner (a person), whatever identifiers they arrive with.
 * Serializable: signed-in principals carry it into the database-held session.
 */
public record LearnerId(long value) implements Serializable {

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
