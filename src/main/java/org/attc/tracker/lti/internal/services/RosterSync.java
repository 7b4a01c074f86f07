package org.attc.tracker.lti.internal.services;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.attc.tracker.identity.Learners;
import org.attc.tracker.identity.LtiUser;
import org.attc.tracker.lti.RosterMember;
import org.attc.tracker.lti.internal.platform.PlatformRegistration;
import org.attc.tracker.lti.internal.platform.PlatformRegistrations;
import org.attc.tracker.shared.LearnerId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps a copy of each course's roster (NRPS), fetched when a teacher launches and
 * periodically ({@link RosterRefresh}). The fetch runs off the request thread so a slow
 * platform never delays the launch; a failure is logged and recorded on the course, and
 * the previous roster stays. Active members with a learner role become learners (through
 * identity) even if they never launched, so progress views list them as not started.
 */
@Component
public class RosterSync {

	private static final Log logger = LogFactory.getLog(RosterSync.class);

	private final Memberships memberships;

	private final PlatformRegistrations registrations;

	private final JdbcClient jdbc;

	private final ExecutorService executor = Executors.newSingleThreadExecutor((task) -> {
		Thread thread = new Thread(task, "lti-roster-sync");
		thread.setDaemon(true);
		return thread;
	});

	private final TransactionTemplate transaction;

	private final PlatformUsers users;

	private final Learners learners;

	RosterSync(Memberships memberships, PlatformRegistrations registrations, JdbcClient jdbc,
			PlatformTransactionManager transactions, PlatformUsers users, Learners learners) {
		this.transaction = new TransactionTemplate(transactions);
		this.users = users;
		this.learners = learners;
		this.memberships = memberships;
		this.registrations = registrations;
		this.jdbc = jdbc;
	}

	/** Fetches the roster in the background. */
	public void syncLater(long platformId, String contextId, String membershipsUrl) {
		this.executor.submit(() -> {
			try {
				PlatformRegistration platform = this.registrations.find(platformId).orElse(null);
				if (platform != null) {
					int count = sync(platform, contextId, membershipsUrl);
					logger.info(
							"NRPS roster of " + platform.issuer() + " course " + contextId + ": " + count + " members");
				}
			}
			catch (RuntimeException ex) {
				logger.warn("NRPS roster sync of course " + contextId + " failed: " + ex.getMessage());
			}
		});
	}

	/**
	 * Fetches the roster, replaces the stored one and makes learners of its active
	 * learner members not known yet.
	 * @return the number of members
	 * @throws ServiceCallFailed when the platform refuses or cannot be reached (recorded
	 * on the course too)
	 */
	public int sync(PlatformRegistration platform, String contextId, String membershipsUrl) {
		List<Memberships.Member> members;
		try {
			members = this.memberships.members(platform, membershipsUrl);
		}
		catch (ServiceCallFailed ex) {
			this.jdbc.sql("UPDATE lti_course SET roster_error = ? WHERE platform_id = ? AND context_id = ?")
				.params(ServiceCallFailed.abbreviate(ex.getMessage()), platform.id(), contextId)
				.update();
			throw ex;
		}
		// one transaction: readers see the old roster or the new one, never half of it
		this.transaction.executeWithoutResult((status) -> replace(platform.id(), contextId, members));
		for (Memberships.Member member : members) {
			if (isActiveLearner(member)) {
				LearnerId learner = this.users.learnerOf(platform.id(), member.userId())
					.orElseGet(() -> this.learners.resolveLtiUser(
							new LtiUser(platform.issuer(), member.userId(), member.email(), member.name())));
				this.users.remember(platform.id(), member.userId(), learner);
				// the course's teachers who arrived by LTI see its roster members
				this.learners.recordCourseMember(learner, platform.issuer(), contextId, false, "roster");
			}
		}
		this.jdbc
			.sql("UPDATE lti_course SET roster_synced_at = ?, roster_error = NULL WHERE platform_id = ? "
					+ "AND context_id = ?")
			.params(Timestamp.from(Instant.now()), platform.id(), contextId)
			.update();
		return members.size();
	}

	/**
	 * Teachers become learners only when they launch themselves; NRPS §2.3 roles may be
	 * short names (Moodle) or URIs.
	 */
	private static boolean isActiveLearner(Memberships.Member member) {
		return RosterMember.activeLearner(member.roles(), member.status());
	}

	/**
	 * Remembers a course a launch came from and its membership service (NRPS §3.6.1), so
	 * the periodic refresh knows where to fetch its roster.
	 */
	public void rememberCourse(long platformId, String contextId, String title, String membershipsUrl) {
		this.jdbc
			.sql("INSERT INTO lti_course (platform_id, context_id, title, memberships_url, last_launch_at) "
					+ "VALUES (?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE title = COALESCE(VALUES(title), title), "
					+ "memberships_url = COALESCE(VALUES(memberships_url), memberships_url), "
					+ "last_launch_at = VALUES(last_launch_at)")
			.params(platformId, contextId, truncate(title, 500), membershipsUrl, Timestamp.from(Instant.now()))
			.update();
	}

	/** A known course with a membership service. */
	public record KnownCourse(long platformId, String contextId, String membershipsUrl) {
	}

	/** The courses whose rosters can be fetched, least recently synced first. */
	public List<KnownCourse> coursesWithRoster() {
		return this.jdbc
			.sql("SELECT platform_id, context_id, memberships_url FROM lti_course WHERE memberships_url IS NOT NULL "
					+ "ORDER BY roster_synced_at IS NOT NULL, roster_synced_at, platform_id, context_id")
			.query((rs, i) -> new KnownCourse(rs.getLong(1), rs.getString(2), rs.getString(3)))
			.list();
	}

	private static String truncate(String value, int max) {
		return (value == null || value.length() <= max) ? value : value.substring(0, max);
	}

	private void replace(long platformId, String contextId, List<Memberships.Member> members) {
		Timestamp now = Timestamp.from(Instant.now());
		this.jdbc.sql("DELETE FROM lti_roster_member WHERE platform_id = ? AND context_id = ?")
			.params(platformId, contextId)
			.update();
		for (Memberships.Member member : members) {
			this.jdbc
				.sql("INSERT INTO lti_roster_member (platform_id, context_id, user_id, name, email, roles, status, "
						+ "synced_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE name = VALUES(name)")
				.params(platformId, contextId, member.userId(), member.name(), member.email(),
						String.join(" ", member.roles()), member.status(), now)
				.update();
		}
	}

	/** The stored roster of a course. */
	public List<RosterMember> members(String issuer, String contextId) {
		return this.jdbc
			.sql("SELECT m.user_id, m.name, m.email, m.roles, m.status, u.learner_id FROM lti_roster_member m "
					+ "JOIN lti_platform p ON p.id = m.platform_id "
					+ "LEFT JOIN lti_user u ON u.platform_id = m.platform_id AND u.subject = m.user_id "
					+ "WHERE p.issuer = ? AND m.context_id = ? ORDER BY m.name, m.user_id")
			.params(issuer, contextId)
			.query((rs, i) -> {
				long id = rs.getLong(6);
				LearnerId learner = rs.wasNull() ? null : new LearnerId(id);
				return new RosterMember(rs.getString(1), rs.getString(2), rs.getString(3),
						rs.getString(4).isBlank() ? List.of() : Arrays.asList(rs.getString(4).split(" ")),
						rs.getString(5), learner);
			})
			.list();
	}

	@PreDestroy
	void stop() {
		this.executor.shutdownNow();
	}

}
