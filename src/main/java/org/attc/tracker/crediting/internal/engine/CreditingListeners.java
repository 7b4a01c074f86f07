package org.attc.tracker.crediting.internal.engine;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.attc.tracker.framework.FrameworkPublished;
import org.attc.tracker.identity.LearnerSplit;
import org.attc.tracker.identity.LearnersMerged;
import org.attc.tracker.runtime.ConflictRetry;
import org.attc.tracker.runtime.DatabaseSession;
import org.attc.tracker.xapi.Statements;
import org.attc.tracker.xapi.StatementsStored;
import org.attc.tracker.xapi.StoredStatement;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

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

	private final TransactionTemplate ownTransaction;

	private final JdbcOperations jdbc;

	CreditingListeners(Statements statements, StatementCrediting crediting, LearnerReassignment reassignment,
			RecomputeJobs jobs, AttainmentEvents events, PlatformTransactionManager transactions, JdbcOperations jdbc) {
		this.statements = statements;
		this.crediting = crediting;
		this.reassignment = reassignment;
		this.jobs = jobs;
		this.events = events;
		this.jdbc = jdbc;
		this.ownTransaction = new TransactionTemplate(transactions);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		// as every transaction that changes evidence (StandingStore#recompute)
		this.ownTransaction.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
	}

	/**
	 * As {@link ApplicationModuleListener} (after commit, own transaction, durable
	 * publication), on crediting's own bounded threads ({@link CreditingThreads}). Two
	 * batches crediting the same learner can deadlock (or, on Galera, fail
	 * certification): the loser's transaction runs again.
	 */
	@Async(CreditingThreads.EXECUTOR)
	@TransactionalEventListener
	void on(StatementsStored stored) {
		ConflictRetry.runWithoutResult(() -> this.ownTransaction.executeWithoutResult((tx) -> {
			// a failover part-way would commit only the credits written after it, and the
			// event would complete (a Galera node killed under load did that)
			String session = DatabaseSession.of(this.jdbc);
			List<StoredStatement> found = this.statements.findByIds(stored.statementIds());
			if (found.size() < new HashSet<>(stored.statementIds()).size()) {
				// committed, but not yet applied on the database node this connection
				// reads (a Galera node just failed over to): completing now would leave
				// them uncredited for good; failing leaves the event to be delivered
				// again
				throw new IllegalStateException("only " + found.size() + " of the " + stored.statementIds().size()
						+ " stored statements are visible yet; crediting them later");
			}
			Set<Affected> affected = new LinkedHashSet<>(this.crediting.retractVoided(stored.voidedStatementIds()));
			affected.addAll(this.crediting.credit(found));
			publish(affected);
			DatabaseSession.requireSame(this.jdbc, session);
		}));
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
