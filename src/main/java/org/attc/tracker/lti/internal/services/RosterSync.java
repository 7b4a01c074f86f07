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
import org.attc.tracker.lti.RosterMember;
import org.attc.tracker.lti.internal.platform.PlatformRegistration;
import org.attc.tracker.lti.internal.platform.PlatformRegistrations;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps a copy of each course's roster (NRPS), fetched when a teacher launches. The fetch
 * runs off the request thread so a slow platform never delays the launch; a failure is
 * logged and the previous roster stays.
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

	RosterSync(Memberships memberships, PlatformRegistrations registrations, JdbcClient jdbc,
			PlatformTransactionManager transactions) {
		this.transaction = new TransactionTemplate(transactions);
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
	 * Fetches the roster and replaces the stored one.
	 * @return the number of members
	 */
	public int sync(PlatformRegistration platform, String contextId, String membershipsUrl) {
		List<Memberships.Member> members = this.memberships.members(platform, membershipsUrl);
		// one transaction: readers see the old roster or the new one, never half of it
		this.transaction.executeWithoutResult((status) -> replace(platform.id(), contextId, members));
		return members.size();
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
			.sql("SELECT m.user_id, m.name, m.email, m.roles, m.status FROM lti_roster_member m "
					+ "JOIN lti_platform p ON p.id = m.platform_id WHERE p.issuer = ? AND m.context_id = ? "
					+ "ORDER BY m.name, m.user_id")
			.params(issuer, contextId)
			.query((rs, i) -> new RosterMember(rs.getString(1), rs.getString(2), rs.getString(3),
					rs.getString(4).isBlank() ? List.of() : Arrays.asList(rs.getString(4).split(" ")), rs.getString(5)))
			.list();
	}

	@PreDestroy
	void stop() {
		this.executor.shutdownNow();
	}

}
