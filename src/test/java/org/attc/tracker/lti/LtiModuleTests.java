package org.attc.tracker.lti;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.attc.tracker.crediting.Attainments;
import org.attc.tracker.crediting.CourseMappings;
import org.attc.tracker.crediting.CreditingRoutes;
import org.attc.tracker.framework.CapabilityCatalogue;
import org.attc.tracker.identity.IdentityProperties;
import org.attc.tracker.runtime.PeriodicJobs;
import org.attc.tracker.identity.LearnerSplit;
import org.attc.tracker.identity.Learners;
import org.attc.tracker.identity.LearnersMerged;
import org.attc.tracker.lti.internal.services.PlatformUsers;
import org.attc.tracker.notifications.DueSoon;
import org.attc.tracker.shared.LearnerId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;

/**
 * The LTI module on its own: it follows identity's merges and splits, so that a platform
 * user keeps resolving to the learner who now holds their identifiers. The APIs of the
 * modules it calls stand in as mocks.
 */
@ApplicationModuleTest
class LtiModuleTests {

	/**
	 * Identity's settings (the LTI pages' frame ancestors): Modulith leaves another
	 * module's configuration properties out of this module's context, and no request is
	 * made here.
	 */
	@MockitoBean
	IdentityProperties identitySettings;

	@MockitoBean
	Learners learners;

	@MockitoBean
	Attainments attainments;

	@MockitoBean
	CourseMappings courseMappings;

	@MockitoBean
	CreditingRoutes routes;

	@MockitoBean
	CapabilityCatalogue catalogue;

	@MockitoBean
	DueSoon dueSoon;

	/**
	 * The runtime module's once-per-interval runner (the roster refresh is scheduled by
	 * it).
	 */
	@MockitoBean
	PeriodicJobs periodicJobs;

	@Autowired
	PlatformUsers users;

	@Autowired
	JdbcTemplate jdbc;

	long platform;

	LearnerId absorbed;

	LearnerId survivor;

	@BeforeEach
	void platform() {
		GeneratedKeyHolder key = new GeneratedKeyHolder();
		String issuer = "https://moodle-" + UUID.randomUUID() + ".test";
		this.jdbc.update((connection) -> {
			var insert = connection.prepareStatement(
					"INSERT INTO lti_platform (name, issuer, client_id, auth_url, token_url, jwks_url, origin, created_at) "
							+ "VALUES ('Module test', ?, 'client', ?, ?, ?, 'ADMIN', ?)",
					new String[] { "id" });
			insert.setString(1, issuer);
			insert.setString(2, issuer + "/auth");
			insert.setString(3, issuer + "/token");
			insert.setString(4, issuer + "/certs");
			insert.setTimestamp(5, Timestamp.from(Instant.now()));
			return insert;
		}, key);
		this.platform = key.getKey().longValue();
		long id = ThreadLocalRandom.current().nextLong(1_000_000_000L, 2_000_000_000L);
		this.absorbed = new LearnerId(id);
		this.survivor = new LearnerId(id + 1);
	}

	@AfterEach
	void removePlatform() {
		// other test classes share the database and list platforms
		this.jdbc.update("DELETE FROM lti_platform WHERE id = ?", this.platform);
	}

	@Test
	void aMergeMovesTheAbsorbedLearnersPlatformUsersToTheSurvivor(Scenario scenario) {
		this.users.remember(this.platform, "7", this.absorbed);

		scenario.publish(new LearnersMerged(1, this.survivor, this.absorbed))
			.andWaitForStateChange(() -> this.users.learnerOf(this.platform, "7"),
					(learner) -> learner.equals(Optional.of(this.survivor)))
			.andVerify((learner) -> assertThat(this.users.of(this.absorbed)).isEmpty());
	}

	@Test
	void aSplitAsksIdentityAgainWhoEachOfTheSurvivorsPlatformUsersIs(Scenario scenario) {
		this.users.remember(this.platform, "7", this.survivor);
		this.users.remember(this.platform, "8", this.survivor);
		given(this.learners
			.resolveLtiUser(org.mockito.ArgumentMatchers.argThat((user) -> user != null && "7".equals(user.subject()))))
			.willReturn(this.absorbed);
		given(this.learners
			.resolveLtiUser(org.mockito.ArgumentMatchers.argThat((user) -> user != null && "8".equals(user.subject()))))
			.willReturn(this.survivor);

		scenario.publish(new LearnerSplit(1, this.survivor, this.absorbed))
			.andWaitForStateChange(() -> this.users.learnerOf(this.platform, "7"),
					(learner) -> learner.equals(Optional.of(this.absorbed)))
			.andVerify((learner) -> assertThat(this.users.learnerOf(this.platform, "8")).contains(this.survivor));
	}

}
