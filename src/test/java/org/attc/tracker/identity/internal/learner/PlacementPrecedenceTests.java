package org.attc.tracker.identity.internal.learner;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.attc.tracker.identity.internal.learner.PlacementSource.COURSE;
import static org.attc.tracker.identity.internal.learner.PlacementSource.DEPLOYMENT;
import static org.attc.tracker.identity.internal.learner.PlacementSource.LAUNCH;
import static org.attc.tracker.identity.internal.learner.PlacementSource.PLATFORM;

/**
 * The precedence of organisation sources (docs/identity.md "Organisation rules"): course
 * rule, then launch claim, then deployment default, then platform default, then an LRS
 * client's organisation; the strongest source that names anything decides alone.
 */
class PlacementPrecedenceTests {

	private static Placement.Claim claim(PlacementSource source, String value) {
		return new Placement.Claim(source, value, source + " says " + value);
	}

	@Test
	void nothingClaimedPlacesNowhere() {
		assertThat(Placement.decide(List.of())).isEmpty();
	}

	@Test
	void aPlatformDefaultAloneDecides() {
		assertThat(Placement.decide(List.of(claim(PLATFORM, "RTH")))).extracting(Placement.Claim::value)
			.containsExactly("RTH");
	}

	@Test
	void aDeploymentDefaultReplacesThePlatformDefault() {
		assertThat(Placement.decide(List.of(claim(PLATFORM, "RTH"), claim(DEPLOYMENT, "RJ1"))))
			.extracting(Placement.Claim::value)
			.containsExactly("RJ1");
	}

	@Test
	void aLaunchClaimReplacesTheDefaults() {
		assertThat(Placement.decide(List.of(claim(PLATFORM, "RTH"), claim(DEPLOYMENT, "RJ1"), claim(LAUNCH, "RRK"))))
			.extracting(Placement.Claim::source)
			.containsExactly(LAUNCH);
	}

	@Test
	void aCourseRuleReplacesTheLaunchClaimAndTheDefaults() {
		List<Placement.Claim> decided = Placement.decide(List.of(claim(LAUNCH, "RRK"), claim(PLATFORM, "RTH"),
				claim(COURSE, "CTP-HUB"), claim(DEPLOYMENT, "RJ1")));
		assertThat(decided).extracting(Placement.Claim::value).containsExactly("CTP-HUB");
		assertThat(decided.get(0).detail()).isEqualTo("COURSE says CTP-HUB");
	}

	@Test
	void severalCoursesWithRulesGiveEveryOneOfTheirOrganisationsOnce() {
		assertThat(Placement.decide(List.of(claim(COURSE, "RTH"), claim(PLATFORM, "X"), claim(COURSE, "RJ1"),
				new Placement.Claim(COURSE, "RTH", "another course"))))
			.extracting(Placement.Claim::value, Placement.Claim::detail)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("RTH", "COURSE says RTH"),
					org.assertj.core.groups.Tuple.tuple("RJ1", "COURSE says RJ1"));
	}

	@Test
	void anLrsClientsOrganisationPlacesOnlyWhomNothingElsePlaces() {
		assertThat(Placement.decide(List.of(claim(PlacementSource.LRS_CLIENT, "LRS"))))
			.extracting(Placement.Claim::value)
			.containsExactly("LRS");
		assertThat(Placement.decide(List.of(claim(PlacementSource.LRS_CLIENT, "LRS"), claim(PLATFORM, "RTH"))))
			.extracting(Placement.Claim::value)
			.containsExactly("RTH");
	}

	@Test
	void theSourcesAreRankedCoordinatorFirstLrsClientLast() {
		assertThat(PlacementSource.values()).containsExactly(PlacementSource.COORDINATOR, COURSE, LAUNCH, DEPLOYMENT,
				PLATFORM, PlacementSource.LRS_CLIENT);
	}

}
