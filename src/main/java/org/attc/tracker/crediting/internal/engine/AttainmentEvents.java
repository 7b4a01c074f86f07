package org.attc.tracker.crediting.internal.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.attc.tracker.crediting.AttainmentChanged;
import org.attc.tracker.crediting.internal.standing.StandingKey;
import org.attc.tracker.crediting.internal.standing.StandingStore;
import org.attc.tracker.shared.LearnerId;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * What a change of evidence leads to: the standings written again (in the transaction
 * that changed the evidence), then the change announced as few {@link AttainmentChanged}
 * events as the size bound allows (one for any ordinary batch), so a listener finds the
 * new standing already there.
 */
@Component
class AttainmentEvents {

	private final StandingStore standings;

	private final ApplicationEventPublisher events;

	AttainmentEvents(StandingStore standings, ApplicationEventPublisher events) {
		this.standings = standings;
		this.events = events;
	}

	/** Writes the standings of what changed, then announces it. */
	void changed(Collection<Affected> affected) {
		recompute(affected);
		announce(affected);
	}

	/**
	 * Writes the standings of what changed (a recompute job's batch), to be announced
	 * once the job is done.
	 */
	void recompute(Collection<Affected> affected) {
		this.standings
			.recompute(affected.stream().map((a) -> new StandingKey(a.learnerId(), a.capabilityIdentifier())).toList());
	}

	/** Announces changes whose standings are written. */
	void announce(Collection<Affected> affected) {
		List<AttainmentChanged.Change> changes = new ArrayList<>(
				Math.min(affected.size(), AttainmentChanged.MAX_CHANGES));
		for (Affected a : affected) {
			changes.add(new AttainmentChanged.Change(new LearnerId(a.learnerId()), a.capabilityIdentifier()));
			if (changes.size() == AttainmentChanged.MAX_CHANGES) {
				this.events.publishEvent(new AttainmentChanged(changes));
				changes.clear();
			}
		}
		if (!changes.isEmpty()) {
			this.events.publishEvent(new AttainmentChanged(changes));
		}
	}

}
