package org.attc.tracker.xapi;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.attc.tracker.xapi.internal.store.ActivityDefinitions;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Read access to stored statements for other modules (crediting): by id, and a keyset
 * scan in storage order for recomputation. Voided statements are included, flagged.
 */
@Service
public class Statements {

	private static final int MAX_SCAN = 10_000;

	private final NamedParameterJdbcTemplate jdbc;

	private final ActivityDefinitions definitions;

	private final JsonMapper json = JsonMapper.builder().build();

	Statements(NamedParameterJdbcTemplate jdbc, ActivityDefinitions definitions) {
		this.jdbc = jdbc;
		this.definitions = definitions;
	}

	/**
	 * The names people read of these activities, from the statements' activity
	 * definitions ({@code definition.name}: British English, else English, else the first
	 * language given).
	 * @return a name for each activity that has one; the others are left out
	 */
	public java.util.Map<String, String> activityNames(Collection<String> activityIds) {
		java.util.Map<String, String> names = new java.util.LinkedHashMap<>();
		for (String id : new java.util.LinkedHashSet<>(activityIds)) {
			if (id != null) {
				this.definitions.name(id).ifPresent((name) -> names.put(id, name));
			}
		}
		return names;
	}

	/**
	 * @param ids statement ids
	 * @return the stored statements among them, in storage order
	 */
	public List<StoredStatement> findByIds(Collection<UUID> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		List<StoredStatement> found = new ArrayList<>();
		List<String> all = ids.stream().map(UUID::toString).distinct().toList();
		for (int from = 0; from < all.size(); from += 1000) {
			List<String> chunk = all.subList(from, Math.min(all.size(), from + 1000));
			// no ORDER BY: the list is sorted below anyway, and a server-side sort of
			// rows that carry the statement's JSON (a TEXT column) is a filesort
			found.addAll(
					this.jdbc.query("SELECT seq, statement_id, statement, stored, stamp, voided FROM xapi_statement "
							+ "WHERE statement_id IN (:ids)", java.util.Map.of("ids", chunk), this::row));
		}
		found.sort(java.util.Comparator.comparingLong(StoredStatement::position));
		return found;
	}

	/**
	 * How many statements the store holds, voided ones included (a recompute's total).
	 */
	public long count() {
		Long count = this.jdbc.queryForObject("SELECT COUNT(*) FROM xapi_statement", java.util.Map.of(), Long.class);
		return (count != null) ? count : 0;
	}

	/**
	 * The next statements in storage order.
	 * @param afterPosition the {@link StoredStatement#position()} of the last statement
	 * seen, 0 to start
	 * @param limit at most this many (capped at 10 000)
	 * @return the statements, ascending by position; empty at the end
	 */
	public List<StoredStatement> scan(long afterPosition, int limit) {
		return this.jdbc.query(
				"SELECT seq, statement_id, statement, stored, stamp, voided FROM xapi_statement "
						+ "WHERE seq > :after ORDER BY seq LIMIT :limit",
				java.util.Map.of("after", afterPosition, "limit", Math.max(1, Math.min(limit, MAX_SCAN))), this::row);
	}

	private StoredStatement row(ResultSet rs, int rowNum) throws SQLException {
		return new StoredStatement(UUID.fromString(rs.getString("statement_id")),
				this.json.readTree(rs.getString("statement")),
				rs.getObject("stored", LocalDateTime.class).toInstant(ZoneOffset.UTC),
				rs.getObject("stamp", LocalDateTime.class).toInstant(ZoneOffset.UTC), rs.getBoolean("voided"),
				rs.getLong("seq"));
	}

}
