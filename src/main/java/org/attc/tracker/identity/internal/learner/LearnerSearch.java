package org.attc.tracker.identity.internal.learner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The learners list for staff, a page at a time and searchable: by record number, by the
 * start of a name, e-mail address or identifier, or by the start of any word of a name or
 * e-mail address (case-insensitive; each served by an index). Pages continue after the
 * last record number shown (keyset pagination), so a national list costs one page.
 */
@Component
@Transactional(readOnly = true)
public class LearnerSearch {

	static final int PAGE_SIZE = 50;

	private final NamedParameterJdbcTemplate jdbc;

	private final StaffScope scope;

	LearnerSearch(NamedParameterJdbcTemplate jdbc, StaffScope scope) {
		this.jdbc = jdbc;
		this.scope = scope;
	}

	/**
	 * @param id record number
	 * @param organisations organisation codes
	 * @param identifiers how many identifiers are theirs
	 */
	public record Row(long id, String name, String email, List<String> organisations, int identifiers) {
	}

	/**
	 * @param rows this page, by record number
	 * @param next the {@code after} of the next page; null on the last
	 * @param total how many learners the caller may see match, on every page
	 */
	public record Page(List<Row> rows, Long next, int total) {

		static Page empty() {
			return new Page(List.of(), null, 0);
		}

	}

	/** Whether people typed an identifier (found exactly) rather than words to search. */
	static boolean looksLikeIdentifier(String text) {
		return text.startsWith("{") || text.startsWith("mailto:") || text.startsWith("lti:") || text.contains("://")
				|| text.matches("[0-9a-fA-F]{40}");
	}

	/**
	 * @param query words to search for; null or blank for everyone
	 * @param after the last record number of the page before; null for the first page
	 */
	public Page find(Authentication caller, String query, Long after) {
		MapSqlParameterSource params = new MapSqlParameterSource("after", (after != null) ? after : 0L)
			.addValue("limit", PAGE_SIZE + 1);
		// what the caller may see and asked for, shared by the page and its count
		StringBuilder sql = new StringBuilder(" WHERE l.merged_into_id IS NULL");
		Set<Long> members = this.scope.visibleCourseMembers(caller);
		Set<Long> organisations = (members != null) ? null : this.scope.visibleOrganisations(caller);
		if (members != null) {
			if (members.isEmpty()) {
				return Page.empty();
			}
			sql.append(" AND l.id IN (:members)");
			params.addValue("members", members);
		}
		else if (organisations != null) {
			if (organisations.isEmpty()) {
				return Page.empty();
			}
			sql.append(
					" AND l.id IN (SELECT learner_id FROM id_learner_organisation WHERE organisation_id IN (:orgs))");
			params.addValue("orgs", organisations);
		}
		String text = (query != null) ? query.strip() : "";
		StringBuilder from = new StringBuilder(" FROM id_learner l");
		if (!text.isEmpty()) {
			// each branch is a range or full-text read of its own index, merged by id in
			// a
			// derived table read once (as "l.id IN (… UNION …)" MariaDB would run the
			// union again for every learner it looks at)
			from.append(" JOIN (SELECT id FROM id_learner WHERE display_name LIKE :prefix")
				.append(" UNION SELECT id FROM id_learner WHERE email LIKE :prefix")
				.append(" UNION SELECT learner_id FROM id_learner_identifier WHERE label LIKE :prefix");
			String words = words(text);
			if (!words.isEmpty()) {
				from.append(
						" UNION SELECT id FROM id_learner WHERE MATCH (display_name, email) AGAINST (:words IN BOOLEAN MODE)");
				params.addValue("words", words);
			}
			if (text.matches("\\d{1,18}")) {
				from.append(" UNION SELECT :number");
				params.addValue("number", Long.parseLong(text));
			}
			from.append(") found ON found.id = l.id");
			params.addValue("prefix", likePrefix(text));
		}
		sql.insert(0, from);
		Map<Long, Row> rows = new LinkedHashMap<>();
		this.jdbc.query("SELECT l.id, l.display_name, l.email" + sql + " AND l.id > :after ORDER BY l.id LIMIT :limit",
				params, (rs) -> {
					rows.put(rs.getLong(1),
							new Row(rs.getLong(1), rs.getString(2), rs.getString(3), new ArrayList<>(), 0));
				});
		Long next = null;
		if (rows.size() > PAGE_SIZE) {
			Long last = new ArrayList<>(rows.keySet()).get(PAGE_SIZE);
			rows.remove(last);
			next = new ArrayList<>(rows.keySet()).get(PAGE_SIZE - 1);
		}
		if (rows.isEmpty()) {
			return (after == null) ? Page.empty() : new Page(List.of(), null, total(sql, params));
		}
		MapSqlParameterSource ids = new MapSqlParameterSource("ids", rows.keySet());
		Map<Long, Set<String>> codes = new LinkedHashMap<>();
		this.jdbc.query(
				"SELECT lo.learner_id, o.code FROM id_learner_organisation lo "
						+ "JOIN id_organisation o ON o.id = lo.organisation_id WHERE lo.learner_id IN (:ids)",
				ids, (rs) -> {
					codes.computeIfAbsent(rs.getLong(1), (k) -> new TreeSet<>()).add(rs.getString(2));
				});
		Map<Long, Integer> counts = new LinkedHashMap<>();
		this.jdbc.query("SELECT learner_id, COUNT(*) FROM id_learner_identifier WHERE learner_id IN (:ids) "
				+ "GROUP BY learner_id", ids, (rs) -> {
					counts.put(rs.getLong(1), rs.getInt(2));
				});
		List<Row> page = new ArrayList<>();
		rows.values()
			.forEach((r) -> page.add(new Row(r.id(), r.name(), r.email(),
					List.copyOf(codes.getOrDefault(r.id(), Set.of())), counts.getOrDefault(r.id(), 0))));
		// on the first page of a short list the rows are the count
		int total = (after == null && next == null) ? page.size() : total(sql, params);
		return new Page(page, next, total);
	}

	private int total(CharSequence where, MapSqlParameterSource params) {
		Integer total = this.jdbc.queryForObject("SELECT COUNT(*)" + where, params, Integer.class);
		return (total != null) ? total : 0;
	}

	/** The text as a LIKE prefix, its wildcards taken literally. */
	private static String likePrefix(String text) {
		return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
	}

	/**
	 * Each word of three or more letters or digits as a required word prefix
	 * ({@code +word*}); shorter ones are below the full-text index's token size and the
	 * plain prefixes cover them.
	 */
	private static String words(String text) {
		StringBuilder words = new StringBuilder();
		for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
			if (word.length() >= 3) {
				words.append(words.isEmpty() ? "" : " ").append('+').append(word).append('*');
			}
		}
		return words.toString();
	}

}
