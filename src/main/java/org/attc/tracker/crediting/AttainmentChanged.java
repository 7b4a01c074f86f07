package org.attc.tracker.crediting;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.attc.tracker.shared.LearnerId;

/**
 * Evidence changed (credited, retracted, expired by a recompute) for these learners and
 * capabilities, so their attainment may have changed. Published after the change commits,
 * one event per crediting transaction rather than one per change: a batch of statements
 * touches many capabilities of the same learners, and each event costs every listener a
 * durable publication row and a delivery.
 *
 * @param changes each learner and capability whose evidence changed, at least one
 */
public record AttainmentChanged(List<Change> changes) {

	/** The most changes one event carries; a larger set is published in several. */
	public static final int MAX_CHANGES = 1000;

	public AttainmentChanged {
		if (changes == null || changes.isEmpty()) {
			throw new IllegalArgumentException("changes: at least one");
		}
		changes = List.copyOf(changes);
	}

	/** One learner's evidence for one capability changed. */
	public static AttainmentChanged of(LearnerId learner, String capabilityIdentifier) {
		return new AttainmentChanged(List.of(new Change(learner, capabilityIdentifier)));
	}

	/** The learners concerned, each once, in the order of their first change. */
	public Set<LearnerId> learners() {
		Set<LearnerId> learners = new LinkedHashSet<>();
		this.changes.forEach((c) -> learners.add(c.learner()));
		return learners;
	}

	/**
	 * A learner and capability whose evidence changed.
	 *
	 * @param learner the learner
	 * @param capabilityIdentifier the capability's identifier in the framework
	 */
	public record Change(LearnerId learner, String capabilityIdentifier) {
	}

}
