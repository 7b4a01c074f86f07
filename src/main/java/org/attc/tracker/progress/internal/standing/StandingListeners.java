package org.attc.tracker.progress.internal.standing;

import java.util.List;

import org.attc.tracker.crediting.AttainmentChanged;
import org.attc.tracker.identity.LearnerSplit;
import org.attc.tracker.identity.LearnersMerged;
import org.attc.tracker.shared.LearnerId;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;

/**
 * Keeps the read model in step with crediting and identity. Delivery is at least once
 * (the event publication registry); a refresh recomputes whole learners from the ledger,
 * so a repeated or late event changes nothing, and marks are durable, so a restart loses
 * none. Job role and organisation changes need no listener: the rows hold no requirement,
 * which is applied when read.
 */
@Component
class StandingListeners {

	private final Standings standings;

	private final StaleLearnerRefresher refresher;

	StandingListeners(Standings standings, StaleLearnerRefresher refresher) {
		this.standings = standings;
		this.refresher = refresher;
	}

	/**
	 * Marks the learners and leaves the recomputing to {@link StaleLearnerRefresher}:
	 * marks from many crediting batches coalesce, and one recompute per learner covers
	 * them all.
	 */
	@ApplicationModuleListener
	void on(AttainmentChanged event) {
		this.standings.markChanged(event.learners().stream().map(LearnerId::value).toList());
		this.refresher.request();
	}

	@ApplicationModuleListener
	void on(LearnersMerged event) {
		this.standings.refresh(List.of(event.survivor().value(), event.absorbed().value()));
	}

	@ApplicationModuleListener
	void on(LearnerSplit event) {
		this.standings.refresh(List.of(event.survivor().value(), event.restored().value()));
	}

	/**
	 * A service that had evidence before the read model existed (an upgrade, a restored
	 * backup) builds it in the background; reads meanwhile recompute what they need.
	 */
	@Async
	@EventListener(ApplicationReadyEvent.class)
	void buildWhenMissing() {
		if (this.standings.needsBuilding()) {
			this.standings.rebuild();
		}
		// learners marked before a restart
		this.refresher.request();
	}

}
