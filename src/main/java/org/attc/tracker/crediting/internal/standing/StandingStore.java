package org.attc.tracker.crediting.internal.standing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.attc.tracker.crediting.AttainmentStatus;
import org.attc.tracker.crediting.CapabilityStanding;
import org.attc.tracker.crediting.CreditingProperties;
import org.attc.tracker.crediting.LapsedStanding;
import org.attc.tracker.crediting.internal.attainment.AttainmentCalculation;
import org.attc.tracker.crediting.internal.ledger.EvidenceLedger;
import org.attc.tracker.crediting.internal.ledger.EvidenceLedger.CurrentEvidence;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The stored attainment per learner and capability ({@code cred_standing}): written in
 * the transaction that changes the evidence, by the one {@link AttainmentCalculation}, as
 * the periods of time in which the evidence amounts to the same thing; read for any
 * moment by picking the period that covers it.
 */
@Component
public class StandingStore {

	private static final int CHUNK = 1000;

	private static final String COLUMNS = "learner_id, capability_identifier, tier_rank, status, achieved_at, "
			+ "expires_at, next_change_at, first_evidence_id";

	private static final String COVERS = " AND (valid_from IS NULL OR valid_from <= :at)"
			+ " AND (next_change_at IS NULL OR next_change_at > :at)";

	private final NamedParameterJdbcTemplate jdbc;

	private final EvidenceLedger ledger;

	private final AttainmentCalculation calculation;

	StandingStore(NamedParameterJdbcTemplate jdbc, EvidenceLedger ledger, CreditingProperties properties) {
		this.jdbc = jdbc;
		this.ledger = ledger;
		this.calculation = new AttainmentCalculation(properties.expiringWindow());
	}

	/**
	 * Writes the standings of these learners and capabilities again from their current
	 * evidence. Call it in the transaction that changed the evidence, before announcing
	 * the change.
	 * <p>
	 * That transaction must run at READ COMMITTED: each learner's lock row is taken (in
	 * learner order, so two transactions cannot wait for each other) before the evidence
	 * is read, and at READ COMMITTED that read sees what a transaction that held the lock
	 * before committed. At REPEATABLE READ it would see an older snapshot and write a
	 * standing without the other transaction's evidence.
	 */
	public void recompute(Collection<StandingKey> changed) {
		if (changed.isEmpty()) {
			return;
		}
		Integer isolation = TransactionSynchronizationManager.getCurrentTransactionIsolationLevel();
		if (!TransactionSynchronizationManager.isActualTransactionActive() || isolation == null
				|| isolation != Connection.TRANSACTION_READ_COMMITTED) {
			throw new IllegalStateException(
					"standings are written in the evidence's own transaction, at READ COMMITTED (isolation was "
							+ isolation + ")");
		}
		Set<StandingKey> keys = new LinkedHashSet<>(changed);
		TreeSet<Long> learners = new TreeSet<>();
		Set<String> capabilities = new LinkedHashSet<>();
		keys.forEach((k) -> {
			learners.add(k.learnerId());
			capabilities.add(k.capabilityIdentifier());
		});
		lock(learners);
		Map<StandingKey, List<CurrentEvidence>> evidence = new HashMap<>();
		for (CurrentEvidence row : this.ledger.currentForStandings(learners, capabilities)) {
			StandingKey key = new StandingKey(row.learnerId(), row.capabilityIdentifier());
			if (keys.contains(key)) {
				evidence.computeIfAbsent(key, (k) -> new ArrayList<>()).add(row);
			}
		}
		this.jdbc.batchUpdate(
				"DELETE FROM cred_standing WHERE learner_id = :learner AND capability_identifier = :capability",
				keys.stream()
					.map((k) -> new MapSqlParameterSource("learner", k.learnerId()).addValue("capability",
							k.capabilityIdentifier()))
					.toArray(SqlParameterSource[]::new));
		List<SqlParameterSource> rows = new ArrayList<>();
		evidence.forEach((key, list) -> {
			long first = list.stream().mapToLong(CurrentEvidence::id).min().orElseThrow();
			int period = 0;
			for (AttainmentCalculation.Period p : this.calculation
				.periods(list.stream().map(CurrentEvidence::item).toList())) {
				rows.add(new MapSqlParameterSource().addValue("learner", key.learnerId())
					.addValue("capability", key.capabilityIdentifier())
					.addValue("period", period++)
					.addValue("from", timestamp(p.from()))
					.addValue("until", timestamp(p.until()))
					.addValue("tier", p.tier())
					.addValue("status", p.status().name())
					.addValue("achieved", timestamp(p.achievedAt()))
					.addValue("expires", timestamp(p.expiresAt()))
					.addValue("first", first));
			}
		});
		if (!rows.isEmpty()) {
			this.jdbc.batchUpdate("INSERT INTO cred_standing (learner_id, capability_identifier, period, valid_from, "
					+ "next_change_at, tier_rank, status, achieved_at, expires_at, first_evidence_id) VALUES (:learner, "
					+ ":capability, :period, :from, :until, :tier, :status, :achieved, :expires, :first)",
					rows.toArray(SqlParameterSource[]::new));
		}
	}

