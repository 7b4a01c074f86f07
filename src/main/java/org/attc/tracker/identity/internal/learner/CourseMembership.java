package org.attc.tracker.identity.internal.learner;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.attc.tracker.shared.LearnerId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Members of LMS courses as launches and rosters showed them. Rows keep the learner id
 * they were recorded for; readers follow merges, so a merge or a split needs no rewrite
 * here.
 */
@Component
public class CourseMembership {

	private final JdbcClient jdbc;

	private final LearnerRepository learners;

	CourseMembership(JdbcClient jdbc, LearnerRepository learners) {
		this.jdbc = jdbc;
		this.learners = learners;
	}

	/**
	 * Records (or refreshes) that a learner is in a course; teaching once means teaching.
	 */
	@Transactional
	public void record(LearnerId learner, String issuer, String contextId, boolean teaching, String source) {
		Timestamp now = Timestamp.from(Instant.now());
		this.jdbc
			.sql("INSERT INTO id_course_member (issuer, context_id, learner_id, teaching, source, first_seen_at, "
					+ "last_seen_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE "
					+ "teaching = teaching OR VALUES(teaching), last_seen_at = VALUES(last_seen_at)")
			.params(issuer, contextId, learner.value(), teaching, source, now, now)
			.update();
	}

	/**
	 * The current learners (merges followed) who are members of a course, teachers
	 * excluded.
	 */
	@Transactional(readOnly = true)
	public Set<Long> members(String issuer, String contextId) {
		List<long[]> recorded = this.jdbc
			.sql("SELECT m.learner_id, COALESCE(l.merged_into_id, 0) FROM id_course_member m "
					+ "JOIN id_learner l ON l.id = m.learner_id "
					+ "WHERE m.issuer = ? AND m.context_id = ? AND NOT m.teaching ORDER BY m.learner_id")
			.params(issuer, contextId)
			.query((rs, i) -> new long[] { rs.getLong(1), rs.getLong(2) })
			.list();
		Set<Long> current = new LinkedHashSet<>();
		for (long[] row : recorded) {
			// one query for the usual case; a merged learner's chain is followed row by
			// row
			current.add((row[1] == 0) ? row[0] : currentOf(row[1]));
		}
		return current;
	}

	private long currentOf(long id) {
		long at = id;
		for (int hops = 0; hops < 100; hops++) {
			Long next = this.learners.findById(at).map(Learner::mergedIntoId).orElse(null);
			if (next == null) {
				return at;
			}
			at = next;
		}
		return at;
	}

}
