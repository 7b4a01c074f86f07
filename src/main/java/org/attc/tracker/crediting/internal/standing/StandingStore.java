package org.attc.tracker.crediting.internal.standing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
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

	/** Rows per multi-row insert of periods. */
	private static final int INSERT_CHUNK = 200;

	/**
	 * Deletes standings by the primary key only: a delete that scans (the optimizer's
	 * choice on a small table) locks the rows it reads, other learners' standings that
	 * other transactions hold under their own learners' locks.
	 */
	private static final String DELETE_STANDINGS = "DELETE s FROM cred_standing s FORCE INDEX (PRIMARY) "
			+ "WHERE s.learner_id IN (:learners) AND s.capability_identifier = :capability";

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
	 * Brings the standings of these learners and capabilities in line with their current
	 * evidence, writing those that differ. Call it in the transaction that changed the
	 * evidence, before announcing the change.
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
		// much new evidence leaves the standing as it was (above all an attempt where the
		// standing has one already): such a standing is not written again, which spares
		// its five indexes a delete and an insert per row
		Map<StandingKey, List<PeriodRow>> stored = stored(learners, capabilities, keys);
		Map<String, List<Long>> rewritten = new LinkedHashMap<>();
		List<PeriodRow> rows = new ArrayList<>();
		for (StandingKey key : keys) {
			List<PeriodRow> periods = periods(key, evidence.getOrDefault(key, List.of()));
			List<PeriodRow> before = stored.getOrDefault(key, List.of());
			if (!periods.equals(before)) {
				if (!before.isEmpty()) {
					rewritten.computeIfAbsent(key.capabilityIdentifier(), (c) -> new ArrayList<>())
						.add(key.learnerId());
				}
				rows.addAll(periods);
			}
		}
		rewritten.forEach((capability, ids) -> {
			for (int from = 0; from < ids.size(); from += CHUNK) {
				this.jdbc.update(DELETE_STANDINGS, new MapSqlParameterSource("capability", capability)
					.addValue("learners", ids.subList(from, Math.min(ids.size(), from + CHUNK))));
			}
		});
		for (int from = 0; from < rows.size(); from += INSERT_CHUNK) {
			List<PeriodRow> chunk = rows.subList(from, Math.min(rows.size(), from + INSERT_CHUNK));
			List<Object> values = new ArrayList<>(chunk.size() * 10);
			chunk.forEach((r) -> values.addAll(Arrays.asList(r.learnerId(), r.capabilityIdentifier(), r.period(),
					timestamp(r.from()), timestamp(r.until()), r.tier(), r.status().name(), timestamp(r.achievedAt()),
					timestamp(r.expiresAt()), r.firstEvidenceId())));
			this.jdbc.getJdbcTemplate()
				.update("INSERT INTO cred_standing (learner_id, capability_identifier, period, valid_from, "
						+ "next_change_at, tier_rank, status, achieved_at, expires_at, first_evidence_id) VALUES "
						+ String.join(", ", Collections.nCopies(chunk.size(), "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")),
						values.toArray());
		}
	}

	/**
	 * The periods of one standing as they are to be stored, from its current evidence.
	 */
	private List<PeriodRow> periods(StandingKey key, List<CurrentEvidence> evidence) {
		if (evidence.isEmpty()) {
			return List.of();
		}
		long first = evidence.stream().mapToLong(CurrentEvidence::id).min().orElseThrow();
		List<PeriodRow> rows = new ArrayList<>();
		for (AttainmentCalculation.Period p : this.calculation
			.periods(evidence.stream().map(CurrentEvidence::item).toList())) {
			rows.add(new PeriodRow(key.learnerId(), key.capabilityIdentifier(), rows.size(), p.from(), p.until(),
					p.tier(), p.status(), p.achievedAt(), p.expiresAt(), first));
		}
		return rows;
	}

	/** The stored periods of these standings, in period order. */
	private Map<StandingKey, List<PeriodRow>> stored(Collection<Long> learners, Collection<String> capabilities,
			Set<StandingKey> keys) {
		Map<StandingKey, List<PeriodRow>> stored = new HashMap<>();
		forLearners(learners,
				"SELECT learner_id, capability_identifier, period, valid_from, next_change_at, tier_rank, status, "
						+ "achieved_at, expires_at, first_evidence_id FROM cred_standing "
						+ "WHERE capability_identifier IN (:capabilities)",
				new MapSqlParameterSource("capabilities", capabilities), (RowCallbackHandler) (rs) -> {
					StandingKey key = new StandingKey(rs.getLong(1), rs.getString(2));
					if (keys.contains(key)) {
						int rank = rs.getInt(6);
						Integer tier = rs.wasNull() ? null : rank;
						stored.computeIfAbsent(key, (k) -> new ArrayList<>())
							.add(new PeriodRow(key.learnerId(), key.capabilityIdentifier(), rs.getInt(3),
									instant(rs, 4), instant(rs, 5), tier, AttainmentStatus.valueOf(rs.getString(7)),
									instant(rs, 8), instant(rs, 9), rs.getLong(10)));
					}
				});
		stored.values().forEach((periods) -> periods.sort(Comparator.comparingInt(PeriodRow::period)));
		return stored;
	}

	/**
	 * One row of {@code cred_standing}, its instants at the column's precision, so a
	 * period read back equals the one computed from the same evidence.
	 */
	private record PeriodRow(long learnerId, String capabilityIdentifier, int period, Instant from, Instant until,
			Integer tier, AttainmentStatus status, Instant achievedAt, Instant expiresAt, long firstEvidenceId) {

		PeriodRow {
			from = micros(from);
			until = micros(until);
			achievedAt = micros(achievedAt);
			expiresAt = micros(expiresAt);
		}

		private static Instant micros(Instant instant) {
			return (instant != null) ? instant.truncatedTo(ChronoUnit.MICROS) : null;
		}

	}

	/**
	 * Takes the learners' lock rows in learner order: one statement per thousand, which
	 * takes its rows in the order of its values.
	 */
	private void lock(TreeSet<Long> learners) {
		Timestamp now = Timestamp.from(Instant.now());
		List<Long> ids = List.copyOf(learners);
		for (int from = 0; from < ids.size(); from += CHUNK) {
			List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
			List<Object> values = new ArrayList<>(chunk.size() * 2);
			chunk.forEach((l) -> values.addAll(List.of(l, now)));
			this.jdbc.getJdbcTemplate()
				.update("INSERT INTO cred_standing_lock (learner_id, locked_at) VALUES "
						+ String.join(", ", Collections.nCopies(chunk.size(), "(?, ?)"))
						+ " ON DUPLICATE KEY UPDATE locked_at = VALUES(locked_at)", values.toArray());
		}
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