	private void lock(TreeSet<Long> learners) {
		Timestamp now = Timestamp.from(Instant.now());
		this.jdbc.batchUpdate(
				"INSERT INTO cred_standing_lock (learner_id, locked_at) VALUES (:learner, :now) "
						+ "ON DUPLICATE KEY UPDATE locked_at = VALUES(locked_at)",
				learners.stream()
					.map((l) -> new MapSqlParameterSource("learner", l).addValue("now", now))
					.toArray(SqlParameterSource[]::new));
	}

	/**
	 * The standing of every capability these learners (ledger ids) have current evidence
	 * for, at {@code at}: one indexed query per thousand learners.
	 */
	public List<CapabilityStanding> of(Collection<Long> learners, Instant at) {
		List<CapabilityStanding> result = new ArrayList<>();
		List<Long> ids = List.copyOf(learners);
		for (int from = 0; from < ids.size(); from += CHUNK) {
			result.addAll(this.jdbc.query(
					"SELECT " + COLUMNS + " FROM cred_standing WHERE learner_id IN (:learners)" + COVERS,
					new MapSqlParameterSource("learners", ids.subList(from, Math.min(ids.size(), from + CHUNK)))
						.addValue("at", timestamp(at)),
					StandingStore::row));
		}
		return result;
	}

	/**
	 * The standings at {@code at} of these learners (ledger ids) on these capabilities
	 * only: a worklist that asks about a few capabilities reads no others.
	 */
	public List<CapabilityStanding> of(Collection<Long> learners, Collection<String> capabilities, Instant at) {
		List<CapabilityStanding> result = new ArrayList<>();
		if (capabilities.isEmpty()) {
			return result;
		}
		List<Long> ids = List.copyOf(learners);
		for (int from = 0; from < ids.size(); from += CHUNK) {
			result.addAll(this.jdbc.query(
					"SELECT " + COLUMNS + " FROM cred_standing WHERE learner_id IN (:learners) "
							+ "AND capability_identifier IN (:capabilities)" + COVERS,
					new MapSqlParameterSource("learners", ids.subList(from, Math.min(ids.size(), from + CHUNK)))
						.addValue("capabilities", capabilities)
						.addValue("at", timestamp(at)),
					StandingStore::row));
		}
		return result;
	}

	/**
	 * The tier each of these learners (ledger ids) holds at {@code at}, per capability
	 * with one held: the narrow read a count over a whole nation needs.
	 * @param learners the learners, or null for every learner (one pass over the table
	 * instead of a lookup per learner)
	 */
	public Map<Long, Map<String, Integer>> heldTiers(Collection<Long> learners, Instant at) {
		Map<Long, Map<String, Integer>> held = new HashMap<>();
		// one String per capability, not one per row, and a small array map per learner:
		// a national read has a row per learner and capability held (120,000 for ten
		// thousand learners), and hash maps per learner were most of its time
		Map<String, String> capabilities = new HashMap<>();
		TierMap[] last = { null };
		long[] lastId = { Long.MIN_VALUE };
		forLearners(learners,
				"SELECT learner_id, capability_identifier, tier_rank FROM cred_standing WHERE tier_rank IS NOT NULL"
						+ COVERS,
				new MapSqlParameterSource("at", timestamp(at)), (RowCallbackHandler) (rs) -> {
					long id = rs.getLong(1);
					if (id != lastId[0]) {
						last[0] = (TierMap) held.computeIfAbsent(id, (l) -> new TierMap());
						lastId[0] = id;
					}
					last[0].add(capabilities.computeIfAbsent(rs.getString(2), (c) -> c), rs.getInt(3));
				});
		return held;
	}

	/**
	 * Runs {@code sql} (a query whose WHERE clause this extends) for every learner when
	 * {@code learners} is null, otherwise for a thousand of them at a time.
	 */
	private void forLearners(Collection<Long> learners, String sql, MapSqlParameterSource params,
			RowCallbackHandler rows) {
		forLearners(learners, "learner_id", sql, params, rows);
	}

