package org.attc.tracker.crediting.internal.engine;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Component;

/**
 * What a recompute job has to remember between its batches, kept in the database
 * ({@code cred_recompute_wanted}, {@code cred_recompute_affected}) and written in each
 * batch's transaction: the base keys of the evidence its statements call for, and the
 * learners and capabilities whose evidence it changed. A job over the whole history of a
 * national store holds millions of each: kept in the heap they grew with the history,
 * kept here the job's memory is one batch, and a job taken up again after its node died
 * finds what it had done.
 */
@Component
class RecomputeWorkingSet {

	/** Rows deleted per statement when a job ends: small transactions, also on Galera. */
	private static final int DELETE_CHUNK = 5_000;

	private final NamedParameterJdbcTemplate jdbc;

	RecomputeWorkingSet(NamedParameterJdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Notes keys the job's statements call for and what it changed (either may be empty).
	 */
	void remember(long job, Collection<String> wanted, Collection<Affected> affected) {
		if (!wanted.isEmpty()) {
			this.jdbc.batchUpdate("INSERT IGNORE INTO cred_recompute_wanted (job_id, base_key) VALUES (:job, :key)",
					wanted.stream()
						.map((key) -> new MapSqlParameterSource("job", job).addValue("key", key))
						.toArray(SqlParameterSource[]::new));
		}
		if (!affected.isEmpty()) {
			this.jdbc.batchUpdate(
					"INSERT IGNORE INTO cred_recompute_affected (job_id, learner_id, capability_identifier) "
							+ "VALUES (:job, :learner, :capability)",
					affected.stream()
						.map((a) -> new MapSqlParameterSource("job", job).addValue("learner", a.learnerId())
							.addValue("capability", a.capabilityIdentifier()))
						.toArray(SqlParameterSource[]::new));
		}
	}

	/** Which of these keys the job's statements call for. */
	Set<String> wantedAmong(long job, Collection<String> keys) {
		if (keys.isEmpty()) {
			return Set.of();
		}
		return new HashSet<>(this.jdbc.queryForList(
				"SELECT base_key FROM cred_recompute_wanted WHERE job_id = :job AND base_key IN (:keys)",
				Map.of("job", job, "keys", keys), String.class));
	}

	/**
	 * A page of what the job changed, in key order.
	 * @param after the last of the previous page, or {@code null} for the first
	 */
	List<Affected> affected(long job, Affected after, int limit) {
		MapSqlParameterSource params = new MapSqlParameterSource("job", job).addValue("limit", limit)
			.addValue("learner", (after != null) ? after.learnerId() : -1L)
			.addValue("capability", (after != null) ? after.capabilityIdentifier() : "");
		return this.jdbc
			.query("SELECT learner_id, capability_identifier FROM cred_recompute_affected WHERE job_id = :job "
					+ "AND (learner_id > :learner OR (learner_id = :learner AND capability_identifier > :capability)) "
					+ "ORDER BY learner_id, capability_identifier LIMIT :limit", params,
					(rs, n) -> new Affected(rs.getLong(1), rs.getString(2)));
	}

	/** Forgets everything the job noted, a chunk per statement. */
	void forget(long job) {
		for (String table : List.of("cred_recompute_wanted", "cred_recompute_affected")) {
			while (this.jdbc.update("DELETE FROM " + table + " WHERE job_id = :job LIMIT " + DELETE_CHUNK,
					Map.of("job", job)) == DELETE_CHUNK) {
				// next chunk
			}
		}
	}

}
