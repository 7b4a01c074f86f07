package org.attc.tracker.crediting.internal.engine;

import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.attc.tracker.crediting.CreditingProperties;
import org.attc.tracker.runtime.ConflictRetry;
import org.attc.tracker.runtime.DatabaseSession;
import org.attc.tracker.xapi.Statements;
import org.attc.tracker.xapi.StatementsStored;
import org.attc.tracker.xapi.StoredStatement;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.task.TaskExecutor;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Credits stored statements many at a time. The {@link StatementsStored} event is heard
 * synchronously, inside the transaction that stores the statements, and leaves one row
 * per statement (or voided statement) in {@code cred_pending_statement}: the statement
 * and its crediting work commit together, so an acknowledged statement is credited even
 * if the process dies right after. After the commit a worker on crediting's threads
 * ({@link CreditingThreads}) claims up to {@link #BATCH} waiting rows, whoever stored
 * them, credits them in one transaction and deletes them in it: one crediting commit for
 * all the single statements that arrived meanwhile, instead of a transaction and two
 * event publication updates for each. Rows are claimed with {@code SKIP LOCKED}, so the
 * workers of one node and of several nodes share them; a second delivery is prevented by
 * the delete in the same transaction (and would be a no-op: the ledger's keys). Rows left
 * by a node that died, or whose statements this database node does not see yet, are
 * picked up by a check every {@link #POLL_MILLIS} ms.
 */
@Component
class CreditingQueue {

	private static final Log log = LogFactory.getLog(CreditingQueue.class);

	/** Most rows credited in one transaction. */
	static final int BATCH = 500;

	/**
	 * Deletes a batch's credited rows through the primary key. On a short queue the
	 * optimizer prefers a scan for a plain {@code DELETE … WHERE id IN}, and a scanning
	 * delete locks every row it reads: the rows another worker has claimed too, which
	 * made the two workers deadlock (75 times in a crediting benchmark of 50,000
	 * statements).
	 */
	private static final String FORGET = "DELETE p FROM cred_pending_statement p FORCE INDEX (PRIMARY) WHERE p.id IN (:ids)";

	static final long POLL_MILLIS = 1_000;

	/**
	 * A worker whose claim found fewer rows than this waits {@link #GATHER_MILLIS} before
	 * its next claim, so that single statements arriving steadily are credited many per
	 * transaction (each transaction costs the same reads of mappings, learners and
	 * standings whatever its size) at the price of that much latency; a statement
	 * arriving at an idle queue is claimed at once.
	 */
	static final int GATHER_ROWS = 100;

	static final long GATHER_MILLIS = 100;

	/** Workers waiting to gather rows: they will claim what arrives meanwhile. */
	private final AtomicInteger gathering = new AtomicInteger();

	/**
	 * A row whose crediting failed alone this often is set aside (logged as an error)
	 * until the next start, so that one statement crediting cannot handle does not stop
	 * the queue.
	 */
	static final int MAX_FAILURES = 5;

	/**
	 * A queued statement not visible for this long no longer exists (its row is committed
	 * with it; a lagging database node catches up in seconds): its row is dropped, so
	 * that it does not hold up the rows behind it.
	 */
	static final long GONE_AFTER_SECONDS = 60;

	private final NamedParameterJdbcTemplate jdbc;

	private final Statements statements;

	private final StatementCrediting crediting;

	private final AttainmentEvents events;

	private final TransactionTemplate ownTransaction;

	private final DatabaseSession session;

	private final TaskExecutor executor;

	private final int workers;

	/** Workers claiming rows now. */
	private final AtomicInteger running = new AtomicInteger();

	/** Rows may have been committed since a worker last looked. */
	private final AtomicBoolean requested = new AtomicBoolean();

	private final ScheduledExecutorService poll = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "crediting-queue-poll");
		thread.setDaemon(true);
		return thread;
	});

	CreditingQueue(NamedParameterJdbcTemplate jdbc, Statements statements, StatementCrediting crediting,
			AttainmentEvents events, PlatformTransactionManager transactions,
			@Qualifier(CreditingThreads.EXECUTOR) TaskExecutor executor, CreditingProperties properties,
			DatabaseSession session) {
		this.jdbc = jdbc;
		this.session = session;
		this.statements = statements;
		this.crediting = crediting;
		this.events = events;
		this.executor = executor;
		this.workers = properties.effectiveListenerThreads();
		this.ownTransaction = new TransactionTemplate(transactions);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		// as every transaction that changes evidence (StandingStore#recompute)
		this.ownTransaction.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
	}

	/**
	 * In the storing transaction (a plain listener runs in the publisher's): the
	 * statements' rows in the queue, and a worker woken once they are committed.
	 */
	@EventListener
	void on(StatementsStored stored) {
		List<Map<String, Object>> rows = new ArrayList<>();
		stored.voidedStatementIds().forEach((id) -> rows.add(Map.of("id", id.toString(), "retract", true)));
		stored.statementIds().forEach((id) -> rows.add(Map.of("id", id.toString(), "retract", false)));
		if (rows.isEmpty()) {
			return;
		}
		this.jdbc.batchUpdate("INSERT INTO cred_pending_statement (statement_id, retract) VALUES (:id, :retract)",
				rows.stream()
					.map(org.springframework.jdbc.core.namedparam.MapSqlParameterSource::new)
					.toArray(org.springframework.jdbc.core.namedparam.SqlParameterSource[]::new));
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					wake();
				}
			});
		}
		else {
			wake();
		}
	}

	@EventListener(ApplicationReadyEvent.class)
	void start() {
		// as Spring Modulith republishes incomplete events on restart: rows set aside
		// are tried again (a fixed bug, or a passing fault)
		this.jdbc.update("UPDATE cred_pending_statement SET failures = 0 WHERE failures >= :max",
				Map.of("max", MAX_FAILURES));
		this.poll.scheduleWithFixedDelay(this::wake, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
	}

	@PreDestroy
	void stop() {
		this.poll.shutdownNow();
	}

	/** Starts a worker unless all are busy (a busy one looks again before it stops). */
	void wake() {
		this.requested.set(true);
		if (this.gathering.get() > 0) {
			return;
		}
		for (int now = this.running.get(); now < this.workers; now = this.running.get()) {
			if (this.running.compareAndSet(now, now + 1)) {
				try {
					this.executor.execute(this::drain);
				}
				catch (RejectedExecutionException ex) {
					// shutting down: the rows wait for the next start
					this.running.decrementAndGet();
				}
				return;
			}
		}
	}

	private void drain() {
		try {
			while (true) {
				this.requested.set(false);
				int claimed = creditNext();
				// a full batch leaves more behind; nothing credited means the rest is
				// another worker's (or not visible here yet)
				if (claimed == 0 || (claimed < BATCH && !this.requested.get())) {
					return;
				}
				if (claimed < GATHER_ROWS) {
					gather();
				}
			}
		}
		catch (RuntimeException ex) {
			// the rows stay queued; one at a time, the one that fails is found and
			// counted
			log.warn("Crediting stored statements failed; crediting them one at a time: " + ex.getMessage());
			this.requested.set(false);
			creditOneByOne();
		}
		finally {
			this.running.decrementAndGet();
			if (this.requested.get()) {
				wake();
			}
		}
	}

	private void gather() {
		this.gathering.incrementAndGet();
		try {
			Thread.sleep(GATHER_MILLIS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.gathering.decrementAndGet();
		}
	}

	/**
	 * Claims, credits and removes up to {@link #BATCH} waiting rows in one transaction.
	 * Two workers crediting the same learner can deadlock (or, on Galera, fail
	 * certification): the loser's transaction runs again.
	 * @return the rows credited
	 */
	int creditNext() {
		return credit(null, BATCH);
	}

	/** After a failed batch: each row of the next batch alone, counting failures. */
	private void creditOneByOne() {
		try {
			List<Long> ids = this.jdbc.queryForList(
					"SELECT id FROM cred_pending_statement WHERE failures < :max ORDER BY id LIMIT :batch",
					Map.of("max", MAX_FAILURES, "batch", BATCH), Long.class);
			for (long id : ids) {
				try {
					credit(id, 1);
				}
				catch (RuntimeException ex) {
					this.jdbc.update("UPDATE cred_pending_statement SET failures = failures + 1 WHERE id = :id",
							Map.of("id", id));
					log.error("Crediting queued row " + id + " failed; after " + MAX_FAILURES
							+ " failures it waits for the next start: " + ex.getMessage(), ex);
				}
			}
		}
		catch (RuntimeException ex) {
			// the database itself is failing: the next check tries again
			log.warn("Crediting stored statements one at a time failed: " + ex.getMessage());
		}
	}

	/**
	 * @param only the one row to claim, or {@code null} for the first waiting ones
	 * @param limit most rows claimed
	 * @return the rows credited
	 */
	private int credit(Long only, int limit) {
		// a failover part-way would commit only the credits and deletes written after it
		// (a Galera node killed under load did that): the session check rolls it back
		return ConflictRetry.run(() -> this.ownTransaction.execute((tx) -> this.session.whole(() -> {
			List<Pending> claimed = this.jdbc.query(
					"SELECT id, statement_id, retract, queued_at < NOW(6) - INTERVAL :gone SECOND "
							+ "FROM cred_pending_statement WHERE failures < :max AND (:only IS NULL OR id = :only) "
							+ "ORDER BY id LIMIT :batch FOR UPDATE SKIP LOCKED",
					new MapSqlParameterSource("batch", limit).addValue("gone", GONE_AFTER_SECONDS)
						.addValue("max", MAX_FAILURES)
						.addValue("only", only, Types.BIGINT),
					(rs, n) -> new Pending(rs.getLong(1), UUID.fromString(rs.getString(2)), rs.getBoolean(3),
							rs.getBoolean(4)));
			if (claimed.isEmpty()) {
				return 0;
			}
			Set<UUID> retract = claimed.stream()
				.filter(Pending::retract)
				.map(Pending::statementId)
				.collect(Collectors.toCollection(LinkedHashSet::new));
			List<UUID> credit = claimed.stream().filter((p) -> !p.retract()).map(Pending::statementId).toList();
			List<StoredStatement> found = this.statements.findByIds(credit);
			Set<UUID> visible = found.stream().map(StoredStatement::id).collect(Collectors.toSet());
			// committed, but not yet applied on the database node this connection reads
			// (a Galera node just failed over to): those rows wait for a later claim
			List<Long> done = new ArrayList<>();
			for (Pending pending : claimed) {
				if (pending.retract() || visible.contains(pending.statementId())) {
					done.add(pending.id());
				}
				else if (pending.gone()) {
					log.warn("Stored statement " + pending.statementId() + " no longer exists; not credited");
					done.add(pending.id());
				}
			}
			if (done.size() < claimed.size()) {
				log.info((claimed.size() - done.size())
						+ " stored statements are not visible yet; crediting them later");
			}
			Set<Affected> affected = new LinkedHashSet<>(this.crediting.retractVoided(retract));
			affected.addAll(this.crediting.credit(found));
			this.events.changed(affected);
			if (!done.isEmpty()) {
				this.jdbc.update(FORGET, Map.of("ids", done));
			}
			return done.size();
		})));
	}

	private record Pending(long id, UUID statementId, boolean retract, boolean gone) {
	}

}
