package org.attc.tracker.crediting.internal.engine;

import java.util.List;
import java.util.Set;

import org.attc.tracker.framework.FrameworkPublished;
import org.attc.tracker.identity.LearnerSplit;
import org.attc.tracker.identity.LearnersMerged;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Reacts to what other modules report (stored statements: {@link CreditingQueue}). Each
 * listener runs after the publisher committed, in its own transaction, and is recorded in
 * the event publication registry until it completes: a crash between the publisher's
 * commit and the listener loses nothing (the event is republished on restart).
 */
@Component
class CreditingListeners {

	private final LearnerReassignment reassignment;

	private final RecomputeJobs jobs;

	private final AttainmentEvents events;

	CreditingListeners(LearnerReassignment reassignment, RecomputeJobs jobs, AttainmentEvents events) {
		this.reassignment = reassignment;
		this.jobs = jobs;
		this.events = events;
	}

	/** As {@link ApplicationModuleListener}, at READ COMMITTED. */
	@Async
	@Transactional(propagation = Propagation.REQUIRES_NEW, isolation = Isolation.READ_COMMITTED)
	@TransactionalEventListener
	void on(LearnersMerged merged) {
		publish(this.reassignment.reassign(List.of(merged.survivor(), merged.absorbed())));
	}

	/** As {@link ApplicationModuleListener}, at READ COMMITTED. */
	@Async
	@Transactional(propagation = Propagation.REQUIRES_NEW, isolation = Isolation.READ_COMMITTED)
	@TransactionalEventListener
	void on(LearnerSplit split) {
		publish(this.reassignment.reassign(List.of(split.survivor(), split.restored())));
	}

	@ApplicationModuleListener
	void on(FrameworkPublished published) {
		this.jobs.request("framework " + published.frameworkId() + " version " + published.versionId() + " published",
				null, "system");
	}

	private void publish(Set<Affected> affected) {
		this.events.changed(affected);
	}

}
