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
		List<Object[]> keys = new ArrayList<>();
		for (IncomingStatement s : statements) {
			keys.addAll(keyRows(s, seqs.get(s.id.toString())));
		}
		this.jdbc.batchUpdate(INSERT_KEYS, keys);
		insertChains(statements, seqs, givenIds);
	}

	static final String INSERT_KEYS = "INSERT INTO xapi_statement_key (kind, key_hash, stored, statement_seq, "
			+ "verb_hash, own) VALUES (?, ?, ?, ?, ?, TRUE)";

	/** The rows of {@code xapi_statement_key} a new statement writes for itself. */
	static List<Object[]> keyRows(IncomingStatement s, long seq) {
		List<Object[]> rows = new ArrayList<>();
		LocalDateTime stored = utc(s.stored);
		byte[] verb = StatementKeys.verb(s.verbHash);
		for (StatementKeys.Key key : StatementKeys.of(s)) {
			rows.add(new Object[] { key.kind(), key.hash(), stored, seq, verb });
		}
		return rows;
	}

	/**
	 * Keeps {@code xapi_statement_ref_chain} transitive: each new StatementRef statement
	 * gets every statement its chain reaches, and statements stored earlier that refer to
	 * a statement of this batch (a StatementRef may precede its target) get the new
	 * statement's chain. Each referring statement also gets the keys of the statements
	 * its chain now reaches, so the query ranges find it. Two to four indexed queries per
	 * batch, whatever the depth.
	 */
	private void insertChains(List<IncomingStatement> statements, Map<String, Long> seqs, Collection<UUID> givenIds) {
		Map<String, String> direct = new HashMap<>();
		Map<String, IncomingStatement> batch = new HashMap<>();
		for (IncomingStatement s : statements) {
			batch.put(s.id.toString(), s);
			if (s.objectRef != null) {
				direct.put(s.id.toString(), s.objectRef.toString());
			}
		}
		List<String[]> earlier = new ArrayList<>();
		List<String> ids = givenIds.stream().map(UUID::toString).filter(seqs::containsKey).distinct().toList();
		for (int from = 0; from < ids.size(); from += 1000) {
			this.named.query(
					"SELECT c.referrer_seq, s.statement_id, c.target_id, s.stored FROM xapi_statement_ref_chain c "
							+ "JOIN xapi_statement s ON s.seq = c.referrer_seq WHERE c.target_id IN (:ids)",
					Map.of("ids", ids.subList(from, Math.min(ids.size(), from + 1000))),
					(RowCallbackHandler) (rs) -> earlier.add(new String[] { rs.getString(1), rs.getString(2),
							rs.getString(3), rs.getObject(4, LocalDateTime.class).toString() }));
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
		// referrer seq -> its stored and the statements whose keys it takes
		Map<Long, LocalDateTime> referrerStored = new HashMap<>();
		Map<Long, Set<String>> inherits = new HashMap<>();
		direct.keySet().forEach((id) -> {
			long seq = seqs.get(id);
			referrerStored.put(seq, utc(batch.get(id).stored));
			for (String target : reach(id, direct, known)) {
				rows.add(new Object[] { seq, target });
				inherits.computeIfAbsent(seq, (k) -> new LinkedHashSet<>()).add(target);
			}
		});
		for (String[] e : earlier) {
			long seq = Long.parseLong(e[0]);
			referrerStored.put(seq, LocalDateTime.parse(e[3]));
			Set<String> reached = new LinkedHashSet<>();
			reached.add(e[2]);
			reached.addAll(reach(e[2], direct, known));
			reached.remove(e[1]);
			for (String target : reached) {
				if (!target.equals(e[2])) {
					rows.add(new Object[] { seq, target });
				}
				inherits.computeIfAbsent(seq, (k) -> new LinkedHashSet<>()).add(target);
			}
		}
		this.jdbc.batchUpdate("INSERT IGNORE INTO xapi_statement_ref_chain (referrer_seq, target_id) VALUES (?, ?)",
				rows);
		inheritKeys(inherits, referrerStored, batch);
	}

	/**
	 * Writes, for each referring statement, the keys of the statements it reaches (under
	 * its own stored and seq); a key it has itself with the same verb stays its own.
	 */
	private void inheritKeys(Map<Long, Set<String>> inherits, Map<Long, LocalDateTime> referrerStored,
			Map<String, IncomingStatement> batch) {
		Map<String, IncomingStatement> targets = new HashMap<>(batch);
		List<String> missing = inherits.values()
			.stream()
			.flatMap(Set::stream)
			.filter((id) -> !batch.containsKey(id))
			.distinct()
			.toList();
		for (int from = 0; from < missing.size(); from += 1000) {
			this.named.query("SELECT statement_id, statement, stored FROM xapi_statement WHERE statement_id IN (:ids)",
					Map.of("ids", missing.subList(from, Math.min(missing.size(), from + 1000))),
					(RowCallbackHandler) (rs) -> {
						tools.jackson.databind.node.ObjectNode json = (tools.jackson.databind.node.ObjectNode) XapiJson.MAPPER
							.readTree(rs.getString(2));
						targets.put(rs.getString(1),
								new IncomingStatement(json,
										rs.getObject(3, LocalDateTime.class).toInstant(ZoneOffset.UTC),
										json.get("authority"), json.path("version").stringValue("1.0.0"), false));
					});
		}
		List<Object[]> rows = new ArrayList<>();
		inherits.forEach((seq, reached) -> {
			for (String id : reached) {
				IncomingStatement target = targets.get(id);
				if (target != null) {
					for (StatementKeys.Key key : StatementKeys.of(target)) {
						rows.add(new Object[] { key.kind(), key.hash(), referrerStored.get(seq), seq,
								StatementKeys.verb(target.verbHash) });
					}
				}
			}
		});
		this.jdbc.batchUpdate("INSERT IGNORE INTO xapi_statement_key (kind, key_hash, stored, statement_seq, "
				+ "verb_hash, own) VALUES (?, ?, ?, ?, ?, FALSE)", rows);
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
	 * One page of a statement query, newest first unless ascending (ordered by
	 * {@code stored}, then storage order); one row more than the limit tells the caller
	 * whether there is a next page. The page is one range of {@code xapi_statement_key}:
	 * the key of the most selective filter (with the verb, if any, in the same index),
	 * the other filters checked by a point lookup per row.
	 */
	public List<Row> query(StatementQuery query, long through) {
		Instant afterStored = query.afterStored();
		if (query.after() != null && afterStored == null) {
			// a more link made before pages were ordered by stored
			afterStored = this.jdbc
				.queryForObject("SELECT stored FROM xapi_statement WHERE seq = ?", LocalDateTime.class, query.after())
				.toInstant(ZoneOffset.UTC);
		}
		MapSqlParameterSource params = new MapSqlParameterSource("through", through);
		String sql = pageSql(query, afterStored, params);
		int fetch = query.limit() + 1;
		while (true) {
			params.addValue("limit", fetch);
			List<Row> rows = this.named.query(sql, params, StatementStore::row);
			// a StatementRef statement holds a key once per verb its chain brings: one
			// row
			// per statement
			List<Row> distinct = new ArrayList<>();
			for (Row row : rows) {
				if (distinct.isEmpty() || distinct.get(distinct.size() - 1).seq() != row.seq()) {
					distinct.add(row);
				}
			}
			if (distinct.size() > query.limit() || rows.size() < fetch) {
				return distinct.subList(0, Math.min(distinct.size(), query.limit() + 1));
			}
			fetch *= 2;
		}
	}

	static String pageSql(StatementQuery query, Instant afterStored, MapSqlParameterSource params) {
		byte[] agent = (query.agent() != null) ? XapiJson.sha1(query.agent().value()) : null;
		byte[] activity = (query.activity() != null) ? XapiJson.sha1(query.activity()) : null;
		List<StatementKeys.Key> checks = new ArrayList<>();
		StatementKeys.Key lead;
		if (query.registration() != null) {
			// a registration is one attempt of one learner: a short range
			lead = StatementKeys.registration(query.registration().toString());
			if (agent != null) {
				checks.add(StatementKeys.agent(agent, query.relatedAgents()));
			}
			if (activity != null) {
				checks.add(StatementKeys.activity(activity, query.relatedActivities()));
			}
		}
		else if (agent != null && activity != null && !query.relatedAgents() && !query.relatedActivities()) {
			lead = StatementKeys.agentActivity(agent, activity);
			// rows written before V29 pair the agent with context activities too
			checks.add(StatementKeys.activity(activity, false));
		}
		else if (agent != null) {
			lead = StatementKeys.agent(agent, query.relatedAgents());
			if (activity != null) {
				checks.add(StatementKeys.activity(activity, query.relatedActivities()));
			}
		}
		else if (activity != null) {
			lead = StatementKeys.activity(activity, query.relatedActivities());
		}
		else {
			lead = StatementKeys.all();
		}
		boolean verb = query.verb() != null;
		StringBuilder sql = new StringBuilder(
				"SELECT s.seq, s.statement_id, s.statement, s.stored, s.voided, s.voiding_target FROM xapi_statement_key k "
						+ (verb ? "FORCE INDEX (ix_xapi_statement_key_verb)" : "FORCE INDEX (PRIMARY)")
						+ " STRAIGHT_JOIN xapi_statement s ON s.seq = k.statement_seq "
						+ "WHERE k.kind = :kind AND k.key_hash = :key AND k.statement_seq <= :through");
		params.addValue("kind", lead.kind()).addValue("key", lead.hash());
		if (verb) {
			sql.append(" AND k.verb_hash = :keyVerb");
			params.addValue("keyVerb", StatementKeys.verb(XapiJson.sha1(query.verb())));
		}
		if (query.since() != null) {
			sql.append(" AND k.stored > :since");
			params.addValue("since", utc(query.since()));
		}
		if (query.until() != null) {
			sql.append(" AND k.stored <= :until");
			params.addValue("until", utc(query.until()));
		}
		if (query.after() != null) {
			String to = query.ascending() ? ">" : "<";
			sql.append(" AND k.stored ")
				.append(to)
				.append("= :afterStored AND (k.stored ")
				.append(to)
				.append(" :afterStored OR k.statement_seq ")
				.append(to)
				.append(" :after)");
			params.addValue("afterStored", utc(afterStored)).addValue("after", query.after());
		}
		for (int i = 0; i < checks.size(); i++) {
			sql.append(" AND EXISTS (SELECT 1 FROM xapi_statement_key p")
				.append(i)
				.append(" WHERE p")
				.append(i)
				.append(".kind = :checkKind")
				.append(i)
				.append(" AND p")
				.append(i)
				.append(".key_hash = :check")
				.append(i)
				.append(" AND p")
				.append(i)
				.append(".stored = k.stored AND p")
				.append(i)
				.append(".statement_seq = k.statement_seq)");
			params.addValue("checkKind" + i, checks.get(i).kind()).addValue("check" + i, checks.get(i).hash());
		}
		sql.append(" AND s.voided = FALSE");
		if (query.clientKey() != null) {
			sql.append(" AND s.client_key = :client");
			params.addValue("client", query.clientKey());
		}
		String own = ownMatch(query, "s", agent, activity, params);
		if (!own.isEmpty()) {
			// Communication §2.1.3, Filter Conditions for StatementRefs: a StatementRef
			// statement holds the keys of its whole chain, so the range finds it whenever
			// some statement of the chain (voided or not: Data §2.3.2) matches a filter;
			// all filters must match the same statement, checked here (one indexed lookup
			// per referring statement; the chain table is transitive)
			sql.append(" AND (s.object_ref IS NULL OR (")
				.append(own)
				.append(") OR EXISTS (SELECT 1 FROM xapi_statement_ref_chain c ")
				.append("JOIN xapi_statement t ON t.statement_id = c.target_id WHERE c.referrer_seq = s.seq AND ")
				.append(ownMatch(query, "t", agent, activity, params))
				.append("))");
		}
		String order = query.ascending() ? " ASC" : " DESC";
		return sql.append(" ORDER BY k.stored")
			.append(order)
			.append(", k.statement_seq")
			.append(order)
			.append(" LIMIT :limit")
			.toString();
	}

	/**
	 * Whether the statement aliased so matches every filter by itself (its own keys, not
	 * those its chain brings).
	 */
	private static String ownMatch(StatementQuery query, String alias, byte[] agent, byte[] activity,
			MapSqlParameterSource params) {
		List<String> conditions = new ArrayList<>();
		if (agent != null) {
			StatementKeys.Key key = StatementKeys.agent(agent, query.relatedAgents());
			conditions.add(ownKey(alias, "Agent", key, params));
		}
		if (activity != null) {
			StatementKeys.Key key = StatementKeys.activity(activity, query.relatedActivities());
			conditions.add(ownKey(alias, "Activity", key, params));
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

	private static String ownKey(String alias, String name, StatementKeys.Key key, MapSqlParameterSource params) {
		params.addValue("own" + name + "Kind", key.kind()).addValue("own" + name, key.hash());
		return "EXISTS (SELECT 1 FROM xapi_statement_key o WHERE o.kind = :own" + name + "Kind AND o.key_hash = :own"
				+ name + " AND o.stored = " + alias + ".stored AND o.statement_seq = " + alias + ".seq AND o.own)";
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
