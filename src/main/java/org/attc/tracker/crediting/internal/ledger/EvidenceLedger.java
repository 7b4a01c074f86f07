package org.attc.tracker.crediting.internal.ledger;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import org.attc.tracker.crediting.internal.attainment.EvidenceItem;
import org.attc.tracker.crediting.internal.attainment.EvidenceKind;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowCallbackHandler;
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

	/** Most rows looked up and inserted in one statement. */
	private static final int CHUNK = 200;

	private static final String INSERT_COLUMNS = "INSERT INTO cred_evidence (learner_id, capability_identifier, "
			+ "tier_rank, kind, points, threshold, mapping_id, statement_id, activity_id, registration, verb, score, "
			+ "recorded_by, reason, achieved_at, expires_at, recorded_at, base_key, generation) VALUES ";

	private static final String INSERT_ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

	private static final String RETRACT_COLUMNS = "INSERT INTO cred_evidence (learner_id, capability_identifier, "
			+ "tier_rank, kind, mapping_id, statement_id, recorded_by, reason, achieved_at, recorded_at, retracts_id, "
			+ "base_key, generation) VALUES ";

	private static final String RETRACT_ROW = "(?, ?, ?, 'RETRACTION', ?, ?, ?, ?, ?, ?, ?, ?, 0)";

	/**
	 * Appends unless the ledger already has a row with the same base key; true when
	 * appended. Live crediting uses this, so a redelivered event cannot bring back
	 * evidence that was retracted since.
	 */
	public boolean appendOnce(NewEvidence e) {
		return !append(List.of(e), false).isEmpty();
	}

	/**
	 * Appends unless a current row with the same base key exists, even when earlier rows
	 * with that key were retracted: recomputes and learner reassignments rebuild evidence
	 * so.
	 */
	public boolean appendUnlessCurrent(NewEvidence e) {
		return !append(List.of(e), true).isEmpty();
	}

	/**
	 * {@link #appendOnce} for many: a batch of statements' evidence in one look-up and
	 * one insert per {@value #CHUNK} keys instead of two round trips each. The first of
	 * each key counts.
	 * @return those appended, in the order given
	 */
	public List<NewEvidence> appendAllOnce(List<NewEvidence> evidence) {
		return append(evidence, false);
	}

	/** {@link #appendUnlessCurrent} for many, as {@link #appendAllOnce}. */
	public List<NewEvidence> appendAllUnlessCurrent(List<NewEvidence> evidence) {
		return append(evidence, true);
	}

	private List<NewEvidence> append(List<NewEvidence> evidence, boolean evenAfterRetraction) {
		Map<String, NewEvidence> byKey = new LinkedHashMap<>();
		evidence.forEach((e) -> byKey.putIfAbsent(e.baseKey(), e));
		List<NewEvidence> distinct = new ArrayList<>(byKey.values());
		List<NewEvidence> appended = new ArrayList<>();
		for (int from = 0; from < distinct.size(); from += CHUNK) {
			appended.addAll(
					appendChunk(distinct.subList(from, Math.min(distinct.size(), from + CHUNK)), evenAfterRetraction));
		}
		return appended;
	}

	/** Keys distinct; what was appended. */
	private List<NewEvidence> appendChunk(List<NewEvidence> chunk, boolean evenAfterRetraction) {
		// one look at the rows with these keys: how many there are, and how many are
		// current
		Map<String, int[]> counts = new HashMap<>();
		this.jdbc.query(
				"SELECT e.base_key, COUNT(*), COALESCE(SUM(CASE WHEN NOT EXISTS "
						+ "(SELECT 1 FROM cred_evidence r WHERE r.retracts_id = e.id) THEN 1 ELSE 0 END), 0) "
						+ "FROM cred_evidence e WHERE e.base_key IN (:keys) GROUP BY e.base_key",
				Map.of("keys", chunk.stream().map(NewEvidence::baseKey).toList()),
				(RowCallbackHandler) (rs) -> counts.put(rs.getString(1), new int[] { rs.getInt(2), rs.getInt(3) }));
		List<NewEvidence> due = new ArrayList<>();
		List<Object> values = new ArrayList<>();
		Timestamp recorded = Timestamp.from(Instant.now());
		for (NewEvidence e : chunk) {
			int[] found = counts.getOrDefault(e.baseKey(), new int[] { 0, 0 });
			int generation = found[0];
			if (generation > 0 && (!evenAfterRetraction || found[1] > 0)) {
				continue;
			}
			due.add(e);
			values.addAll(Arrays.asList(e.learnerId(), e.capabilityIdentifier(), e.tierRank(), e.kind().name(),
					e.points(), e.threshold(), e.mappingId(),
					(e.statementId() != null) ? e.statementId().toString() : null, e.activityId(), e.registration(),
					e.verb(), e.score(), e.recordedBy(), e.reason(), Timestamp.from(e.achievedAt()),
					(e.expiresAt() != null) ? Timestamp.from(e.expiresAt()) : null, recorded, e.baseKey(), generation));
		}
		if (due.isEmpty()) {
			return List.of();
		}
		try {
			this.jdbc.getJdbcTemplate()
				.update(INSERT_COLUMNS + String.join(", ", Collections.nCopies(due.size(), INSERT_ROW)),
						values.toArray());
			return due;
		}
		catch (DuplicateKeyException ex) {
			// another delivery of the same event appended some of these meanwhile; the
			// statement inserted none of them (InnoDB undoes a failed statement)
			if (due.size() == 1) {
				return List.of();
			}
			List<NewEvidence> appended = new ArrayList<>();
			for (NewEvidence e : due) {
				appended.addAll(appendChunk(List.of(e), evenAfterRetraction));
			}
			return appended;
		}
	}

	/** Takes a row back, with the reason; a row already taken back stays as it is. */
	public boolean retract(EvidenceRow row, String reason, String by) {
		return !retractAll(List.of(row), (r) -> reason, by).isEmpty();
	}

	/**
	 * {@link #retract} for many: one multi-row insert per {@value #CHUNK} rows instead of
	 * one each (a deleted national mapping's rows are retracted by the hundred thousand).
	 * @param reasonOf the reason for each row
	 * @return the rows taken back now (not those already taken back), in the order given
	 */
	public List<EvidenceRow> retractAll(List<EvidenceRow> rows, Function<EvidenceRow, String> reasonOf, String by) {
		List<EvidenceRow> retracted = new ArrayList<>();
		for (int from = 0; from < rows.size(); from += CHUNK) {
			retracted.addAll(retractChunk(rows.subList(from, Math.min(rows.size(), from + CHUNK)), reasonOf, by));
		}
		return retracted;
	}

	private List<EvidenceRow> retractChunk(List<EvidenceRow> chunk, Function<EvidenceRow, String> reasonOf, String by) {
		List<Object> values = new ArrayList<>();
		Timestamp now = Timestamp.from(Instant.now());
		for (EvidenceRow row : chunk) {
			String reason = reasonOf.apply(row);
			values.addAll(Arrays.asList(row.learnerId(), row.capabilityIdentifier(), row.tierRank(), row.mappingId(),
					(row.statementId() != null) ? row.statementId().toString() : null, by,
					(reason.length() > 2000) ? reason.substring(0, 2000) : reason, now, now, row.id(),
					"retract:" + row.id()));
		}
		try {
			this.jdbc.getJdbcTemplate()
				.update(RETRACT_COLUMNS + String.join(", ", Collections.nCopies(chunk.size(), RETRACT_ROW)),
						values.toArray());
			return chunk;
		}
		catch (DuplicateKeyException ex) {
			// some were taken back already (the key is the row's); the statement inserted
			// none of them, so one by one
			if (chunk.size() == 1) {
				return List.of();
			}
			List<EvidenceRow> retracted = new ArrayList<>();
			for (EvidenceRow row : chunk) {
				retracted.addAll(retractChunk(List.of(row), reasonOf, by));
			}
			return retracted;
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
	 * attainment calculation reads, and of the attempts only the first. An attempt counts
	 * only as "in progress", however many there are, and the standing keeps its first
	 * row's id; a learner's attempts outnumber the rest and grow with every try, so they
	 * are found in {@code ix_cred_evidence_learner} (learner, capability, kind) and only
	 * the first of each standing is read.
	 */
	public List<CurrentEvidence> currentForStandings(Collection<Long> learnerIds,
			Collection<String> capabilityIdentifiers) {
		if (learnerIds.isEmpty() || capabilityIdentifiers.isEmpty()) {
			return List.of();
		}
		String columns = "SELECT e.id, e.learner_id, e.capability_identifier, e.tier_rank, e.kind, e.points, "
				+ "e.threshold, e.mapping_id, e.achieved_at, e.expires_at FROM cred_evidence e ";
		String pairs = "%1$s.learner_id IN (:learners) AND %1$s.capability_identifier IN (:capabilities)";
		// one String per capability, however many rows name it
		Map<String, String> capabilities = new HashMap<>();
		return this.jdbc.query(
				columns + "WHERE " + pairs.formatted("e") + " AND e.kind <> 'ATTEMPT'" + CURRENT + " UNION ALL "
						+ columns + "WHERE e.id IN (SELECT MIN(a.id) FROM cred_evidence a WHERE " + pairs.formatted("a")
						+ " AND a.kind = 'ATTEMPT' AND NOT EXISTS "
						+ "(SELECT 1 FROM cred_evidence r WHERE r.retracts_id = a.id) "
						+ "GROUP BY a.learner_id, a.capability_identifier) ORDER BY 1",
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

	/**
	 * A page of a mapping's current evidence, by id: a national mapping's rows can be
	 * millions, so they are read a page at a time.
	 * @param afterId the last id of the previous page (0 for the first)
	 * @param limit most rows returned
	 */
	public List<EvidenceRow> currentForMapping(long mappingId, long afterId, int limit) {
		return this.jdbc.query(
				"SELECT " + COLUMNS + " FROM cred_evidence e WHERE e.mapping_id = :mapping AND e.id > :after" + CURRENT
						+ " ORDER BY e.id LIMIT :limit",
				Map.of("mapping", mappingId, "after", afterId, "limit", limit), EvidenceLedger::row);
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
