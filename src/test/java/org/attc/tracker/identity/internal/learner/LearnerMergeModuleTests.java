package org.attc.tracker.identity.internal.learner;

import java.util.UUID;

import org.attc.tracker.identity.LearnerSplit;
import org.attc.tracker.identity.LearnersMerged;
import org.attc.tracker.shared.AgentIdentifier;
import org.attc.tracker.shared.LearnerId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.Scenario;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.Authentication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The identity module on its own: a merge and its reversal announce themselves with
 * {@link LearnersMerged} and {@link LearnerSplit}, on which crediting moves evidence
 * between the two learners.
 */
@ApplicationModuleTest
class LearnerMergeModuleTests {

	private static final Authentication ADMIN = new TestingAuthenticationToken("admin", "x", "ROLE_ADMIN");

	@Autowired
	LearnerResolution resolution;

	@Autowired
	LearnerAdministration administration;

	@Test
	void aMergePublishesTheSurvivorAndTheAbsorbedLearner(Scenario scenario) {
		LearnerId survivor = newLearner();
		LearnerId absorbed = newLearner();

		scenario.stimulate(() -> this.administration.merge(survivor.value(), absorbed.value(), "same person", ADMIN))
			.andWaitForEventOfType(LearnersMerged.class)
			.matching((event) -> event.absorbed().equals(absorbed))
			.toArriveAndVerify((event, merge) -> {
				assertThat(event.survivor()).isEqualTo(survivor);
				assertThat(event.mergeId()).isEqualTo(merge.id());
			});
	}

	@Test
	void reversingAMergePublishesTheRestoredLearner(Scenario scenario) {
		LearnerId survivor = newLearner();
		LearnerId absorbed = newLearner();
		LearnerMerge merge = this.administration.merge(survivor.value(), absorbed.value(), "same person", ADMIN);

		scenario.stimulate(() -> this.administration.split(survivor.value(), merge.id(), ADMIN))
			.andWaitForEventOfType(LearnerSplit.class)
			.matching((event) -> event.mergeId() == merge.id())
			.toArriveAndVerify((event) -> {
				assertThat(event.survivor()).isEqualTo(survivor);
				assertThat(event.restored()).isEqualTo(absorbed);
			});
	}

	private LearnerId newLearner() {
		return this.resolution.resolveActor(AgentIdentifier.mbox("mailto:" + UUID.randomUUID() + "@example.org"),
				"Module Test");
	}

}
