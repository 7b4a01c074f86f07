package org.attc.tracker.crediting.internal.engine;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.attc.tracker.crediting.AttainmentChanged;
import org.attc.tracker.crediting.CreditingProperties;
import org.attc.tracker.crediting.internal.ledger.EvidenceLedger;
import org.attc.tracker.crediting.internal.ledger.EvidenceRow;
import org.attc.tracker.crediting.internal.mapping.ActivityMapping;
import org.attc.tracker.crediting.internal.mapping.ActivityMappingRepository;
import org.attc.tracker.crediting.internal.mapping.MappingIndex;
import org.attc.tracker.runtime.PeriodicJobs;
import org.attc.tracker.xapi.Statements;
import org.attc.tracker.xapi.StoredStatement;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Re-credits stored statements in the background after a mapping changed or was deleted,
 * or a framework version was published. The result equals crediting the same statements
 * from scratch: evidence that no longer matches its mapping (a deleted mapping's, or one
 * naming the capability or tier a mapping credited before) is retracted, every statement
 * is evaluated again (evidence the rules now call for is appended), then evidence of the
 * mappings in scope that was recorded before the job and is no longer called for is
 * retracted. It works in small transactions on its own thread, so ingestion goes on.
 * <p>
 * Its memory is one batch whatever the history's size: what it must remember between
 * batches is in {@link RecomputeWorkingSet}, its position in the statements is committed
 * with each batch, and the evidence of a mapping is read a page at a time. A job whose
 * node died (its heartbeat older than {@link #STALE}) or that was queued and never
 * started is taken up again, where it stopped, by a check one node runs each
 * {@link #SWEEP_SECONDS} s; each batch commits only while its run still holds the job, so
 * two runs never both go on.
 */
@Component
public class RecomputeJobs {

	private static final Log log = LogFactory.getLog(RecomputeJobs.class);

	/**
	 * A running job whose run has not shown it is alive for this long is taken up by
	 * another: a run shows it with every batch and page, each of which takes seconds.
	 */
	static final Duration STALE = Duration.ofMinutes(2);

	/** A queued job that has not started after this long is taken up by the check. */
	static final Duration NOT_STARTED = Duration.ofMinutes(1);

	static final long SWEEP_SECONDS = 60;

	/**
	 * A running job its run left: the check looks for these and a claim takes them (the
	 * heartbeat is null for jobs left before V32).
	 */
	private static final String LEFT_RUNNING = "(status = 'RUNNING' AND (heartbeat_at IS NULL OR heartbeat_at < :stale))";

	private final NamedParameterJdbcTemplate jdbc;

	private final Statements statements;

	private final StatementCrediting crediting;

	private final MappingIndex mappings;

	private final ActivityMappingRepository mappingRecords;

	private final EvidenceLedger ledger;

	private final AttainmentEvents events;

	private final RecomputeWorkingSet work;

	private final TransactionTemplate transaction;

	private final Executor executor;

	private final int batchSize;

	private final PeriodicJobs periodic;

	private final ScheduledExecutorService sweep = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "recompute-job-check");
		thread.setDaemon(true);
		return thread;
	});

	RecomputeJobs(NamedParameterJdbcTemplate jdbc, Statements statements, StatementCrediting crediting,
			MappingIndex mappings, ActivityMappingRepository mappingRecords, EvidenceLedger ledger,
			AttainmentEvents events, RecomputeWorkingSet work, PlatformTransactionManager transactionManager,
			Executor applicationTaskExecutor, CreditingProperties properties, PeriodicJobs periodic) {
		this.jdbc = jdbc;
		this.statements = statements;
		this.crediting = crediting;
		this.mappings = mappings;
		this.mappingRecords = mappingRecords;
		this.ledger = ledger;
		this.events = events;
		this.work = work;
		this.transaction = new TransactionTemplate(transactionManager);
		// as every transaction that changes evidence (StandingStore.recompute)
		this.transaction.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
		this.executor = applicationTaskExecutor;
		this.batchSize = properties.recomputeBatchSize();
		this.periodic = periodic;
	}

	/**
	 * Queues a job (for one mapping, or all when null); it starts after the caller
	 * commits.
	 */
	public long request(String reason, Long mappingId, String requestedBy) {
		GeneratedKeyHolder key = new GeneratedKeyHolder();
		this.jdbc.update(
				"INSERT INTO cred_recompute_job (reason, mapping_id, status, requested_by, requested_at) "
						+ "VALUES (:reason, :mapping, 'QUEUED', :by, :now)",
				new MapSqlParameterSource().addValue("reason", reason)
					.addValue("mapping", mappingId)
					.addValue("by", requestedBy)
					.addValue("now", Timestamp.from(Instant.now())),
				key, new String[] { "id" });
		long id = key.getKey().longValue();
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					RecomputeJobs.this.executor.execute(() -> run(id));
				}
			});
		}
		else {
			this.executor.execute(() -> run(id));
		}
		return id;
	}

	public Optional<RecomputeJob> find(long id) {
		return this.jdbc.query("SELECT * FROM cred_recompute_job WHERE id = :id", Map.of("id", id), RecomputeJobs::row)
			.stream()
			.findFirst();
	}

	public List<RecomputeJob> recent() {
		return this.jdbc.query("SELECT * FROM cred_recompute_job ORDER BY id DESC LIMIT 50", Map.of(),
				RecomputeJobs::row);
	}

	@EventListener(ApplicationReadyEvent.class)
	void startChecking() {
		// one node checks per interval; the claim keeps a job to one run in any case
		this.sweep.scheduleWithFixedDelay(() -> this.periodic.runOnce("recompute-job-check",
				Duration.ofSeconds(SWEEP_SECONDS), this::takeUpAbandoned), 0, SWEEP_SECONDS, TimeUnit.SECONDS);
	}

	@PreDestroy
	void stopChecking() {
		this.sweep.shutdownNow();
	}

	/**
	 * Starts the jobs nobody is running: queued a while ago and never started (the node
	 * died between queuing and starting it), or running on a node that stopped showing it
	 * is alive. Runs that lose the race to claim one leave it alone.
	 * @return how many were handed to the executor
	 */
	int takeUpAbandoned() {
		try {
			Instant now = Instant.now();
			List<Long> abandoned = this.jdbc.queryForList(
					"SELECT id FROM cred_recompute_job WHERE (status = 'QUEUED' AND requested_at < :notStarted) OR "
							+ LEFT_RUNNING + " ORDER BY id",
					new MapSqlParameterSource("notStarted", Timestamp.from(now.minus(NOT_STARTED))).addValue("stale",
							Timestamp.from(now.minus(STALE))),
					Long.class);
			for (long id : abandoned) {
				log.info("Recompute job " + id + " was left unfinished; taking it up");
				this.executor.execute(() -> run(id));
			}
			return abandoned.size();
		}
		catch (RuntimeException ex) {
			// the database may be failing over: the next check tries again
			log.warn("Could not look for unfinished recompute jobs: " + ex.getMessage());
			return 0;
		}
	}

	/**
	 * Runs a queued or abandoned job from where it stopped; a job another run holds is
	 * left alone.
	 */
	void run(long id) {
		String claim = claim(id);
		if (claim == null) {
			return;
		}
		try {
			RecomputeJob job = find(id).orElseThrow();
			Instant started = job.startedAt();
			ActivityMapping target = (job.mappingId() != null)
					? this.mappingRecords.findById(job.mappingId()).orElse(null) : null;
			List<ActivityMapping> scope = (job.mappingId() == null) ? this.mappings.current()
					: this.mappings.current().stream().filter((m) -> m.id().equals(job.mappingId())).toList();
			// a deleted mapping's job reads no statements
			this.jdbc.update("UPDATE cred_recompute_job SET total = :total WHERE id = :id",
					Map.of("total", scope.isEmpty() ? 0 : this.statements.count(), "id", id));

			// 1. evidence no longer matching its mapping goes first
			// (step 2's rows for the same statements have its keys)
			if (target != null && target.deleted()) {
				withdraw(id, claim, target.id(), null, "mapping " + target.id() + " deleted by " + target.deletedBy(),
						job.requestedBy());
			}
			for (ActivityMapping mapping : scope) {
				withdraw(id, claim, mapping.id(), MappingTerms.of(mapping), "mapping " + mapping.id()
						+ " now credits another capability or tier (recompute " + id + ": " + job.reason() + ")",
						job.requestedBy());
			}
			// 2. every statement evaluated again, from where an earlier run stopped
			long position = this.jdbc.queryForObject("SELECT position FROM cred_recompute_job WHERE id = :id",
					Map.of("id", id), Long.class);
			while (!scope.isEmpty()) {
				List<StoredStatement> batch = this.statements.scan(position, this.batchSize);
				if (batch.isEmpty()) {
					break;
				}
				long last = batch.get(batch.size() - 1).position();
				this.transaction.executeWithoutResult((s) -> {
					Set<String> wanted = new HashSet<>();
					Set<Affected> credited = this.crediting.credit(batch, scope, wanted);
					this.events.recompute(credited);
					this.work.remember(id, wanted, credited);
					progress(id, claim,
							"position = :position, processed = processed + :processed, added = added + :added",
							new MapSqlParameterSource("position", last).addValue("processed", batch.size())
								.addValue("added", credited.size()));
				});
				position = last;
			}
			// 3. what the statements no longer call for
			for (ActivityMapping mapping : scope) {
				retractNoLongerCalledFor(id, claim, started, mapping.id());
			}
			// 4. standings were written with each change; listeners hear of each once
			Affected after = null;
			while (true) {
				List<Affected> page = this.work.affected(id, after, AttainmentChanged.MAX_CHANGES);
				if (page.isEmpty()) {
					break;
				}
				this.transaction.executeWithoutResult((s) -> {
					this.events.announce(page);
					progress(id, claim, null, new MapSqlParameterSource());
				});
				after = page.get(page.size() - 1);
			}
			this.work.forget(id);
			this.jdbc.update(
					"UPDATE cred_recompute_job SET status = 'DONE', claim = NULL, finished_at = :now "
							+ "WHERE id = :id AND claim = :claim",
					new MapSqlParameterSource("id", id).addValue("claim", claim)
						.addValue("now", Timestamp.from(Instant.now())));
		}
		catch (TakenOver ex) {
			log.info("Recompute job " + id + " was taken up by another run; this one stops");
		}
		catch (RuntimeException ex) {
			log.error("Recompute job " + id + " failed", ex);
			try {
				this.work.forget(id);
			}
			catch (RuntimeException cleanup) {
				ex.addSuppressed(cleanup);
			}
			this.jdbc.update(
					"UPDATE cred_recompute_job SET status = 'FAILED', claim = NULL, error = :error, finished_at = :now "
							+ "WHERE id = :id AND claim = :claim",
					new MapSqlParameterSource("id", id).addValue("claim", claim)
						.addValue("error", String.valueOf(ex.getMessage()))
						.addValue("now", Timestamp.from(Instant.now())));
		}
	}

	/**
	 * Claims the job for this run: a queued one, or a running one whose run stopped
	 * showing it is alive. The token is in every later write of the run.
	 * @return the run's token, or {@code null} when someone else holds the job
	 */
	private String claim(long id) {
		String claim = UUID.randomUUID().toString();
		Instant now = Instant.now();
		int claimed = this.jdbc.update("UPDATE cred_recompute_job SET status = 'RUNNING', claim = :claim, "
				+ "heartbeat_at = :now, started_at = COALESCE(started_at, :now) WHERE id = :id AND (status = 'QUEUED' OR "
				+ LEFT_RUNNING + ")",
				new MapSqlParameterSource("id", id).addValue("claim", claim)
					.addValue("now", Timestamp.from(now))
					.addValue("stale", Timestamp.from(now.minus(STALE))));
		return (claimed == 1) ? claim : null;
	}

	/**
	 * Records the run's progress (in the caller's transaction, if any) and that it is
	 * alive; a run that no longer holds the job stops, its transaction rolled back.
	 * @param set further assignments, or {@code null}
	 */
	private void progress(long id, String claim, String set, MapSqlParameterSource params) {
		int updated = this.jdbc.update(
				"UPDATE cred_recompute_job SET heartbeat_at = :now" + ((set != null) ? ", " + set : "")
						+ " WHERE id = :id AND claim = :claim",
				params.addValue("id", id).addValue("claim", claim).addValue("now", Timestamp.from(Instant.now())));
		if (updated == 0) {
			throw new TakenOver();
		}
	}

	/**
	 * Retracts, a page at a time, the mapping's evidence that no longer matches it.
	 * @param now what the mapping credits now, or {@code null} when it is deleted
	 */
	private void withdraw(long id, String claim, long mappingId, MappingTerms now, String reason, String by) {
		retractInPages(id, claim, mappingId, by, (page) -> CreditingDecisions.mappingWithdrawn(now, page, reason));
	}

	/**
	 * Retracts, a page at a time, the mapping's evidence recorded before the job that its
	 * statements no longer call for.
	 */
	private void retractNoLongerCalledFor(long id, String claim, Instant started, long mappingId) {
		retractInPages(id, claim, mappingId, null, (page) -> CreditingDecisions.noLongerCalledFor(id, started, page,
				this.work.wantedAmong(id, page.stream().map(EvidenceRow::baseKey).collect(Collectors.toSet()))));
	}

	/**
	 * Reads the mapping's current evidence a page at a time and retracts what is decided.
	 */
	private void retractInPages(long id, String claim, long mappingId, String by,
			Function<List<EvidenceRow>, List<LedgerChange.Retraction>> decide) {
		long after = 0;
		while (true) {
			List<EvidenceRow> page = this.ledger.currentForMapping(mappingId, after, this.batchSize);
			if (page.isEmpty()) {
				return;
			}
			after = page.get(page.size() - 1).id();
			retract(id, claim, decide.apply(page), by);
		}
	}

	/** One page's retractions in one transaction, with their standings and the count. */
	private void retract(long id, String claim, List<LedgerChange.Retraction> retractions, String by) {
		Map<Long, String> reasons = new HashMap<>();
		retractions.forEach((r) -> reasons.put(r.row().id(), r.reason()));
		this.transaction.executeWithoutResult((s) -> {
			List<EvidenceRow> retracted = this.ledger.retractAll(
					retractions.stream().map(LedgerChange.Retraction::row).toList(), (row) -> reasons.get(row.id()),
					by);
			Set<Affected> affected = new LinkedHashSet<>();
			retracted.forEach((row) -> affected.add(new Affected(row.learnerId(), row.capabilityIdentifier())));
			this.events.recompute(affected);
			this.work.remember(id, List.of(), affected);
			progress(id, claim, "retracted = retracted + :retracted",
					new MapSqlParameterSource("retracted", retracted.size()));
		});
	}

	/** This run no longer holds its job: another took it up. */
	private static final class TakenOver extends RuntimeException {

		private static final long serialVersionUID = 1L;

		TakenOver() {
			super("the recompute job was taken up by another run", null, false, false);
		}

	}

	private static RecomputeJob row(ResultSet rs, int n) throws SQLException {
		return new RecomputeJob(rs.getLong("id"), rs.getString("reason"), (Long) rs.getObject("mapping_id", Long.class),
				rs.getString("status"), (Long) rs.getObject("total", Long.class), rs.getLong("processed"),
				rs.getLong("added"), rs.getLong("retracted"), rs.getString("requested_by"), instant(rs, "requested_at"),
				instant(rs, "started_at"), instant(rs, "finished_at"), rs.getString("error"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		return (value != null) ? value.toInstant() : null;
	}

}