	/** As above, the learner in column {@code learnerColumn} (qualified in a join). */
	private void forLearners(Collection<Long> learners, String learnerColumn, String sql, MapSqlParameterSource params,
			RowCallbackHandler rows) {
		String where = " AND " + learnerColumn + " IN (:learners)";
		if (learners == null) {
			this.jdbc.query(sql, params, rows);
			return;
		}
		List<Long> ids = List.copyOf(learners);
		for (int from = 0; from < ids.size(); from += CHUNK) {
			this.jdbc.query(sql + where,
					params.addValue("learners", ids.subList(from, Math.min(ids.size(), from + CHUNK))), rows);
		}
	}

	/** Every learner's standing on one capability at {@code at}. */
	public List<CapabilityStanding> ofCapability(String capabilityIdentifier, Instant at) {
		return this.jdbc.query(
				"SELECT " + COLUMNS + " FROM cred_standing WHERE capability_identifier = :capability" + COVERS,
				new MapSqlParameterSource("capability", capabilityIdentifier).addValue("at", timestamp(at)),
				StandingStore::row);
	}

	/**
	 * The standings of these learners (null: every learner, through the expiry index)
	 * that hold a tier at {@code at} which stops counting from {@code from} (inclusive)
	 * to {@code until} (exclusive).
	 */
	public List<CapabilityStanding> expiring(Collection<Long> learners, Instant from, Instant until, Instant at) {
		List<CapabilityStanding> result = new ArrayList<>();
		forLearners(learners,
				"SELECT " + COLUMNS + " FROM cred_standing WHERE tier_rank IS NOT NULL "
						+ "AND expires_at >= :from AND expires_at < :until" + COVERS,
				new MapSqlParameterSource("from", timestamp(from)).addValue("until", timestamp(until))
					.addValue("at", timestamp(at)),
				(RowCallbackHandler) (rs) -> result.add(row(rs, 0)));
		return result;
	}

	/**
	 * The capabilities of these learners (null: every learner, through the status index)
	 * that have run out at {@code at} (a tier was held, none is now), each with the tier
	 * that ran out last and when: the period before the expired one (its tier, its
	 * expiry) tells, so the evidence is not read.
	 */
	public List<LapsedStanding> lapsed(Collection<Long> learners, Instant at) {
		List<LapsedStanding> result = new ArrayList<>();
		forLearners(learners, "s.learner_id",
				"SELECT s.learner_id, s.capability_identifier, p.tier_rank, "
						+ "COALESCE(p.expires_at, s.valid_from) FROM cred_standing s LEFT JOIN cred_standing p "
						+ "ON p.learner_id = s.learner_id AND p.capability_identifier = s.capability_identifier "
						+ "AND p.period = s.period - 1 WHERE s.status = 'EXPIRED' "
						+ "AND (s.valid_from IS NULL OR s.valid_from <= :at) "
						+ "AND (s.next_change_at IS NULL OR s.next_change_at > :at)",
				new MapSqlParameterSource("at", timestamp(at)), (RowCallbackHandler) (rs) -> {
					int rank = rs.getInt(3);
					result.add(new LapsedStanding(rs.getLong(1), rs.getString(2), rs.wasNull() ? null : rank,
							instant(rs, 4)));
				});
		return result;
	}

	private static Timestamp timestamp(Instant instant) {
		return (instant != null) ? Timestamp.from(instant) : null;
	}

	/**
	 * The instant {@code getTimestamp(column).toInstant()} gives (the column read as
	 * local time of the JVM's zone, as {@link #timestamp} wrote it), without the driver's
	 * per-value {@code Calendar}: a national view reads hundreds of thousands.
	 */
	private static Instant instant(ResultSet rs, int column) throws SQLException {
		LocalDateTime t = rs.getObject(column, LocalDateTime.class);
		return (t != null) ? t.atZone(ZoneId.systemDefault()).toInstant() : null;
	}

	/** A row of {@link #COLUMNS}, read by position. */
	private static CapabilityStanding row(ResultSet rs, int n) throws SQLException {
		int rank = rs.getInt(3);
		Integer tier = rs.wasNull() ? null : rank;
		return new CapabilityStanding(rs.getLong(1), rs.getString(2), tier, AttainmentStatus.valueOf(rs.getString(4)),
				instant(rs, 5), instant(rs, 6), instant(rs, 7), rs.getLong(8));
	}

}
