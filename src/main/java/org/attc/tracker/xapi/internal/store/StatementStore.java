package org.attc.tracker.xapi.internal.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.attc.tracker.xapi.internal.XapiJson;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The statement tables, in plain JDBC: batch inserts on the write path, keyset paging on
 * the read path. Callers own the transaction.
 */
@Repository
public class StatementStore {

	private final JdbcTemplate jdbc;

	private final NamedParameterJdbcTemplate named;

	StatementStore(JdbcTemplate jdbc, NamedParameterJdbcTemplate named) {
		this.jdbc = jdbc;
		this.named = named;
	}

	/** A stored row as the read path needs it. */
	public record Row(long seq, UUID id, String json, Instant stored, boolean voided, UUID voidingTarget) {
	}

	public Map<UUID, Row> findByIds(Collection<UUID> ids, boolean forUpdate) {
		Map<UUID, Row> rows = new HashMap<>();
		if (ids.isEmpty()) {
			return rows;
		}
		List<String> keys = ids.stream().map(UUID::toString).distinct().toList();
		for (int from = 0; from < keys.size(); from += 1000) {
			this.named
				.query("SELECT seq, statement_id, statement, stored, voided, voiding_target FROM xapi_statement "
						+ "WHERE statement_id IN (:ids)" + (forUpdate ? " FOR UPDATE" : ""),
						Map.of("ids", keys.subList(from, Math.min(keys.size(), from + 1000))), StatementStore::row)
				.forEach((row) -> rows.put(row.id(), row));
		}
		return rows;
	}

	/** Who stored a statement: the client's key and its organisation, if any. */
	public record Storer(String clientKey, String organisation) {
	}

	/**
	 * The clients that stored these statements (the organisation is {@code null} for a
	 * client without one, or one deleted since).
	 */
	public Map<UUID, Storer> storers(Collection<UUID> ids) {
		Map<UUID, Storer> storers = new HashMap<>();
		if (ids.isEmpty()) {
			return storers;
		}
		this.named.query(
				"SELECT s.statement_id, s.client_key, c.organisation FROM xapi_statement s "
						+ "LEFT JOIN xapi_client c ON c.client_key = s.client_key WHERE s.statement_id IN (:ids)",
				Map.of("ids", ids.stream().map(UUID::toString).distinct().toList()),
				(RowCallbackHandler) (rs) -> storers.put(UUID.fromString(rs.getString(1)),
						new Storer(rs.getString(2), rs.getString(3))));
		return storers;
	}

	/**
	 * @param statements the new statements
	 * @param clientKey the client writing them
	 * @param givenIds the ids the client chose (the others the LRS made up just now, so
	 * nothing stored can refer to them)
	 */
	public void insert(List<IncomingStatement> statements, String clientKey, Collection<UUID> givenIds) {
		this.jdbc.batchUpdate(
				"INSERT INTO xapi_statement (statement_id, statement, stored, stamp, verb_hash, registration, "
						+ "voiding_target, voided, client_key, object_ref) VALUES (?, ?, ?, ?, ?, ?, ?, FALSE, ?, ?)",
				statements, 500, (ps, s) -> {
					ps.setString(1, s.id.toString());
					ps.setString(2, XapiJson.MAPPER.writeValueAsString(s.statement));
					ps.setObject(3, utc(s.stored));
					ps.setObject(4, utc(s.timestamp));
					ps.setBytes(5, s.verbHash);
					ps.setString(6, s.registration);
					ps.setString(7, (s.voidingTarget != null) ? s.voidingTarget.toString() : null);
					ps.setString(8, clientKey);
					ps.setString(9, (s.objectRef != null) ? s.objectRef.toString() : null);
				});
		Map<String, Long> seqs = new HashMap<>();
		List<String> ids = statements.stream().map((s) -> s.id.toString()).toList();
		for (int from = 0; from < ids.size(); from += 1000) {
			this.named.query("SELECT seq, statement_id FROM xapi_statement WHERE statement_id IN (:ids)",
					Map.of("ids", ids.subList(from, Math.min(ids.size(), from + 1000))),
					(RowCallbackHandler) (rs) -> seqs.put(rs.getString(2), rs.getLong(1)));
		}
		List<Object[]> agents = new ArrayList<>();
		List<Object[]> activities = new ArrayList<>();
		for (IncomingStatement s : statements) {
			long seq = seqs.get(s.id.toString());
			s.agents.forEach((key) -> agents.add(new Object[] { seq, key.hash(), key.direct() }));
			s.activities.forEach((key) -> activities.add(new Object[] { seq, key.hash(), key.direct() }));
		}
		// one statement may name an agent or activity twice in the same role: keep one
		// row
		this.jdbc.batchUpdate(
				"INSERT IGNORE INTO xapi_statement_agent (statement_seq, ifi_hash, direct) VALUES (?, ?, ?)", agents);
		this.jdbc.batchUpdate(
				"INSERT IGNORE INTO xapi_statement_activity (statement_seq, iri_hash, direct) VALUES (?, ?, ?)",
				activities);
		insertChains(statements, seqs, givenIds);
	}

