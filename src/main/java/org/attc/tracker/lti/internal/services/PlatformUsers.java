package org.attc.tracker.lti.internal.services;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.attc.tracker.identity.Learners;
import org.attc.tracker.identity.LearnersMerged;
import org.attc.tracker.identity.LearnerSplit;
import org.attc.tracker.identity.LtiUser;
import org.attc.tracker.shared.LearnerId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Which learner each platform user ({@code sub}) is, as far as this tool knows: from
 * their launches and from course rosters. AGS scores go only to users known here, under
 * the {@code sub} the platform knows them by.
 */
@Component
public class PlatformUsers {

	private final JdbcClient jdbc;

	private final Learners learners;

	PlatformUsers(JdbcClient jdbc, Learners learners) {
		this.jdbc = jdbc;
		this.learners = learners;
	}

	/** A platform user of a platform, and their learner. */
	public record PlatformUser(long platformId, String subject, LearnerId learner) {
	}

	/** Records (or updates) the learner a platform user resolved to. */
	public void remember(long platformId, String subject, LearnerId learner) {
		this.jdbc
			.sql("INSERT INTO lti_user (platform_id, subject, learner_id, updated_at) VALUES (?, ?, ?, ?) "
					+ "ON DUPLICATE KEY UPDATE learner_id = VALUES(learner_id), updated_at = VALUES(updated_at)")
			.params(platformId, subject, learner.value(), Timestamp.from(Instant.now()))
			.update();
	}

	/** Whether the platform user is known already. */
	public boolean known(long platformId, String subject) {
		return this.jdbc.sql("SELECT COUNT(*) FROM lti_user WHERE platform_id = ? AND subject = ?")
			.params(platformId, subject)
			.query(Long.class)
			.single() > 0;
	}

	/** The platform users a learner is known as on the given platforms. */
	public List<PlatformUser> of(LearnerId learner) {
		return this.jdbc.sql("SELECT platform_id, subject, learner_id FROM lti_user WHERE learner_id = ?")
			.params(learner.value())
			.query((rs, i) -> new PlatformUser(rs.getLong(1), rs.getString(2), new LearnerId(rs.getLong(3))))
			.list();
	}

	/** The learner a platform user is, if known. */
	public Optional<LearnerId> learnerOf(long platformId, String subject) {
		return this.jdbc.sql("SELECT learner_id FROM lti_user WHERE platform_id = ? AND subject = ?")
			.params(platformId, subject)
			.query(Long.class)
			.optional()
			.map(LearnerId::new);
	}

	/** A merge moves the absorbed learner's platform users to the survivor. */
	@ApplicationModuleListener
	void on(LearnersMerged merged) {
		this.jdbc.sql("UPDATE lti_user SET learner_id = ?, updated_at = ? WHERE learner_id = ?")
			.params(merged.survivor().value(), Timestamp.from(Instant.now()), merged.absorbed().value())
			.update();
	}

	/**
	 * A split gives identifiers back to the restored learner: ask identity again who each
	 * of the survivor's platform users is now.
	 */
	@ApplicationModuleListener
	void on(LearnerSplit split) {
		List<PlatformUser> users = of(split.survivor());
		for (PlatformUser user : users) {
			String issuer = this.jdbc.sql("SELECT issuer FROM lti_platform WHERE id = ?")
				.params(user.platformId())
				.query(String.class)
				.single();
			remember(user.platformId(), user.subject(),
					this.learners.resolveLtiUser(new LtiUser(issuer, user.subject(), null, null)));
		}
	}

}
