package org.attc.tracker.lti.internal;

import java.util.List;

import org.attc.tracker.identity.AppRole;
import org.attc.tracker.lti.internal.platform.InvalidPlatformField;
import org.attc.tracker.lti.internal.platform.PlatformDetails;
import org.attc.tracker.lti.internal.security.LtiRoles;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The plain rules: LIS role mapping (LTI Core Appendix A.2) and registration fields. */
class LtiRulesTests {

	static final String M = "http://purl.imsglobal.org/vocab/lis/v2/membership#";

	@Test
	void learnerIsALearner() {
		assertThat(LtiRoles.appRole(List.of(M + "Learner"))).isEqualTo(AppRole.LEARNER);
	}

	@Test
	void teachingRolesAreCoordinators() {
		for (String role : List.of(M + "Instructor", M + "ContentDeveloper", M + "Mentor", M + "Administrator",
				"http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant",
				"http://purl.imsglobal.org/vocab/lis/v2/institution/person#Administrator",
				"http://purl.imsglobal.org/vocab/lis/v2/system/person#Administrator", "Instructor")) {
			assertThat(LtiRoles.appRole(List.of(role))).as(role).isEqualTo(AppRole.COORDINATOR);
		}
	}

	@Test
	void moodleAdminWithLearnerAndInstructorIsACoordinator() {
		assertThat(LtiRoles.appRole(List.of(M + "Learner", M + "Instructor"))).isEqualTo(AppRole.COORDINATOR);
	}

	@Test
	void noOrUnknownRolesAreLearnersNeverAdministrators() {
		assertThat(LtiRoles.appRole(List.of())).isEqualTo(AppRole.LEARNER);
		assertThat(LtiRoles.appRole(List.of("http://purl.imsglobal.org/vocab/lis/v2/institution/person#Student",
				"urn:made:up#Administrator")))
			.isEqualTo(AppRole.LEARNER);
	}

	PlatformDetails details(String issuer, String jwks) {
		return new PlatformDetails("", issuer, "client", List.of("1"), "https://p.example/auth",
				"https://p.example/token", jwks);
	}

	@Test
	void registrationUrlsMustBeHttpsUnlessAllowed() {
		assertThatThrownBy(() -> details("https://p.example", "http://p.example/jwks").checked(false, true))
			.isInstanceOf(InvalidPlatformField.class)
			.hasMessageContaining("jwksUrl");
		assertThat(details("https://p.example", "http://p.example/jwks").checked(true, true).jwksUrl())
			.isEqualTo("http://p.example/jwks");
	}

	@Test
	void issuerMustBeAUrlWithoutQueryOrFragment() {
		assertThatThrownBy(() -> details("https://p.example?x=1", "https://p.example/jwks").checked(false, true))
			.isInstanceOf(InvalidPlatformField.class)
			.hasMessageContaining("issuer");
		assertThatThrownBy(() -> details("moodle", "https://p.example/jwks").checked(false, true))
			.isInstanceOf(InvalidPlatformField.class)
			.hasMessageContaining("issuer");
	}

	@Test
	void nameDefaultsToTheIssuerHost() {
		assertThat(details("https://moodle.example.ac.uk", "https://p.example/jwks").checked(false, true).name())
			.isEqualTo("moodle.example.ac.uk");
	}

}
