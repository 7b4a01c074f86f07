package org.attc.tracker.lti.internal.services;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.attc.tracker.identity.AppRole;
import org.attc.tracker.lti.LaunchedUser;
import org.attc.tracker.lti.internal.platform.PlatformRegistration;
import org.attc.tracker.lti.internal.platform.PlatformRegistrations;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;

/**
 * "Refresh roster now" (NRPS 2.0 §3.6): fetches a course's roster at once instead of at
 * the next teacher launch or scheduled refresh. Administrators may refresh any known
 * course; a teacher who arrived by LTI only the course they launched from (same issuer,
 * same context). Everyone else is refused.
 */
@Service
public class CourseRosterRefresh {

	private final JdbcClient jdbc;

	private final PlatformRegistrations registrations;

	private final RosterSync rosters;

	CourseRosterRefresh(JdbcClient jdbc, PlatformRegistrations registrations, RosterSync rosters) {
		this.jdbc = jdbc;
		this.registrations = registrations;
		this.rosters = rosters;
	}

	/**
	 * A course a launch came from, as the refresh pages and API show it.
	 *
	 * @param platformId the registration
	 * @param platformName its name
	 * @param contextId the LTI context id
	 * @param title the course title from the latest launch, or {@code null}
	 * @param rosterAvailable whether the platform sent a membership service
	 * @param rosterSyncedAt when the roster was last fetched, or {@code null}
	 * @param rosterError why the last fetch failed, or {@code null}
	 * @param members members in the stored roster
	 */
	public record Course(long platformId, String platformName, String contextId, String title, boolean rosterAvailable,
			Instant rosterSyncedAt, String rosterError, int members) {
	}

	/** The outcome of a refresh. */
	public record Refreshed(long platformId, String contextId, String title, int members, Instant syncedAt) {
	}

	/**
	 * The courses the caller may refresh: all for administrators, their own for teachers.
	 */
	public List<Course> courses(Authentication caller) {
		List<CourseRow> all = this.jdbc
			.sql("SELECT c.platform_id, p.name, p.issuer, c.context_id, c.title, c.memberships_url, "
					+ "c.roster_synced_at, c.roster_error, (SELECT COUNT(*) FROM lti_roster_member m "
					+ "WHERE m.platform_id = c.platform_id AND m.context_id = c.context_id) AS members "
					+ "FROM lti_course c JOIN lti_platform p ON p.id = c.platform_id "
					+ "ORDER BY p.name, c.title, c.context_id")
			.query((rs, i) -> new CourseRow(rs.getString("issuer"),
					new Course(rs.getLong("platform_id"), rs.getString("name"), rs.getString("context_id"),
							rs.getString("title"), rs.getString("memberships_url") != null,
							instant(rs.getTimestamp("roster_synced_at")), rs.getString("roster_error"),
							rs.getInt("members"))))
			.list();
		return all.stream()
			.filter((row) -> may(caller, row.issuer(), row.course().contextId()))
			.map(CourseRow::course)
			.toList();
	}

	private record CourseRow(String issuer, Course course) {
	}

	/**
	 * Fetches the course's roster now.
	 * @throws InvalidRosterRequest naming the missing field
	 * @throws RosterRefreshRefused when the caller may not refresh this course
	 * @throws UnknownCourse when no launch came from it (administrators only learn this)
	 * @throws ServiceCallFailed when the platform refuses or cannot be reached
	 */
	public Refreshed refresh(Authentication caller, Long platformId, String contextId) {
		if (platformId == null) {
			throw new InvalidRosterRequest("platformId", "platformId is required: the registration's id");
		}
		if (contextId == null || contextId.isBlank()) {
			throw new InvalidRosterRequest("contextId", "contextId is required: the course's LTI context id");
		}
		PlatformRegistration platform = this.registrations.find(platformId).orElse(null);
		if (!may(caller, (platform != null) ? platform.issuer() : null, contextId)) {
			throw new RosterRefreshRefused(
					"Only administrators, and teachers who launched from this course, may refresh its roster.");
		}
		if (platform == null) {
			throw new UnknownCourse("No platform is registered with id " + platformId + ".");
		}
		KnownCourse course = this.jdbc
			.sql("SELECT title, memberships_url FROM lti_course WHERE platform_id = ? AND context_id = ?")
			.params(platformId, contextId)
			.query((rs, i) -> new KnownCourse(rs.getString(1), rs.getString(2)))
			.optional()
			.orElseThrow(() -> new UnknownCourse("No launch came from course '" + contextId + "' of platform "
					+ platform.name() + " yet: its roster is known after the first launch."));
		if (course.membershipsUrl() == null) {
			throw new RosterUnavailable("The platform sent no membership service (NRPS) for course '" + contextId
					+ "': allow the tool to read the course's members on the platform, then launch it again.");
		}
		int members = this.rosters.sync(platform, contextId, course.membershipsUrl());
		return new Refreshed(platformId, contextId, course.title(), members, Instant.now());
	}

	/**
	 * The courses a launched teacher may refresh: every registration of their issuer that
	 * knows their course (Moodle gives each tool type its own client id).
	 */
	public List<Refreshed> refreshOwnCourse(Authentication caller) {
		if (!(caller.getPrincipal() instanceof LaunchedUser user) || user.courseContextId() == null) {
			throw new RosterRefreshRefused("Only a teacher who launched from a course may refresh its roster here.");
		}
		List<Long> platforms = this.jdbc
			.sql("SELECT c.platform_id FROM lti_course c JOIN lti_platform p ON p.id = c.platform_id "
					+ "WHERE p.issuer = ? AND c.context_id = ? AND c.memberships_url IS NOT NULL ORDER BY c.platform_id")
			.params(user.issuer(), user.courseContextId())
			.query(Long.class)
			.list();
		if (platforms.isEmpty()) {
			throw new RosterUnavailable("The platform sent no membership service (NRPS) for this course.");
		}
		return platforms.stream().map((id) -> refresh(caller, id, user.courseContextId())).toList();
	}

	private record KnownCourse(String title, String membershipsUrl) {
	}

	/**
	 * The rule: administrators any course; a launched teacher only their own course on
	 * their own platform.
	 */
	static boolean may(Authentication caller, String issuer, String contextId) {
		if (caller == null || !caller.isAuthenticated()) {
			return false;
		}
		boolean admin = caller.getAuthorities()
			.stream()
			.anyMatch((a) -> AppRole.ADMIN.authority().equals(a.getAuthority()));
		if (admin) {
			return true;
		}
		return caller.getPrincipal() instanceof LaunchedUser user && user.appRole() == AppRole.COORDINATOR
				&& issuer != null && issuer.equals(user.issuer()) && contextId.equals(user.courseContextId());
	}

	private static Instant instant(Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	/** The request lacks a field. */
	public static class InvalidRosterRequest extends RuntimeException {

		private final String field;

		InvalidRosterRequest(String field, String message) {
			super(message);
			this.field = field;
		}

		public String field() {
			return this.field;
		}

	}

	/** The caller may not refresh this course. */
	public static class RosterRefreshRefused extends RuntimeException {

		RosterRefreshRefused(String message) {
			super(message);
		}

	}

	/** No launch came from this course (or the platform is not registered). */
	public static class UnknownCourse extends RuntimeException {

		UnknownCourse(String message) {
			super(message);
		}

	}

	/** The platform offers no roster for the course. */
	public static class RosterUnavailable extends RuntimeException {

		RosterUnavailable(String message) {
			super(message);
		}

	}

}
