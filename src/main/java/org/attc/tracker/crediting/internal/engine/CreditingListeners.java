package org.attc.tracker.crediting.internal.engine;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.attc.tracker.framework.FrameworkPublished;
import org.attc.tracker.identity.LearnerSplit;
import org.attc.tracker.identity.LearnersMerged;
import org.attc.tracker.xapi.Statements;
import org.attc.tracker.xapi.StatementsStored;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Reacts to what other modules report. Each listener runs after the publisher committed,
 * in its own transaction, and is recorded in the event publication registry until it
 * completes: a crash between a statement's commit and its crediting loses nothing (the
 * event is republished on restart), and the ledger's keys make a second delivery a no-op.
 */
@Component
class CreditingListeners {

	private final Statements statements;

	private final StatementCrediting crediting;

	private final LearnerReassignment reassignment;

	private final RecomputeJobs jobs;

	private final AttainmentEvents events;

	CreditingListeners(Statements statements, StatementCrediting crediting, LearnerReassignment reassignment,
			RecomputeJobs jobs, AttainmentEvents events) {
		this.statements = statements;
		this.crediting = crediting;
		this.reassignment = reassignment;
		this.jobs = jobs;
		this.events = events;
	}

	/**
	 * As {@link ApplicationModuleListener} (after commit, own transaction, durable
	 * publication), on crediting's own bounded threads ({@link CreditingThreads}), at
	 * READ COMMITTED as every transaction that changes evidence (see
	 * {@link org.attc.tracker.crediting.internal.standing.StandingStore#recompute}).
	 */
	@Async(CreditingThreads.EXECUTOR)
	@Transactional(propagation = Propagation.REQUIRES_NEW, isolation = Isolation.READ_COMMITTED)
	@TransactionalEventListener
	void on(StatementsStored stored) {
		Set<Affected> affected = new LinkedHashSet<>(this.crediting.retractVoided(stored.voidedStatementIds()));
		affected.addAll(this.crediting.credit(this.statements.findByIds(stored.statementIds())));
		publish(affected);
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
