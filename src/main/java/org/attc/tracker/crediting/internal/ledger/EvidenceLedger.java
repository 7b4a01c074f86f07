package org.attc.tracker.crediting.internal.ledger;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.attc.tracker.crediting.internal.attainment.EvidenceItem;
import org.attc.tracker.crediting.internal.attainment.EvidenceKind;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The append-only evidence ledger. Rows are only ever inserted; a retraction is a row
 * that points at the row it takes back. Appending is idempotent per base key, so a
 * redelivered event credits nothing twice.
 */
@Component
public class EvidenceLedger {

	private static final String COLUMNS = "e.id, e.learner_id, e.capability_identifier, e.tier_rank, e.kind, e.points, "
			+ "e.threshold, e.mapping_id, e.statement_id, e.activity_id, e.registration, e.verb, e.score, e.recorded_by, "
			+ "e.reason, e.achieved_at, e.expires_at, e.recorded_at, e.retracts_id, e.base_key, "
			+ "EXISTS (SELECT 1 FROM cred_evidence r WHERE r.retracts_id = e.id) AS retracted";

	private static final String CURRENT = " AND e.kind <> 'RETRACTION' "
			+ "AND NOT EXISTS (SELECT 1 FROM cred_evidence r WHERE r.retracts_id = e.id)";

	private final NamedParameterJdbcTemplate jdbc;