	/**
	 * Keeps {@code xapi_statement_ref_chain} transitive: each new StatementRef statement
	 * gets every statement its chain reaches, and statements stored earlier that refer to
	 * a statement of this batch (a StatementRef may precede its target) get the new
	 * statement's chain. Two or three indexed queries per batch, whatever the depth.
	 */
	private void insertChains(List<IncomingStatement> statements, Map<String, Long> seqs, Collection<UUID> givenIds) {
		Map<String, String> direct = new HashMap<>();
		for (IncomingStatement s : statements) {
			if (s.objectRef != null) {
				direct.put(s.id.toString(), s.objectRef.toString());
			}
		}
		List<String[]> earlier = new ArrayList<>();
		List<String> ids = givenIds.stream().map(UUID::toString).filter(seqs::containsKey).distinct().toList();
		for (int from = 0; from < ids.size(); from += 1000) {
			this.named.query(
					"SELECT c.referrer_seq, s.statement_id, c.target_id FROM xapi_statement_ref_chain c "
							+ "JOIN xapi_statement s ON s.seq = c.referrer_seq WHERE c.target_id IN (:ids)",
					Map.of("ids", ids.subList(from, Math.min(ids.size(), from + 1000))),
					(RowCallbackHandler) (rs) -> earlier
						.add(new String[] { rs.getString(1), rs.getString(2), rs.getString(3) }));
		}
		if (direct.isEmpty() && earlier.isEmpty()) {
			return;
		}
		// the (already transitive) chains of stored targets outside this batch
		Map<String, List<String>> known = new HashMap<>();
		List<String> outside = direct.values().stream().filter((id) -> !seqs.containsKey(id)).distinct().toList();
		for (int from = 0; from < outside.size(); from += 1000) {
			this.named.query("SELECT t.statement_id, c.target_id FROM xapi_statement t "
					+ "JOIN xapi_statement_ref_chain c ON c.referrer_seq = t.seq WHERE t.statement_id IN (:ids)",
					Map.of("ids", outside.subList(from, Math.min(outside.size(), from + 1000))),
					(RowCallbackHandler) (rs) -> known.computeIfAbsent(rs.getString(1), (k) -> new ArrayList<>())
						.add(rs.getString(2)));
		}
		List<Object[]> rows = new ArrayList<>();
		direct.keySet()
			.forEach((id) -> reach(id, direct, known)
				.forEach((target) -> rows.add(new Object[] { seqs.get(id), target })));
		for (String[] e : earlier) {
			for (String target : reach(e[2], direct, known)) {
				if (!target.equals(e[1])) {
					rows.add(new Object[] { Long.parseLong(e[0]), target });
				}
			}
		}
		this.jdbc.batchUpdate("INSERT IGNORE INTO xapi_statement_ref_chain (referrer_seq, target_id) VALUES (?, ?)",
				rows);
	}

	/** Every statement the chain from {@code start} reaches, without {@code start}. */
	private static Set<String> reach(String start, Map<String, String> direct, Map<String, List<String>> known) {
		Set<String> reached = new LinkedHashSet<>();
		Deque<String> next = new ArrayDeque<>();
		next.push(start);
		while (!next.isEmpty()) {
			String id = next.pop();
			List<String> onward = direct.containsKey(id) ? List.of(direct.get(id)) : known.getOrDefault(id, List.of());
			for (String target : onward) {
				// a cycle (A refers to B, B to A) ends here
				if (!target.equals(start) && reached.add(target)) {
					next.push(target);
				}
			}
		}
		return reached;
	}

	public void markVoided(Collection<UUID> ids) {
		if (!ids.isEmpty()) {
			this.named.update("UPDATE xapi_statement SET voided = TRUE WHERE statement_id IN (:ids)",
					Map.of("ids", ids.stream().map(UUID::toString).toList()));
		}
	}

	/** Attachment content is addressed by its hash, so storing it twice is a no-op. */
	public void saveAttachments(Collection<AttachmentPart> parts) {
		this.jdbc.batchUpdate(
				"INSERT IGNORE INTO xapi_attachment (sha2, content_type, length, content) VALUES (?, ?, ?, ?)",
				new ArrayList<>(parts), 100, (ps, part) -> {
					ps.setString(1, part.sha2());
					ps.setString(2, part.contentType());
					ps.setLong(3, part.content().length);
					ps.setBytes(4, part.content());
				});
	}

