package org.attc.tracker.crediting.internal.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.attc.tracker.crediting.AttainmentChanged;
import org.attc.tracker.shared.LearnerId;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Publishes what a crediting transaction changed as few {@link AttainmentChanged} events
 * as the size bound allows (one for any ordinary batch).
 */
final class AttainmentEvents {

	private AttainmentEvents() {
	}

	static void publish(ApplicationEventPublisher events, Collection<Affected> affected) {
		List<AttainmentChanged.Change> changes = new ArrayList<>(
				Math.min(affected.size(), AttainmentChanged.MAX_CHANGES));
		for (Affected a : affected) {
			changes.add(new AttainmentChanged.Change(new LearnerId(a.learnerId()), a.capabilityIdentifier()));
			if (changes.size() == AttainmentChanged.MAX_CHANGES) {
				events.publishEvent(new AttainmentChanged(changes));
				changes.clear();
			}
		}
		if (!changes.isEmpty()) {
			events.publishEvent(new AttainmentChanged(changes));
		}
	}

}
