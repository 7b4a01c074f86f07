package org.attc.tracker.lti;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.attc.tracker.shared.LearnerId;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Which learners were in which LMS course (LTI context): those who launched the tool from
 * it, as recorded with every accepted launch, and the active members of its roster (NRPS)
 * whom the roster refresh made learners.
 */
@Service
public class CourseContexts {

	private final NamedParameterJdbcTemplate jdbc;

	CourseContexts(NamedParameterJdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * A course on one platform.
	 *
	 * @param key stable key for filters: the platform's id, a colon, the context id
	 * @param contextId the context id the platform sent
	 * @param title the course title from the latest launch, or the label, or the id
	 */
	public record Course(String key, String contextId, String title) {
	}

	/** The courses any of these learners launched from, by title. */
	public List<Course> coursesOf(Collection<LearnerId> learners) {
		Map<String, Course> courses = new LinkedHashMap<>();
		List<Long> ids = learners.stream().map(LearnerId::value).toList();
		for (int from = 0; from < ids.size(); from += 1000) {
			courses(" AND l.learner_id IN (:learners)",
					Map.of("learners", ids.subList(from, Math.min(ids.size(), from + 1000))), courses);
		}
		return sorted(courses);
	}

	/**
	 * Every course any learner launched from, as {@link #coursesOf}: what a national view
	 * offers, in one read instead of one per thousand learners.
	 */
	public List<Course> coursesOfEveryone() {
		Map<String, Course> courses = new LinkedHashMap<>();
		courses(" AND l.learner_id IS NOT NULL", Map.of(), courses);
		return sorted(courses);
	}

	private void courses(String which, Map<String, ?> params, Map<String, Course> courses) {
		this.jdbc.query("SELECT l.platform_id, l.context_id, "
				+ "(SELECT COALESCE(x.context_title, x.context_label, x.context_id) FROM lti_launch x "
				+ "WHERE x.platform_id = l.platform_id AND x.context_id = l.context_id ORDER BY x.id DESC LIMIT 1) "
				+ "AS title FROM lti_launch l WHERE l.context_id IS NOT NULL" + which
				+ " GROUP BY l.platform_id, l.context_id", params,
				(org.springframework.jdbc.core.RowCallbackHandler) (rs) -> {
					String key = rs.getLong("platform_id") + ":" + rs.getString("context_id");
					courses.putIfAbsent(key, new Course(key, rs.getString("context_id"), rs.getString("title")));
				});
	}

	private static List<Course> sorted(Map<String, Course> courses) {
		return courses.values()
			.stream()
			.sorted(java.util.Comparator.comparing(Course::title, String.CASE_INSENSITIVE_ORDER))
			.toList();
	}

	/**
	 * The learners (as recorded, before any later merge) who launched from, or are on the
	 * roster of, the course with this key.
	 * @throws IllegalArgumentException naming {@code course} when the key is malformed
	 */
	public Set<LearnerId> learnersIn(String courseKey) {
		int colon = (courseKey != null) ? courseKey.indexOf(':') : -1;
		long platform;
		try {
			platform = Long.parseLong(courseKey.substring(0, Math.max(colon, 0)));
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException("course: must be a course key as listed, platform:context");
		}
		if (colon == courseKey.length() - 1) {
			throw new IllegalArgumentException("course: must be a course key as listed, platform:context");
		}
		return this.jdbc.queryForList("SELECT learner_id FROM lti_launch WHERE platform_id = :platform "
				+ "AND context_id = :context AND learner_id IS NOT NULL "
				// and the roster's active members (NRPS), launched or not
				+ "UNION SELECT u.learner_id FROM lti_roster_member m JOIN lti_user u "
				+ "ON u.platform_id = m.platform_id AND u.subject = m.user_id "
				+ "WHERE m.platform_id = :platform AND m.context_id = :context AND m.status = 'Active'",
				Map.of("platform", platform, "context", courseKey.substring(colon + 1)), Long.class)
			.stream()
			.map(LearnerId::new)
			.collect(Collectors.toSet());
	}

}
