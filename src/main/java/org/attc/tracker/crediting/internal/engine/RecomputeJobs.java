package org.attc.tracker.crediting.internal.engine;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.attc.tracker.crediting.CreditingProperties;
import org.attc.tracker.crediting.internal.ledger.EvidenceLedger;
import org.attc.tracker.crediting.internal.ledger.EvidenceRow;
import org.attc.tracker.crediting.internal.mapping.ActivityMapping;
import org.attc.tracker.crediting.internal.mapping.MappingIndex;
import org.attc.tracker.xapi.Statements;
import org.attc.tracker.xapi.StoredStatement;
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
 * Re-credits stored statements in the background after a mapping changed or a framework
 * version was published. The result equals crediting the same statements from scratch:
 * every statement is evaluated again (evidence the rules now call for is appended), then
 * evidence of the mappings in scope that was recorded before the job and is no longer
 * called for is retracted. It works in small transactions on its own thread, so ingestion
 * goes on.
 */
@Component
public class RecomputeJobs {

	private static final Log log = LogFactory.getLog(RecomputeJobs.class);

	private final NamedParameterJdbcTemplate jdbc;

	private final Statements statements;

	private final StatementCrediting crediting;

	private final MappingIndex mappings;

	private final EvidenceLedger ledger;

	private final AttainmentEvents events;

	private final TransactionTemplate transaction;

	private final Executor executor;

	private final int batchSize;

	RecomputeJobs(NamedParameterJdbcTemplate jdbc, Statements statements, StatementCrediting crediting,
			MappingIndex mappings, EvidenceLedger ledger, AttainmentEvents events,
			PlatformTransactionManager transactionManager, Executor applicationTaskExecutor,
			CreditingProperties properties) {
		this.jdbc = jdbc;
		this.statements = statements;
		this.crediting = crediting;
		this.mappings = mappings;
		this.ledger = ledger;
		this.events = events;
		this.transaction = new TransactionTemplate(transactionManager);
		// as every transaction that changes evidence (StandingStore.recompute)
		this.transaction.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
		this.executor = applicationTaskExecutor;
		this.batchSize = properties.recomputeBatchSize();
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

	/** Runs a queued job; a job another node already claimed is left alone. */
	void run(long id) {
		Instant started = Instant.now();
		int claimed = this.jdbc.update(
				"UPDATE cred_recompute_job SET status = 'RUNNING', started_at = :now WHERE id = :id AND status = 'QUEUED'",
				new MapSqlParameterSource("id", id).addValue("now", Timestamp.from(started)));
		if (claimed == 0) {
			return;
		}
		try {
			RecomputeJob job = find(id).orElseThrow();
			List<ActivityMapping> committed = this.mappings.current();
			List<ActivityMapping> scope = (job.mappingId() == null) ? committed
					: committed.stream().filter((m) -> m.id().equals(job.mappingId())).toList();
			long total = this.statements.count();
			this.jdbc.update("UPDATE cred_recompute_job SET total = :total WHERE id = :id",
					Map.of("total", total, "id", id));
			Set<String> wanted = new HashSet<>();
			Set<Affected> affected = new LinkedHashSet<>();
			long position = 0;
			long processed = 0;
			long added = 0;
			while (!scope.isEmpty()) {
				List<StoredStatement> batch = this.statements.scan(position, this.batchSize);
				if (batch.isEmpty()) {
					break;
				}
				Set<Affected> changed = this.transaction.execute((s) -> {
					Set<Affected> credited = this.crediting.credit(batch, scope, wanted);
					this.events.recompute(credited);
					return credited;
				});
				affected.addAll(changed);
				added += changed.size();
				position = batch.get(batch.size() - 1).position();
				processed += batch.size();
				this.jdbc.update("UPDATE cred_recompute_job SET processed = :processed, added = :added WHERE id = :id",
						Map.of("processed", processed, "added", added, "id", id));
			}
			long retracted = 0;
			for (ActivityMapping mapping : scope) {
				for (LedgerChange.Retraction retraction : CreditingDecisions.noLongerCalledFor(id, started,
						this.ledger.currentForMapping(mapping.id()), wanted)) {
					EvidenceRow row = retraction.row();
					if (Boolean.TRUE.equals(this.transaction.execute((s) -> retract(row, retraction.reason())))) {
						retracted++;
						affected.add(new Affected(row.learnerId(), row.capabilityIdentifier()));
					}
				}
			}
			this.jdbc.update(
					"UPDATE cred_recompute_job SET status = 'DONE', processed = :processed, retracted = :retracted, "
							+ "finished_at = :now WHERE id = :id",
					new MapSqlParameterSource("id", id).addValue("processed", processed)
						.addValue("retracted", retracted)
						.addValue("now", Timestamp.from(Instant.now())));
			// standings were written with each change; listeners hear of them once
			this.transaction.executeWithoutResult((s) -> this.events.announce(affected));
		}
		catch (RuntimeException ex) {
			log.error("Recompute job " + id + " failed", ex);
			this.jdbc.update(
					"UPDATE cred_recompute_job SET status = 'FAILED', error = :error, finished_at = :now WHERE id = :id",
					new MapSqlParameterSource("id", id).addValue("error", String.valueOf(ex.getMessage()))
						.addValue("now", Timestamp.from(Instant.now())));
		}
	}

	private boolean retract(EvidenceRow row, String reason) {
		boolean retracted = this.ledger.retract(row, reason, null);
		if (retracted) {
			this.events.recompute(List.of(new Affected(row.learnerId(), row.capabilityIdentifier())));
		}
		return retracted;
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