	EvidenceLedger(NamedParameterJdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Appends unless the ledger already has a row with the same base key; true when
	 * appended. Live crediting uses this, so a redelivered event cannot bring back
	 * evidence that was retracted since.
	 */
	public boolean appendOnce(NewEvidence e) {
		return append(e, false);
	}

	/**
	 * Appends unless a current row with the same base key exists, even when earlier rows
	 * with that key were retracted: recomputes and learner reassignments rebuild evidence
	 * so.
	 */
	public boolean appendUnlessCurrent(NewEvidence e) {
		return append(e, true);
	}

	private boolean append(NewEvidence e, boolean evenAfterRetraction) {
		// one look at the rows with this key: how many there are, and how many are
		// current
		int[] counts = this.jdbc.queryForObject(
				"SELECT COUNT(*), COALESCE(SUM(CASE WHEN NOT EXISTS "
						+ "(SELECT 1 FROM cred_evidence r WHERE r.retracts_id = e.id) THEN 1 ELSE 0 END), 0) "
						+ "FROM cred_evidence e WHERE e.base_key = :key",
				new MapSqlParameterSource("key", e.baseKey()), (rs, n) -> new int[] { rs.getInt(1), rs.getInt(2) });
		int generation = counts[0];
		if (generation > 0 && (!evenAfterRetraction || counts[1] > 0)) {
			return false;
		}
		MapSqlParameterSource params = new MapSqlParameterSource().addValue("learner", e.learnerId())
			.addValue("capability", e.capabilityIdentifier())
			.addValue("tier", e.tierRank())
			.addValue("kind", e.kind().name())
			.addValue("points", e.points())
			.addValue("threshold", e.threshold())
			.addValue("mapping", e.mappingId())
			.addValue("statement", (e.statementId() != null) ? e.statementId().toString() : null)
			.addValue("activity", e.activityId())
			.addValue("registration", e.registration())
			.addValue("verb", e.verb())
			.addValue("score", e.score())
			.addValue("by", e.recordedBy())
			.addValue("reason", e.reason())
			.addValue("achieved", Timestamp.from(e.achievedAt()))
			.addValue("expires", (e.expiresAt() != null) ? Timestamp.from(e.expiresAt()) : null)
			.addValue("recorded", Timestamp.from(Instant.now()))
			.addValue("key", e.baseKey())
			.addValue("generation", generation);
		try {
			this.jdbc.update("INSERT INTO cred_evidence (learner_id, capability_identifier, tier_rank, kind, points, "
					+ "threshold, mapping_id, statement_id, activity_id, registration, verb, score, recorded_by, reason, "
					+ "achieved_at, expires_at, recorded_at, base_key, generation) VALUES (:learner, :capability, :tier, "
					+ ":kind, :points, :threshold, :mapping, :statement, :activity, :registration, :verb, :score, :by, "
					+ ":reason, :achieved, :expires, :recorded, :key, :generation)", params);
			return true;
		}
		catch (DuplicateKeyException ex) {
			// appended concurrently by another delivery of the same event
			return false;
		}
	}

	/** Takes a row back, with the reason; a row already taken back stays as it is. */
	public boolean retract(EvidenceRow row, String reason, String by) {
		MapSqlParameterSource params = new MapSqlParameterSource().addValue("learner", row.learnerId())
			.addValue("capability", row.capabilityIdentifier())
			.addValue("tier", row.tierRank())
			.addValue("mapping", row.mappingId())
			.addValue("statement", (row.statementId() != null) ? row.statementId().toString() : null)
			.addValue("by", by)
			.addValue("reason", (reason.length() > 2000) ? reason.substring(0, 2000) : reason)
			.addValue("now", Timestamp.from(Instant.now()))
			.addValue("retracts", row.id())
			.addValue("key", "retract:" + row.id());
		try {
			return this.jdbc.update("INSERT INTO cred_evidence (learner_id, capability_identifier, tier_rank, kind, "
					+ "mapping_id, statement_id, recorded_by, reason, achieved_at, recorded_at, retracts_id, base_key, "
					+ "generation) VALUES (:learner, :capability, :tier, 'RETRACTION', :mapping, :statement, :by, "
					+ ":reason, :now, :now, :retracts, :key, 0)", params) == 1;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	/** Current (not retracted) evidence of a learner. */
	public List<EvidenceRow> current(long learnerId) {
		return this.jdbc.query("SELECT " + COLUMNS + " FROM cred_evidence e WHERE e.learner_id = :learner" + CURRENT
				+ " ORDER BY e.id", Map.of("learner", learnerId), EvidenceLedger::row);
	}

	/**
	 * Current (not retracted) evidence of many learners at once, for cohort views: one
	 * query per chunk of learners instead of one per learner.
	 */
	public List<EvidenceRow> current(java.util.Collection<Long> learnerIds) {
		if (learnerIds.isEmpty()) {
			return List.of();
		}
		return this.jdbc.query("SELECT " + COLUMNS + " FROM cred_evidence e WHERE e.learner_id IN (:learners)" + CURRENT
				+ " ORDER BY e.id", Map.of("learners", learnerIds), EvidenceLedger::row);
	}

	/**
	 * Current (not retracted) evidence of these learners for these capabilities (every
	 * pair of the two), as their standings are computed from it: only the columns the
	 * attainment calculation reads. A recompute reads every current row of its learners,
	 * so the statement, activity and audit columns (most of a row's bytes) and the
	 * per-row retraction check of the other reads (always false here) stay in the
	 * database.
	 */
	public List<CurrentEvidence> currentForStandings(Collection<Long> learnerIds,
			Collection<String> capabilityIdentifiers) {
		if (learnerIds.isEmpty() || capabilityIdentifiers.isEmpty()) {
			return List.of();
		}
		// one String per capability, however many rows name it
		Map<String, String> capabilities = new HashMap<>();
		return this.jdbc.query(
				"SELECT e.id, e.learner_id, e.capability_identifier, e.tier_rank, e.kind, e.points, e.threshold, "
						+ "e.mapping_id, e.achieved_at, e.expires_at FROM cred_evidence e "
						+ "WHERE e.learner_id IN (:learners) AND e.capability_identifier IN (:capabilities)" + CURRENT
						+ " ORDER BY e.id",
				Map.of("learners", learnerIds, "capabilities", capabilityIdentifiers), (rs, n) -> {
					long mapping = rs.getLong(8);
					boolean noMapping = rs.wasNull();
					Timestamp expires = rs.getTimestamp(10);
					EvidenceItem item = new EvidenceItem(EvidenceKind.valueOf(rs.getString(5)), rs.getInt(4),
							noMapping ? null : mapping, (Integer) rs.getObject(6), (Integer) rs.getObject(7),
							rs.getTimestamp(9).toInstant(), (expires != null) ? expires.toInstant() : null);
					return new CurrentEvidence(rs.getLong(1), rs.getLong(2),
							capabilities.computeIfAbsent(rs.getString(3), (c) -> c), item);
				});
	}

	/**
	 * A current evidence row as a standing is computed from it.
	 *
	 * @param id the row's id (the standing keeps its first)
	 * @param learnerId whose evidence
	 * @param capabilityIdentifier for which capability
	 * @param item what the attainment calculation reads
	 */
	public record CurrentEvidence(long id, long learnerId, String capabilityIdentifier, EvidenceItem item) {
	}

	/** Every row of a learner, retractions included: the audit trail. */
	public List<EvidenceRow> history(long learnerId) {
		return this.jdbc.query(
				"SELECT " + COLUMNS + " FROM cred_evidence e WHERE e.learner_id = :learner ORDER BY e.id",
				Map.of("learner", learnerId), EvidenceLedger::row);
	}

	public List<EvidenceRow> currentForStatements(Collection<UUID> statementIds) {
		if (statementIds.isEmpty()) {
			return List.of();
		}
		return this.jdbc.query(
				"SELECT " + COLUMNS + " FROM cred_evidence e WHERE e.statement_id IN (:ids)" + CURRENT
						+ " ORDER BY e.id",
				Map.of("ids", statementIds.stream().map(UUID::toString).toList()), EvidenceLedger::row);
	}

	public List<EvidenceRow> currentForMapping(long mappingId) {
		return this.jdbc.query("SELECT " + COLUMNS + " FROM cred_evidence e WHERE e.mapping_id = :mapping" + CURRENT
				+ " ORDER BY e.id", Map.of("mapping", mappingId), EvidenceLedger::row);
	}

	/**
	 * How many learners hold credit or points from a mapping now, counted in the
	 * database: a national mapping's current rows can be millions, and the page that asks
	 * before deleting it needs only the number.
	 */
	public int learnersCreditedBy(long mappingId) {
		Integer learners = this.jdbc
			.queryForObject(
					"SELECT COUNT(DISTINCT e.learner_id) FROM cred_evidence e WHERE e.mapping_id = :mapping "
							+ "AND e.kind IN ('CREDIT', 'POINTS')" + CURRENT,
					Map.of("mapping", mappingId), Integer.class);
		return (learners != null) ? learners : 0;
	}

	public List<EvidenceRow> currentForLearnerAndMapping(long learnerId, long mappingId) {
		return this.jdbc.query(
				"SELECT " + COLUMNS + " FROM cred_evidence e WHERE e.learner_id = :learner AND e.mapping_id = :mapping"
						+ CURRENT + " ORDER BY e.id",
				Map.of("learner", learnerId, "mapping", mappingId), EvidenceLedger::row);
	}

	private static EvidenceRow row(ResultSet rs, int n) throws SQLException {
		String statement = rs.getString("statement_id");
		Timestamp expires = rs.getTimestamp("expires_at");
		long mapping = rs.getLong("mapping_id");
		boolean noMapping = rs.wasNull();
		long retracts = rs.getLong("retracts_id");
		boolean noRetracts = rs.wasNull();
		return EvidenceRow.builder()
			.id(rs.getLong("id"))
			.learnerId(rs.getLong("learner_id"))
			.capability(rs.getString("capability_identifier"), rs.getInt("tier_rank"))
			.kind(EvidenceKind.valueOf(rs.getString("kind")))
			.points((Integer) rs.getObject("points"), (Integer) rs.getObject("threshold"))
			.mappingId(noMapping ? null : mapping)
			.statementId((statement != null) ? UUID.fromString(statement) : null)
			.activityId(rs.getString("activity_id"))
			.registration(rs.getString("registration"))
			.verb(rs.getString("verb"))
			.score((Double) rs.getObject("score"))
			.recordedBy(rs.getString("recorded_by"))
			.reason(rs.getString("reason"))
			.achievedAt(rs.getTimestamp("achieved_at").toInstant())
			.expiresAt((expires != null) ? expires.toInstant() : null)
			.recordedAt(rs.getTimestamp("recorded_at").toInstant())
			.retractsId(noRetracts ? null : retracts)
			.baseKey(rs.getString("base_key"))
			.retracted(rs.getBoolean("retracted"))
			.build();
	}

}
