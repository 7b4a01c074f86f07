package org.attc.tracker.progress.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.attc.tracker.framework.RoleProfile;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LearnerCoverageTests {

	private static final RoleProfile NURSE = new RoleProfile(1, "RN", "Research nurse",
			List.of(new RoleProfile.Requirement("a", 2, true), new RoleProfile.Requirement("b", 2, true)));

	private static final RoleProfile INVESTIGATOR = new RoleProfile(1, "PI", "Principal investigator",
			List.of(new RoleProfile.Requirement("b", 3, true), new RoleProfile.Requirement("c", 1, true)));

	private static Map<String, RoleProfile> profiles() {
		Map<String, RoleProfile> profiles = new LinkedHashMap<>();
		profiles.put("RN", NURSE);
		profiles.put("PI", INVESTIGATOR);
		return profiles;
	}

	private static Map<String, Integer> required() {
		Map<String, Integer> required = new LinkedHashMap<>();
		required.put("a", 2);
		required.put("b", 3);
		required.put("c", 1);
		return required;
	}

	@Test
	void aCapabilityCountsAsHeldOnlyAtTheHighestTierAnyOfTheLearnersProfilesAsks() {
		// b is held at tier 2: enough for the nurse's profile alone, but the
		// investigator's
		// asks for 3, so its status is "in progress" and neither profile counts it
		LearnerCoverage coverage = LearnerCoverage.of(Map.of("a", 2, "b", 2, "c", 1), required(), profiles(),
				(c) -> c.equals("c") ? "Safety" : "Consent");
		assertThat(coverage.held()).isEqualTo(2);
		assertThat(coverage.required()).isEqualTo(3);
		assertThat(coverage.meets()).isFalse();
		assertThat(coverage.domains()).containsEntry("Consent", new LearnerCoverage.Count(1, 2))
			.containsEntry("Safety", new LearnerCoverage.Count(1, 1));
		assertThat(coverage.roles()).containsEntry("RN", new LearnerCoverage.Count(1, 2))
			.containsEntry("PI", new LearnerCoverage.Count(1, 2));
	}

	@Test
	void everythingHeldAtTheTiersAskedMeetsTheProfiles() {
		LearnerCoverage coverage = LearnerCoverage.of(Map.of("a", 3, "b", 3, "c", 1, "d", 1), required(), profiles(),
				(c) -> "Consent");
		assertThat(coverage.meets()).isTrue();
		assertThat(coverage.roles().values()).allMatch(LearnerCoverage.Count::complete);
	}

	@Test
	void nothingHeldCountsNothing() {
		LearnerCoverage coverage = LearnerCoverage.of(Map.of(), required(), profiles(), (c) -> "Consent");
		assertThat(coverage.held()).isZero();
		assertThat(coverage.domains()).containsEntry("Consent", new LearnerCoverage.Count(0, 3));
	}

}
