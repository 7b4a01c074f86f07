package org.attc.tracker.progress.internal.standing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.attc.tracker.crediting.AttainmentStatus;
import org.attc.tracker.crediting.CapabilityHolding;
import org.attc.tracker.crediting.CapabilityStanding;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Component;

/** The progress read model's tables: {@code prog_capability_standing} and its marks. */
@Component
class StandingStore {

	private final NamedParameterJdbcTemplate jdbc;

	StandingStore(NamedParameterJdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** A stored standing and the moment it was computed for. */
	record Stored(CapabilityStanding standing, Instant computedAt) {
	}

	List<Stored> of(Collection<Long> learners) {
		if (learners.isEmpty()) {
			return List.of();
		}
		return this.jdbc.query("SELECT learner_id, capability_identifier, tier_rank, status_without_tier, achieved_at, "
				+ "expires_at, changes_at, first_evidence_id, computed_at FROM prog_capability_standing "
				+ "WHERE learner_id IN (:learners)", Map.of("learners", learners), StandingStore::row);
	}

	/**
	 * Replaces every row of these learners with {@code standings}, and their holdings
	 * with {@code holdings} unless that is null (a recompute for the clock's sake only,
	 * when the evidence is unchanged).
	 */
	void replace(Collection<Long> learners, List<CapabilityStanding> standings, List<CapabilityHolding> holdings,
			Instant computedAt) {
		if (learners.isEmpty()) {
			return;
		}
		if (holdings != null) {
			this.jdbc.update("DELETE FROM prog_capability_holding WHERE learner_id IN (:learners)",
					Map.of("learners", learners));
			this.jdbc.batchUpdate(
					"INSERT INTO prog_capability_holding (learner_id, capability_identifier, tier_rank, "
							+ "achieved_at, expires_at) VALUES (:learner, :capability, :tier, :achieved, :expires)",
					holdings.stream()
						.map((h) -> new MapSqlParameterSource().addValue("learner", h.learnerId())
							.addValue("capability", h.capabilityIdentifier())
							.addValue("tier", h.tier())
							.addValue("achieved", timestamp(h.achievedAt()))
							.addValue("expires", timestamp(h.expiresAt())))
						.toArray(SqlParameterSource[]::new));
		}
		this.jdbc.update("DELETE FROM prog_capability_standing WHERE learner_id IN (:learners)",
				Map.of("learners", learners));
		if (!standings.isEmpty()) {
			insert(standings, computedAt);
		}
		// last: a coverage being stored from the old rows holds share locks on them, so
		// this waits for it and then deletes what it stored
		forgetCoverage(learners);
	}

	private void insert(List<CapabilityStanding> standings, Instant computedAt) {
		SqlParameterSource[] batch = standings.stream()
			.map((s) -> new MapSqlParameterSource().addValue("learner", s.learnerId())
				.addValue("capability", s.capabilityIdentifier())
				.addValue("tier", s.tier())
				.addValue("status", s.status().name())
				.addValue("achieved", timestamp(s.achievedAt()))
				.addValue("expires", timestamp(s.expiresAt()))
				.addValue("changes", timestamp(s.changesAt()))
				.addValue("first", s.firstEvidenceId())
				.addValue("computed", timestamp(computedAt)))
			.toArray(SqlParameterSource[]::new);
		// a concurrent refresh of the same learner may have written in between: the later
		// computation wins, both come from committed evidence
		this.jdbc.batchUpdate("INSERT INTO prog_capability_standing (learner_id, capability_identifier, tier_rank, "
				+ "status_without_tier, achieved_at, expires_at, changes_at, first_evidence_id, computed_at) "
				+ "VALUES (:learner, :capability, :tier, :status, :achieved, :expires, :changes, :first, :computed) "
				+ "ON DUPLICATE KEY UPDATE tier_rank = VALUES(tier_rank), "
				+ "status_without_tier = VALUES(status_without_tier), achieved_at = VALUES(achieved_at), "
				+ "expires_at = VALUES(expires_at), changes_at = VALUES(changes_at), "
				+ "first_evidence_id = VALUES(first_evidence_id), computed_at = VALUES(computed_at)", batch);
	}

	void deleteAll() {
		this.jdbc.update("DELETE FROM prog_capability_standing", Map.of());
		this.jdbc.update("DELETE FROM prog_capability_holding", Map.of());
		this.jdbc.update("DELETE FROM prog_learner_coverage", Map.of());
	}

	private void forgetCoverage(Collection<Long> learners) {
		this.jdbc.update("DELETE FROM prog_learner_coverage WHERE learner_id IN (:learners)",
				Map.of("learners", learners));
	}

	/** A learner's stored coverage row. */
	record StoredCoverage(long learnerId, String basisKey, int held, int required, String breakdown, Instant validUntil,
			Instant computedAt) {
	}

	Map<Long, StoredCoverage> coverages(Collection<Long> learners) {
		Map<Long, StoredCoverage> rows = new java.util.HashMap<>();
		if (learners.isEmpty()) {
			return rows;
		}
		this.jdbc.query(
				"SELECT learner_id, basis_key, held, required, breakdown, valid_until, computed_at "
						+ "FROM prog_learner_coverage WHERE learner_id IN (:learners)",
				Map.of("learners", learners),
				(org.springframework.jdbc.core.RowCallbackHandler) (rs) -> rows.put(rs.getLong(1),
						new StoredCoverage(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getInt(4), rs.getString(5),
								instant(rs, 6), instant(rs, 7))));
		return rows;
	}

	void storeCoverages(List<StoredCoverage> rows) {
		if (rows.isEmpty()) {
			return;
		}
		this.jdbc.batchUpdate("INSERT INTO prog_learner_coverage (learner_id, basis_key, held, required, breakdown, "
				+ "valid_until, computed_at) VALUES (:learner, :basis, :held, :required, :breakdown, :valid, :computed) "
				+ "ON DUPLICATE KEY UPDATE basis_key = VALUES(basis_key), held = VALUES(held), "
				+ "required = VALUES(required), breakdown = VALUES(breakdown), valid_until = VALUES(valid_until), "
				+ "computed_at = VALUES(computed_at)",
				rows.stream()
					.map((r) -> new MapSqlParameterSource().addValue("learner", r.learnerId())
						.addValue("basis", r.basisKey())
						.addValue("held", r.held())
						.addValue("required", r.required())
						.addValue("breakdown", r.breakdown())
						.addValue("valid", timestamp(r.validUntil()))
						.addValue("computed", timestamp(r.computedAt())))
					.toArray(SqlParameterSource[]::new));
	}

	/**
	 * Per learner with rows, how many and when last computed: any replacement of them
	 * changes it. With {@code lock}, the rows stay share-locked until the transaction
	 * ends (and, under repeatable read, so do the gaps where a first row would go).
	 */
	Map<Long, String> fingerprints(Collection<Long> learners, boolean lock) {
		Map<Long, String> prints = new java.util.HashMap<>();
		if (learners.isEmpty()) {
			return prints;
		}
		this.jdbc.query(
				"SELECT learner_id, COUNT(*), MAX(computed_at) FROM prog_capability_standing "
						+ "WHERE learner_id IN (:learners) GROUP BY learner_id" + (lock ? " LOCK IN SHARE MODE" : ""),
				Map.of("learners", learners), (org.springframework.jdbc.core.RowCallbackHandler) (rs) -> prints
					.put(rs.getLong(1), rs.getLong(2) + "|" + instant(rs, 3)));
		return prints;
	}

	List<CapabilityHolding> holdings(Collection<Long> learners) {
		if (learners.isEmpty()) {
			return List.of();
		}
		return this.jdbc.query(
				"SELECT learner_id, capability_identifier, tier_rank, achieved_at, expires_at "
						+ "FROM prog_capability_holding WHERE learner_id IN (:learners)",
				Map.of("learners", learners),
				(rs, n) -> new CapabilityHolding(rs.getLong("learner_id"), rs.getString("capability_identifier"),
						rs.getInt("tier_rank"), instant(rs, "achieved_at"), instant(rs, "expires_at")));
	}

	boolean isEmpty() {
		return this.jdbc.queryForList("SELECT 1 FROM prog_capability_standing LIMIT 1", Map.of(), Integer.class)
			.isEmpty();
	}

	long rows() {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM prog_capability_standing", Map.of(), Long.class);
	}

	/** Marks learners stale (or re-marks them, moving the mark's time on). */
	void mark(Collection<Long> learners, Instant at) {
		SqlParameterSource[] batch = learners.stream()
			.map((l) -> new MapSqlParameterSource().addValue("learner", l).addValue("at", timestamp(at)))
			.toArray(SqlParameterSource[]::new);
		this.jdbc.batchUpdate("INSERT INTO prog_stale_learner (learner_id, marked_at) VALUES (:learner, :at) "
				+ "ON DUPLICATE KEY UPDATE marked_at = VALUES(marked_at)", batch);
		forgetCoverage(learners);
	}

	/** The marks among these learners, each with the time it was set. */
	Map<Long, Timestamp> marks(Collection<Long> learners) {
		if (learners.isEmpty()) {
			return Map.of();
		}
		Map<Long, Timestamp> marks = new java.util.HashMap<>();
		this.jdbc.query("SELECT learner_id, marked_at FROM prog_stale_learner WHERE learner_id IN (:learners)",
				Map.of("learners", learners), (org.springframework.jdbc.core.RowCallbackHandler) (rs) -> marks
					.put(rs.getLong("learner_id"), rs.getTimestamp("marked_at")));
		return marks;
	}

	/** Up to {@code limit} marks, oldest learner ids first. */
	Map<Long, Timestamp> someMarks(int limit) {
		Map<Long, Timestamp> marks = new java.util.LinkedHashMap<>();
		this.jdbc.query("SELECT learner_id, marked_at FROM prog_stale_learner ORDER BY learner_id LIMIT :limit",
				Map.of("limit", limit), (org.springframework.jdbc.core.RowCallbackHandler) (rs) -> marks
					.put(rs.getLong("learner_id"), rs.getTimestamp("marked_at")));
		return marks;
	}

	long markCount() {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM prog_stale_learner", Map.of(), Long.class);
	}

	/** Clears the marks that are still the ones seen; a mark set since stays. */
	void clear(Map<Long, Timestamp> seen) {
		if (seen.isEmpty()) {
			return;
		}
		List<SqlParameterSource> batch = new ArrayList<>();
		seen.forEach((learner, at) -> batch
			.add(new MapSqlParameterSource().addValue("learner", learner).addValue("at", at)));
		this.jdbc.batchUpdate("DELETE FROM prog_stale_learner WHERE learner_id = :learner AND marked_at = :at",
				batch.toArray(SqlParameterSource[]::new));
	}

	private static Timestamp timestamp(Instant instant) {
		return (instant != null) ? Timestamp.from(instant) : null;
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		return instant(rs, rs.findColumn(column));
	}

	/**
	 * The same instant {@code getTimestamp(column).toInstant()} gives (the column read as
	 * local time of the JVM's zone, as {@link #timestamp} wrote it), without the driver's
	 * per-value {@code Calendar}: a national view reads hundreds of thousands.
	 */
	private static Instant instant(ResultSet rs, int column) throws SQLException {
		LocalDateTime t = rs.getObject(column, LocalDateTime.class);
		return (t != null) ? t.atZone(ZoneId.systemDefault()).toInstant() : null;
	}

	/** A row of the {@link #of} query, read by position: its columns in order. */
	private static Stored row(ResultSet rs, int n) throws SQLException {
		int rank = rs.getInt(3);
		Integer tier = rs.wasNull() ? null : rank;
		return new Stored(
				new CapabilityStanding(rs.getLong(1), rs.getString(2), tier, AttainmentStatus.valueOf(rs.getString(4)),
						instant(rs, 5), instant(rs, 6), instant(rs, 7), rs.getLong(8)),
				instant(rs, 9));
	}

}