	public List<AttachmentPart> findAttachments(Collection<String> hashes) {
		if (hashes.isEmpty()) {
			return List.of();
		}
		return this.named.query("SELECT sha2, content_type, content FROM xapi_attachment WHERE sha2 IN (:hashes)",
				Map.of("hashes", hashes),
				(rs, n) -> new AttachmentPart(rs.getString(1), rs.getString(2), rs.getBytes(3)));
	}

	/**
	 * One page of a statement query, newest first unless ascending; one row more than the
	 * limit tells the caller whether there is a next page.
	 */
	public List<Row> query(StatementQuery query, long through) {
		StringBuilder sql = new StringBuilder(
				"SELECT s.seq, s.statement_id, s.statement, s.stored, s.voided, s.voiding_target FROM xapi_statement s "
						+ "WHERE s.voided = FALSE AND s.seq <= :through");
		MapSqlParameterSource params = new MapSqlParameterSource("through", through);
		if (query.after() != null) {
			sql.append(query.ascending() ? " AND s.seq > :after" : " AND s.seq < :after");
			params.addValue("after", query.after());
		}
		String filters = filters(query, "s", params);
		if (!filters.isEmpty()) {
			// Communication §2.1.3, Filter Conditions for StatementRefs: a statement
			// whose
			// StatementRef chain reaches a matching statement (at any depth, voided or
			// not: Data §2.3.2) matches too; the chain table is transitive, so this is
			// one
			// indexed lookup per candidate row
			sql.append(" AND ((")
				.append(filters)
				.append(") OR EXISTS (SELECT 1 FROM xapi_statement_ref_chain c ")
				.append("JOIN xapi_statement t ON t.statement_id = c.target_id WHERE c.referrer_seq = s.seq AND ")
				.append(filters(query, "t", params))
				.append("))");
		}
		if (query.since() != null) {
			sql.append(" AND s.stored > :since");
			params.addValue("since", utc(query.since()));
		}
		if (query.until() != null) {
			sql.append(" AND s.stored <= :until");
			params.addValue("until", utc(query.until()));
		}
		if (query.clientKey() != null) {
			sql.append(" AND s.client_key = :client");
			params.addValue("client", query.clientKey());
		}
		sql.append(query.ascending() ? " ORDER BY s.seq ASC" : " ORDER BY s.seq DESC");
		sql.append(" LIMIT :limit");
		params.addValue("limit", query.limit() + 1);
		return this.named.query(sql.toString(), params, StatementStore::row);
	}

	/** The agent, activity, verb and registration filters on the statement aliased so. */
	private static String filters(StatementQuery query, String alias, MapSqlParameterSource params) {
		List<String> conditions = new ArrayList<>();
		if (query.agent() != null) {
			conditions
				.add("EXISTS (SELECT 1 FROM xapi_statement_agent a WHERE a.ifi_hash = :agent AND a.statement_seq = "
						+ alias + ".seq" + (query.relatedAgents() ? "" : " AND a.direct = TRUE") + ")");
			params.addValue("agent", XapiJson.sha1(query.agent().value()));
		}
		if (query.activity() != null) {
			conditions.add("EXISTS (SELECT 1 FROM xapi_statement_activity x WHERE x.iri_hash = :activity "
					+ "AND x.statement_seq = " + alias + ".seq"
					+ (query.relatedActivities() ? "" : " AND x.direct = TRUE") + ")");
			params.addValue("activity", XapiJson.sha1(query.activity()));
		}
		if (query.verb() != null) {
			conditions.add(alias + ".verb_hash = :verb");
			params.addValue("verb", XapiJson.sha1(query.verb()));
		}
		if (query.registration() != null) {
			conditions.add(alias + ".registration = :registration");
			params.addValue("registration", query.registration().toString());
		}
		return String.join(" AND ", conditions);
	}

	public long lastSeq() {
		Long max = this.jdbc.queryForObject("SELECT MAX(seq) FROM xapi_statement", Long.class);
		return (max != null) ? max : 0;
	}

	private static Row row(ResultSet rs, int rowNum) throws SQLException {
		String target = rs.getString("voiding_target");
		return new Row(rs.getLong("seq"), UUID.fromString(rs.getString("statement_id")), rs.getString("statement"),
				rs.getObject("stored", LocalDateTime.class).toInstant(ZoneOffset.UTC), rs.getBoolean("voided"),
				(target != null) ? UUID.fromString(target) : null);
	}

	public static LocalDateTime utc(Instant instant) {
		return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

}
