package org.attc.tracker.lti;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import org.attc.tracker.identity.Learners;
import org.attc.tracker.lti.internal.platform.PlatformDetails;
import org.attc.tracker.lti.internal.platform.PlatformRegistration;
import org.attc.tracker.lti.internal.platform.PlatformRegistrations;
import org.attc.tracker.shared.LearnerId;
import org.attc.tracker.support.HttpTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * LTI 1.3 Core §5.1 and 1EdTech Security Framework 1.0 §5.1.1 and §5.1.3, rule by rule,
 * over real HTTP with a fake platform whose JWKS WireMock serves.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class LaunchSecurityHttpTests {

	@LocalServerPort
	int port;

	@Autowired
	PlatformRegistrations registrations;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Learners learners;

	TestPlatform platform;

	HttpTestClient browser;

	@BeforeEach
	void registerPlatform() {
		this.platform = new TestPlatform();
		this.registrations.register(new PlatformDetails("Test Moodle", this.platform.issuer, this.platform.clientId,
				List.of(this.platform.deploymentId), this.platform.authUrl(), this.platform.tokenUrl(),
				this.platform.jwksUrl()), PlatformRegistration.Origin.ADMIN);
		this.browser = new HttpTestClient(this.port);
	}

	@AfterEach
	void stopPlatform() {
		this.platform.close();
	}

	HttpResponse<String> launchWith(java.util.function.Consumer<JWTClaimsSet.Builder> change) {
		LtiHttp.Login login = LtiHttp.login(this.browser, this.platform);
		return LtiHttp.launch(this.browser, this.platform.signedLaunch(login.nonce(), change), login.state(),
				login.cookieHeader());
	}

	static void assertRefused(HttpResponse<String> response, String reason) {
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("The launch from your learning platform was refused")
			.contains(">" + reason + "<");
		// a refused launch creates no session
		assertThat(response.headers().allValues("Set-Cookie")).noneMatch((c) -> c.startsWith("JSESSIONID"));
	}

	@Nested
	class LoginInitiation {

		@Test
		void redirectsToThePlatformAuthEndpointWithTheOidcParameters() {
			LtiHttp.Login login = LtiHttp.login(LaunchSecurityHttpTests.this.browser,
					LaunchSecurityHttpTests.this.platform);
			assertThat(login.response().statusCode()).isEqualTo(302);
			assertThat(login.response().headers().firstValue("Location").orElseThrow())
				.startsWith(LaunchSecurityHttpTests.this.platform.authUrl() + "?");
			Map<String, String> params = login.authParams();
			// Security Framework §5.1.1.2
			assertThat(params).containsEntry("scope", "openid")
				.containsEntry("response_type", "id_token")
				.containsEntry("response_mode", "form_post")
				.containsEntry("prompt", "none")
				.containsEntry("client_id", LaunchSecurityHttpTests.this.platform.clientId)
				.containsEntry("redirect_uri", "http://127.0.0.1:" + LaunchSecurityHttpTests.this.port + "/lti/launch")
				.containsEntry("login_hint", "42")
				.containsEntry("lti_message_hint", "hint-123");
			assertThat(login.state()).hasSizeGreaterThanOrEqualTo(43);
			assertThat(login.nonce()).hasSizeGreaterThanOrEqualTo(43).isNotEqualTo(login.state());
		}

		@Test
		void bindsTheStateToTheBrowserWithACrossSiteCookie() {
			LtiHttp.Login login = LtiHttp.login(LaunchSecurityHttpTests.this.browser,
					LaunchSecurityHttpTests.this.platform);
			assertThat(login.stateCookie()).contains("=" + login.state() + ";")
				.contains("HttpOnly")
				.contains("Secure")
				.contains("SameSite=None")
				.contains("Partitioned");
		}

		@Test
		void acceptsGetAsWellAsPost() {
			HttpResponse<String> response = LaunchSecurityHttpTests.this.browser
				.get("/lti/login?iss=" + LaunchSecurityHttpTests.this.platform.issuer
						+ "&login_hint=42&target_link_uri=https%3A%2F%2Ftool.example%2Flti%2Flaunch");
			assertThat(response.statusCode()).isEqualTo(302);
			assertThat(LtiHttp.query(response.headers().firstValue("Location").orElseThrow())).containsKey("state")
				.doesNotContainKey("lti_message_hint");
		}

		@Test
		void refusesAnUnknownIssuer() {
			LtiHttp.Login login = LtiHttp.login(LaunchSecurityHttpTests.this.browser,
					LaunchSecurityHttpTests.this.platform, Map.of("iss", "https://evil.example"));
			assertRefused(login.response(), "UNKNOWN_PLATFORM");
		}

		@Test
		void refusesAnUnknownClientId() {
			LtiHttp.Login login = LtiHttp.login(LaunchSecurityHttpTests.this.browser,
					LaunchSecurityHttpTests.this.platform, Map.of("client_id", "someone-else"));
			assertRefused(login.response(), "UNKNOWN_PLATFORM");
		}

		@Test
		void refusesAnUnknownDeployment() {
			LtiHttp.Login login = LtiHttp.login(LaunchSecurityHttpTests.this.browser,
					LaunchSecurityHttpTests.this.platform, Map.of("lti_deployment_id", "not-ours"));
			assertRefused(login.response(), "UNKNOWN_DEPLOYMENT");
		}

		@Test
		void refusesALoginWithoutLoginHint() {
			HttpResponse<String> response = LaunchSecurityHttpTests.this.browser.postForm("/lti/login", Map.of("iss",
					LaunchSecurityHttpTests.this.platform.issuer, "target_link_uri", "https://tool.example/"));
			assertRefused(response, "MISSING_PARAMETER");
		}

	}

	@Nested
	class AcceptedLaunch {

		@Test
		void learnerLaunchSignsInALearnerAndLandsOnTheLearnerPage() {
			HttpResponse<String> response = launchWith((claims) -> {
			});
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).contains("Ada Learner")
				.contains("signed in as a <strong>learner</strong>")
				.contains("ATMP induction");
			assertThat(response.headers().allValues("Set-Cookie")).anyMatch((c) -> c.startsWith("JSESSIONID"));
			// the state cookie is cleared once used
			assertThat(response.headers().allValues("Set-Cookie"))
				.anyMatch((c) -> c.startsWith("lti_state_") && c.contains("Max-Age=0"));
			// the session carries on
			HttpResponse<String> home = LaunchSecurityHttpTests.this.browser.get("/lti/home");
			assertThat(home.statusCode()).isEqualTo(200);
			assertThat(home.body()).contains("signed in as a <strong>learner</strong>");
			// and it is no administrator
			assertThat(LaunchSecurityHttpTests.this.browser.get("/api/lti/platforms").statusCode()).isEqualTo(403);
		}

		@Test
		void instructorLaunchSignsInACoordinatorForTheCourse() {
			HttpResponse<String> response = launchWith(
					(claims) -> claims.claim(TestPlatform.LTI + "roles", List.of(TestPlatform.INSTRUCTOR)));
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).contains("signed in as a <strong>coordinator</strong> for this course")
				.contains("course-3");
		}

		@Test
		void moodleStyleTokenWithGivenAndFamilyNameAndBareContextTypeIsAccepted() {
			HttpResponse<String> response = launchWith((claims) -> claims.claim("name", null)
				.claim("given_name", "Grace")
				.claim("family_name", "Hopper")
				.claim(TestPlatform.LTI + "context", Map.of("id", "9", "type", "CourseSection")));
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).contains("Grace Hopper");
		}

		@Test
		void theLaunchLinksIssuerAndSubjectToOneLearnerAndRecordsTheCourse() {
			String subject = "sub-" + System.nanoTime();
			assertThat(launchWith((claims) -> claims.subject(subject)).statusCode()).isEqualTo(200);
			assertThat(launchWith((claims) -> claims.subject(subject)).statusCode()).isEqualTo(200);
			long platformId = LaunchSecurityHttpTests.this.registrations
				.find(LaunchSecurityHttpTests.this.platform.issuer, LaunchSecurityHttpTests.this.platform.clientId)
				.orElseThrow()
				.id();
			List<Long> learnerIds = LaunchSecurityHttpTests.this.jdbc
				.sql("SELECT learner_id FROM lti_launch WHERE platform_id = ? AND subject = ? AND context_id = ? "
						+ "AND resource_link_id = ?")
				.params(platformId, subject, "course-3", "link-7")
				.query(Long.class)
				.list();
			assertThat(learnerIds).hasSize(2).doesNotContainNull();
			assertThat(learnerIds.get(0)).isEqualTo(learnerIds.get(1));
			assertThat(LaunchSecurityHttpTests.this.learners.profile(new LearnerId(learnerIds.get(0)))).isPresent();
			// another subject is another learner
			String other = "sub-other-" + System.nanoTime();
			assertThat(launchWith((claims) -> claims.subject(other).claim("email", null)).statusCode()).isEqualTo(200);
			Long otherLearner = LaunchSecurityHttpTests.this.jdbc
				.sql("SELECT learner_id FROM lti_launch WHERE platform_id = ? AND subject = ?")
				.params(platformId, other)
				.query(Long.class)
				.single();
			assertThat(otherLearner).isNotEqualTo(learnerIds.get(0));
		}

		@Test
		void expiryWithinTheClockSkewIsAccepted() {
			HttpResponse<String> response = launchWith(
					(claims) -> claims.expirationTime(Date.from(Instant.now().minusSeconds(10))));
			assertThat(response.statusCode()).isEqualTo(200);
		}

		@Test
		void deepLinkingRequestIsAccepted() {
			HttpResponse<String> response = launchWith(
					(claims) -> claims.claim(TestPlatform.LTI + "message_type", "LtiDeepLinkingRequest")
						.claim(TestPlatform.LTI + "resource_link", null)
						.claim(TestPlatform.LTI + "roles", List.of(TestPlatform.INSTRUCTOR))
						.claim("https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings",
								Map.of("deep_link_return_url", "https://moodle.example/return", "accept_types",
										List.of("ltiResourceLink"), "data", "opaque")));
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).contains("Add capability progress to your course");
		}

	}

	@Nested
	class SignatureStep1 {

		@Test
		void tokenSignedWithAnotherKeyUnderThePlatformKidIsRefused() {
			RSAKey impostor = TestPlatform.newKey(LaunchSecurityHttpTests.this.platform.key.getKeyID());
			LtiHttp.Login login = LtiHttp.login(LaunchSecurityHttpTests.this.browser,
					LaunchSecurityHttpTests.this.platform);
			String token = TestPlatform.sign(LaunchSecurityHttpTests.this.platform.launchClaims(login.nonce()).build(),
					impostor);
			assertRefused(
					LtiHttp.launch(LaunchSecurityHttpTests.this.browser, token, login.state(), login.cookieHeader()),
					"BAD_SIGNATURE");
		}

		@Test
		void tamperedPayloadIsRefused() {
			LtiHttp.Login login = LtiHttp.login(LaunchSecurityHttpTests.this.browser,
					LaunchSecurityHttpTests.this.platform);
			String token = LaunchSecurityHttpTests.this.platform.signedLaunch(login.nonce(), (c) -> {
			});
			String[] parts = token.split("\\.");
			String forged = LaunchSecurityHttpTests.this.platform.signedLaunch(login.nonce(),
					(c) -> c.claim(TestPlatform.LTI + "roles", List.of(TestPlatform.INSTRUCTOR)));
			String tampered = parts[0] + "." + forged.split("\\.")[1] + "." + parts[2];
			assertRefused(
					LtiHttp.launch(LaunchSecurityHttpTests.this.browser, tampered, login.state(), login.cookieHeader()),
					"BAD_SIGNATURE");
		}

		@Test
		void unsignedTokenWithAlgNoneIsRefused() {
			LtiHttp.Login login = LtiHttp.login(LaunchSecurityHttpTests.this.browser,
					LaunchSecurityHttpTests.this.platform);
			String token = new PlainJWT(new PlainHeader(),
					LaunchSecurityHttpTests.this.platform.launchClaims(login.nonce()).build())
				.serialize();
			assertRefused(
					LtiHttp.launch(LaunchSecurityHttpTests.this.browser, token, login.state(), login.cookieHeader()),
					"ALGORITHM_NOT_ALLOWED");
		}

		@Test
		void hs256SignedWithThePlatformPublicKeyAsSecretIsRefused() throws Exception {
			LtiHttp.Login login = LtiHttp.login(LaunchSecurityHttpTests.this.browser,
					LaunchSecurityHttpTests.this.platform);
			byte[] secret = LaunchSecurityHttpTests.this.platform.key.toPublicJWK().toJSONString().getBytes();
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256)
				.keyID(LaunchSecurityHttpTests.this.platform.key.getKeyID())
				.build(), LaunchSecurityHttpTests.this.platform.launchClaims(login.nonce()).build());
			jwt.sign(new MACSigner(secret));
			assertRefused(LtiHttp.launch(LaunchSecurityHttpTests.this.browser, jwt.serialize(), login.state(),
					login.cookieHeader()), "ALGORITHM_NOT_ALLOWED");
		}

		@Test
		void rs512IsRefused() throws Exception {
			LtiHttp.Login login = LtiHttp.login(LaunchSecurityHttpTests.this.browser,
					LaunchSecurityHttpTests.this.platform);
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS512)
				.keyID(LaunchSecurityHttpTests.this.platform.key.getKeyID())
				.build(), LaunchSecurityHttpTests.this.platform.launchClaims(login.nonce()).build());
			jwt.sign(new com.nimbusds.jose.crypto.RSASSASigner(LaunchSecurityHttpTests.this.platform.key));
			assertRefused(LtiHttp.launch(LaunchSecurityHttpTests.this.browser, jwt.serialize(), login.state(),
					login.cookieHeader()), "ALGORITHM_NOT_ALLOWED");
		}

		@Test
		void garbageIsRefusedAsMalformed() {
			LtiHttp.Login login = LtiHttp.login(LaunchSecurityHttpTests.this.browser,
					LaunchSecurityHttpTests.this.platform);
			assertRefused(LtiHttp.launch(LaunchSecurityHttpTests.this.browser, "not.a.jwt", login.state(),
					login.cookieHeader()), "MALFORMED_TOKEN");
		}

		@Test
		void rotatedPlatformKeyIsFetchedOnAnUnknownKid() {
			// first launch caches the JWKS
			assertThat(launchWith((c) -> {
			}).statusCode()).isEqualTo(200);
			RSAKey rotated = TestPlatform.newKey("rotated-" + System.nanoTime());
			LaunchSecurityHttpTests.this.platform.publish(rotated);
			LaunchSecurityHttpTests.this.platform.key = rotated;
			// the refresh interval in tests is short (see pom), so wait it out once
			sleep(1100);
			assertThat(launchWith((c) -> {
			}).statusCode()).isEqualTo(200);
			LaunchSecurityHttpTests.this.platform.server.verify(2,
					getRequestedFor(urlPathEqualTo(LaunchSecurityHttpTests.this.platform.jwksPath)));
		}

		@Test
		void unreachableJwksIsReportedAsSuch() {
			LaunchSecurityHttpTests.this.platform.server.stop();
			assertRefused(launchWith((c) -> {
			}), "PLATFORM_UNREACHABLE");
		}

	}

	@Nested
	class ClaimsSteps2To9 {

		@Test
		void step2WrongIssuerIsRefused() {
			assertRefused(launchWith((c) -> c.issuer("https://other-moodle.example")), "WRONG_ISSUER");
		}

		@Test
		void step3AudienceWithoutOurClientIdIsRefused() {
			assertRefused(launchWith((c) -> c.audience("another-tool")), "WRONG_AUDIENCE");
		}

		@Test
		void step4SeveralAudiencesWithoutAzpAreRefused() {
			assertRefused(
					launchWith(
							(c) -> c.audience(List.of(LaunchSecurityHttpTests.this.platform.clientId, "another-tool"))),
					"WRONG_AUTHORIZED_PARTY");
		}

		@Test
		void step4SeveralAudiencesWithOurAzpAreAccepted() {
			HttpResponse<String> response = launchWith(
					(c) -> c.audience(List.of(LaunchSecurityHttpTests.this.platform.clientId, "another-tool"))
						.claim("azp", LaunchSecurityHttpTests.this.platform.clientId));
			assertThat(response.statusCode()).isEqualTo(200);
		}

		@Test
		void step5AzpOfAnotherClientIsRefused() {
			assertRefused(launchWith((c) -> c.claim("azp", "another-tool")), "WRONG_AUTHORIZED_PARTY");
		}

		@Test
		void step7ExpiredTokenIsRefused() {
			assertRefused(launchWith((c) -> c.issueTime(Date.from(Instant.now().minusSeconds(180)))
				.expirationTime(Date.from(Instant.now().minusSeconds(120)))), "EXPIRED");
		}

		@Test
		void step7TokenWithoutExpIsRefused() {
			assertRefused(launchWith((c) -> c.expirationTime(null)), "MISSING_CLAIM");
		}

		@Test
		void step8TokenIssuedInTheFutureIsRefused() {
			assertRefused(launchWith((c) -> c.issueTime(Date.from(Instant.now().plusSeconds(300)))
				.expirationTime(Date.from(Instant.now().plusSeconds(360)))), "ISSUED_IN_FUTURE");
		}

		@Test
		void step9NonceNotIssuedForThisLoginIsRefused() {
			LtiHttp.Login login = LtiHttp.login(LaunchSecurityHttpTests.this.browser,
					LaunchSecurityHttpTests.this.platform);
			String token = LaunchSecurityHttpTests.this.platform.signedLaunch("a-nonce-we-never-issued", (c) -> {
			});
			assertRefused(
					LtiHttp.launch(LaunchSecurityHttpTests.this.browser, token, login.state(), login.cookieHeader()),
					"WRONG_NONCE");
		}

		@Test
		void step9ReplayingAnAcceptedLaunchIsRefused() {
			LtiHttp.Login login = LtiHttp.login(LaunchSecurityHttpTests.this.browser,
					LaunchSecurityHttpTests.this.platform);
			String token = LaunchSecurityHttpTests.this.platform.signedLaunch(login.nonce(), (c) -> {
			});
			assertThat(LtiHttp.launch(LaunchSecurityHttpTests.this.browser, token, login.state(), login.cookieHeader())
				.statusCode()).isEqualTo(200);
			HttpTestClient attacker = new HttpTestClient(LaunchSecurityHttpTests.this.port);
			assertRefused(LtiHttp.launch(attacker, token, login.state(), login.cookieHeader()), "STATE_UNKNOWN");
			// nor with a fresh login of the attacker's own: the nonce belongs to the old
			// one
			LtiHttp.Login fresh = LtiHttp.login(attacker, LaunchSecurityHttpTests.this.platform);
			assertRefused(LtiHttp.launch(attacker, token, fresh.state(), fresh.cookieHeader()), "WRONG_NONCE");
		}

	}

	@Nested
	class StateBinding {

		@Test
		void launchWithoutTheStateCookieIsRefused() {
			LtiHttp.Login login = LtiHttp.login(LaunchSecurityHttpTests.this.browser,
					LaunchSecurityHttpTests.this.platform);
			String token = LaunchSecurityHttpTests.this.platform.signedLaunch(login.nonce(), (c) -> {
			});
			assertRefused(LtiHttp.launch(LaunchSecurityHttpTests.this.browser, token, login.state(), null),
					"WRONG_STATE");
		}

		@Test
		void launchWithTheStateOfAnotherBrowserIsRefused() {
			LtiHttp.Login mine = LtiHttp.login(LaunchSecurityHttpTests.this.browser,
					LaunchSecurityHttpTests.this.platform);
			LtiHttp.Login theirs = LtiHttp.login(new HttpTestClient(LaunchSecurityHttpTests.this.port),
					LaunchSecurityHttpTests.this.platform);
			String token = LaunchSecurityHttpTests.this.platform.signedLaunch(theirs.nonce(), (c) -> {
			});
			// the victim's browser holds only its own state cookie
			assertRefused(
					LtiHttp.launch(LaunchSecurityHttpTests.this.browser, token, theirs.state(), mine.cookieHeader()),
					"WRONG_STATE");
		}

		@Test
		void cookieWhoseValueIsNotTheStateIsRefused() {
			LtiHttp.Login login = LtiHttp.login(LaunchSecurityHttpTests.this.browser,
					LaunchSecurityHttpTests.this.platform);
			String token = LaunchSecurityHttpTests.this.platform.signedLaunch(login.nonce(), (c) -> {
			});
			String forgedCookie = login.cookieHeader().substring(0, login.cookieHeader().indexOf('=') + 1) + "forged";
			assertRefused(LtiHttp.launch(LaunchSecurityHttpTests.this.browser, token, login.state(), forgedCookie),
					"WRONG_STATE");
		}

		@Test
		void unknownStateIsRefused() {
			LtiHttp.Login login = LtiHttp.login(LaunchSecurityHttpTests.this.browser,
					LaunchSecurityHttpTests.this.platform);
			String token = LaunchSecurityHttpTests.this.platform.signedLaunch(login.nonce(), (c) -> {
			});
			assertRefused(LtiHttp.launch(LaunchSecurityHttpTests.this.browser, token, "made-up", "lti_state_x=made-up"),
					"STATE_UNKNOWN");
		}

		@Test
		void launchWithoutIdTokenOrStateIsRefused() {
			assertRefused(LtiHttp.launch(LaunchSecurityHttpTests.this.browser, null, "s", null), "MISSING_PARAMETER");
			assertRefused(LtiHttp.launch(LaunchSecurityHttpTests.this.browser, "a.b.c", null, null),
					"MISSING_PARAMETER");
		}

	}

	@Nested
	class LtiMessageClaims {

		@Test
		void unknownDeploymentIsRefused() {
			assertRefused(launchWith((c) -> c.claim(TestPlatform.LTI + "deployment_id", "not-ours")),
					"UNKNOWN_DEPLOYMENT");
		}

		@Test
		void unsupportedMessageTypeIsRefused() {
			assertRefused(launchWith((c) -> c.claim(TestPlatform.LTI + "message_type", "LtiSubmissionReviewRequest")),
					"WRONG_MESSAGE_TYPE");
		}

		@Test
		void versionOtherThan130IsRefused() {
			assertRefused(launchWith((c) -> c.claim(TestPlatform.LTI + "version", "1.1")), "WRONG_VERSION");
		}

		@Test
		void missingRolesIsRefused() {
			assertRefused(launchWith((c) -> c.claim(TestPlatform.LTI + "roles", null)), "MISSING_CLAIM");
		}

		@Test
		void missingDeploymentIdIsRefused() {
			assertRefused(launchWith((c) -> c.claim(TestPlatform.LTI + "deployment_id", null)), "MISSING_CLAIM");
		}

		@Test
		void missingMessageTypeIsRefused() {
			assertRefused(launchWith((c) -> c.claim(TestPlatform.LTI + "message_type", null)), "MISSING_CLAIM");
		}

		@Test
		void missingSubjectIsRefused() {
			assertRefused(launchWith((c) -> c.subject(null)), "MISSING_CLAIM");
		}

		@Test
		void resourceLinkLaunchWithoutResourceLinkIsRefused() {
			assertRefused(launchWith((c) -> c.claim(TestPlatform.LTI + "resource_link", null)), "MISSING_CLAIM");
		}

		@Test
		void resourceLinkLaunchWithoutTargetLinkUriIsRefused() {
			assertRefused(launchWith((c) -> c.claim(TestPlatform.LTI + "target_link_uri", null)), "MISSING_CLAIM");
		}

		@Test
		void deepLinkingRequestWithoutReturnUrlIsRefused() {
			assertRefused(launchWith((c) -> c.claim(TestPlatform.LTI + "message_type", "LtiDeepLinkingRequest")),
					"MISSING_CLAIM");
		}

	}

	@Nested
	class PlatformStorage {

		@Test
		void loginWithAStorageTargetStoresTheStateInThePlatformFrameFirst() {
			LtiHttp.Login login = LtiHttp.login(LaunchSecurityHttpTests.this.browser,
					LaunchSecurityHttpTests.this.platform, Map.of("lti_storage_target", "post_message_forwarding"));
			assertThat(login.response().statusCode()).isEqualTo(200);
			String body = login.response().body();
			assertThat(body).contains("data-mode=\"put\"")
				.contains("data-target=\"post_message_forwarding\"")
				.contains("data-origin=\"" + LaunchSecurityHttpTests.this.platform.issuer + "\"")
				.contains("/js/lti-platform-storage.js");
		}

		@Test
		void launchWithoutCookieIsConfirmedWithTheStateFromPlatformStorage() {
			LtiHttp.Login login = loginWithStorage();
			String state = dataAttribute(login.response().body(), "data-state");
			String token = LaunchSecurityHttpTests.this.platform.signedLaunch(nonceOf(login), (c) -> {
			});
			HttpResponse<String> check = LtiHttp.launch(LaunchSecurityHttpTests.this.browser, token, state, null);
			assertThat(check.statusCode()).isEqualTo(200);
			assertThat(check.body()).contains("data-mode=\"get\"");
			assertThat(check.headers().allValues("Set-Cookie")).noneMatch((c) -> c.startsWith("JSESSIONID"));
			String pending = dataAttribute(check.body(), "data-launch");
			HttpResponse<String> landed = LaunchSecurityHttpTests.this.browser.postForm("/lti/launch/confirm",
					Map.of("launch", pending, "state", state));
			assertThat(landed.statusCode()).isEqualTo(200);
			assertThat(landed.body()).contains("signed in as a <strong>learner</strong>");
			// once only
			assertRefused(new HttpTestClient(LaunchSecurityHttpTests.this.port).postForm("/lti/launch/confirm",
					Map.of("launch", pending, "state", state)), "WRONG_STATE");
		}

		@Test
		void confirmationWithAStateThePlatformDoesNotHoldIsRefused() {
			LtiHttp.Login login = loginWithStorage();
			String state = dataAttribute(login.response().body(), "data-state");
			String token = LaunchSecurityHttpTests.this.platform.signedLaunch(nonceOf(login), (c) -> {
			});
			HttpResponse<String> check = LtiHttp.launch(LaunchSecurityHttpTests.this.browser, token, state, null);
			String pending = dataAttribute(check.body(), "data-launch");
			assertRefused(LaunchSecurityHttpTests.this.browser.postForm("/lti/launch/confirm",
					Map.of("launch", pending, "state", "something-else")), "WRONG_STATE");
		}

		@Test
		void forgedTokenOnTheStoragePathIsRefusedBeforeAnyConfirmation() {
			LtiHttp.Login login = loginWithStorage();
			String state = dataAttribute(login.response().body(), "data-state");
			String token = TestPlatform.sign(LaunchSecurityHttpTests.this.platform.launchClaims(nonceOf(login)).build(),
					TestPlatform.newKey(LaunchSecurityHttpTests.this.platform.key.getKeyID()));
			assertRefused(LtiHttp.launch(LaunchSecurityHttpTests.this.browser, token, state, null), "BAD_SIGNATURE");
		}

		private LtiHttp.Login loginWithStorage() {
			return LtiHttp.login(LaunchSecurityHttpTests.this.browser, LaunchSecurityHttpTests.this.platform,
					Map.of("lti_storage_target", "_parent"));
		}

		private String nonceOf(LtiHttp.Login login) {
			return LtiHttp.query(dataAttribute(login.response().body(), "data-next")).get("nonce");
		}

	}

	static String dataAttribute(String html, String name) {
		java.util.regex.Matcher matcher = java.util.regex.Pattern.compile(name + "=\"([^\"]*)\"").matcher(html);
		assertThat(matcher.find()).as(name).isTrue();
		return org.springframework.web.util.HtmlUtils.htmlUnescape(matcher.group(1));
	}

	static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
