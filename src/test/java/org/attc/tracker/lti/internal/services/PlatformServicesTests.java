package org.attc.tracker.lti.internal.services;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import org.attc.tracker.lti.CourseRosters;
import org.attc.tracker.lti.LtiHttp;
import org.attc.tracker.lti.RosterMember;
import org.attc.tracker.lti.TestPlatform;
import org.attc.tracker.lti.internal.keys.ToolKeys;
import org.attc.tracker.lti.internal.platform.PlatformDetails;
import org.attc.tracker.lti.internal.platform.PlatformRegistration;
import org.attc.tracker.lti.internal.platform.PlatformRegistrations;
import org.attc.tracker.lti.internal.security.PlatformHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The platform's services as Moodle 4.5 offers them, played by WireMock: the client
 * credentials token with a signed assertion (Security Framework §4.1), AGS 2.0 scores,
 * NRPS 2.0 paged rosters.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class PlatformServicesTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	static final String LINE_ITEM_PATH = "/mod/lti/services.php/3/lineitems/12/lineitem";

	@Autowired
	PlatformRegistrations registrations;

	@Autowired
	PlatformHttp http;

	@Autowired
	ToolKeys keys;

	@Autowired
	PlatformTokens tokens;

	@Autowired
	Memberships memberships;

	@Autowired
	RosterSync rosterSync;

	@Autowired
	Scores scores;

	@Autowired
	CourseRosters rosters;

	@Autowired
	RosterRefresh rosterRefresh;

	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	@LocalServerPort
	int port;

	TestPlatform platform;

	PlatformRegistration registration;

	@BeforeEach
	void setUp() {
		this.platform = new TestPlatform();
		this.registration = this.registrations.register(
				new PlatformDetails("Services", this.platform.issuer, this.platform.clientId, List.of("1"),
						this.platform.authUrl(), this.platform.tokenUrl(), this.platform.jwksUrl()),
				PlatformRegistration.Origin.ADMIN);
		this.platform.server.stubFor(post(urlPathEqualTo("/mod/lti/token.php"))
			.withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
			.willReturn(aResponse().withStatus(200)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"access_token\":\"tok-1\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));
	}

	@AfterEach
	void tearDown() {
		this.platform.close();
	}

	String lineItemUrl() {
		return this.platform.baseUrl() + LINE_ITEM_PATH + "?type_id=4";
	}

	Scores.Score score(String user) {
		return new Scores.Score(user, 2, 3, "Completed", "FullyGraded", Instant.parse("2026-11-25T10:00:00Z"), null);
	}

	@Test
	void scoresUrlAppendsToThePathNotAfterTheQuery() {
		assertThat(Scores.scoresUrl("https://moodle.example/mod/lti/services.php/3/lineitems/12/lineitem?type_id=4"))
			.isEqualTo("https://moodle.example/mod/lti/services.php/3/lineitems/12/lineitem/scores?type_id=4");
		assertThat(Scores.scoresUrl("https://canvas.example/api/lti/courses/1/line_items/2/"))
			.isEqualTo("https://canvas.example/api/lti/courses/1/line_items/2/scores");
	}

	@Test
	void theTokenRequestCarriesAClientAssertionSignedByTheToolKey() throws Exception {
		assertThat(this.tokens.accessToken(this.registration, java.util.Set.of(Scores.SCORE_SCOPE))).isEqualTo("tok-1");
		Request request = this.platform.server.findAll(postRequestedFor(urlPathEqualTo("/mod/lti/token.php"))).get(0);
		Map<String, String> form = LtiHttp.query("http://x/?" + request.getBodyAsString());
		assertThat(form).containsEntry("grant_type", "client_credentials")
			.containsEntry("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
			.containsEntry("scope", Scores.SCORE_SCOPE);
		SignedJWT assertion = SignedJWT.parse(form.get("client_assertion"));
		JWKSet published = this.keys.publicKeys();
		RSAKey key = (RSAKey) published.getKeyByKeyId(assertion.getHeader().getKeyID());
		assertThat(assertion.verify(new RSASSAVerifier(key))).isTrue();
		assertThat(assertion.getJWTClaimsSet().getIssuer()).isEqualTo(this.platform.clientId);
		assertThat(assertion.getJWTClaimsSet().getSubject()).isEqualTo(this.platform.clientId);
		assertThat(assertion.getJWTClaimsSet().getAudience()).containsExactly(this.platform.tokenUrl());
		assertThat(assertion.getJWTClaimsSet().getJWTID()).isNotBlank();
	}

	@Test
	void aScoreIsPostedToTheScoresUrlWithTheBearerTokenAndTheTokenIsReused() {
		this.platform.server
			.stubFor(post(urlPathEqualTo(LINE_ITEM_PATH + "/scores")).withQueryParam("type_id", equalTo("4"))
				.withHeader("Authorization", equalTo("Bearer tok-1"))
				.withHeader("Content-Type", equalTo("application/vnd.ims.lis.v1.score+json"))
				.willReturn(aResponse().withStatus(200)));
		this.scores.publish(this.registration, lineItemUrl(), score("42"));
		this.scores.publish(this.registration, lineItemUrl(), score("43"));
		List<com.github.tomakehurst.wiremock.verification.LoggedRequest> posted = this.platform.server
			.findAll(postRequestedFor(urlPathEqualTo(LINE_ITEM_PATH + "/scores")));
		assertThat(posted).hasSize(2);
		JsonNode body = json.readTree(posted.get(0).getBodyAsString());
		assertThat(body.get("userId").asString()).isEqualTo("42");
		assertThat(body.get("scoreGiven").asDouble()).isEqualTo(2.0);
		assertThat(body.get("scoreMaximum").asDouble()).isEqualTo(3.0);
		assertThat(body.get("activityProgress").asString()).isEqualTo("Completed");
		assertThat(body.get("gradingProgress").asString()).isEqualTo("FullyGraded");
		assertThat(body.get("timestamp").asString()).isEqualTo("2026-11-25T10:00:00Z");
		// one token for both scores: it is cached until it expires
		assertThat(this.platform.server.findAll(postRequestedFor(urlPathEqualTo("/mod/lti/token.php")))).hasSize(1);
	}

	@Test
	void aRefusedScoreIsReportedAndNotRetried() {
		this.platform.server.stubFor(post(urlPathEqualTo(LINE_ITEM_PATH + "/scores"))
			.willReturn(aResponse().withStatus(400).withBody("User is not a student")));
		assertThatThrownBy(() -> this.scores.publish(this.registration, lineItemUrl(), score("2")))
			.isInstanceOf(ServiceCallFailed.class)
			.hasMessageContaining("HTTP 400")
			.hasMessageContaining("not a student");
		assertThat(this.platform.server.findAll(postRequestedFor(urlPathEqualTo(LINE_ITEM_PATH + "/scores"))))
			.hasSize(1);
	}

	@Test
	void anUnavailablePlatformIsATransientFailureLeftToTheDeliveryQueue() {
		this.platform.server.stubFor(post(urlPathEqualTo(LINE_ITEM_PATH + "/scores"))
			.willReturn(aResponse().withStatus(503).withBody("maintenance")));
		assertThatThrownBy(() -> this.scores.publish(this.registration, lineItemUrl(), score("42")))
			.isInstanceOfSatisfying(ServiceCallFailed.class, (ex) -> assertThat(ex.transientFailure()).isTrue());
		// one attempt only: retrying with backoff is the queue's job, off the caller's
		// thread
		assertThat(this.platform.server.findAll(postRequestedFor(urlPathEqualTo(LINE_ITEM_PATH + "/scores"))))
			.hasSize(1);
	}

	@Test
	void aScoreOutsideItsRangeIsRefusedBeforeAnyCall() {
		assertThatThrownBy(() -> new Scores.Score("1", 4, 3, "Completed", "FullyGraded", Instant.now(), null))
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void aTokenRefusalIsReported() {
		this.platform.server.stubFor(post(urlPathEqualTo("/mod/lti/token.php"))
			.willReturn(aResponse().withStatus(400).withBody("{\"error\":\"invalid_client\"}")));
		assertThatThrownBy(() -> this.scores.publish(this.registration, lineItemUrl(), score("42")))
			.isInstanceOf(ServiceCallFailed.class)
			.hasMessageContaining("invalid_client");
	}

	@Test
	void theRosterIsReadPageByPageFollowingLinkHeaders() {
		String path = "/mod/lti/services.php/CourseSection/3/bindings/4/memberships";
		this.platform.server.stubFor(get(urlPathEqualTo(path)).withQueryParam("page", equalTo("2"))
			.withHeader("Authorization", equalTo("Bearer tok-1"))
			.willReturn(aResponse().withStatus(200)
				.withBody("{\"id\":\"x\",\"context\":{\"id\":\"3\"},\"members\":["
						+ "{\"user_id\":\"44\",\"name\":\"Cy Clinician\",\"roles\":[\"Learner\"],\"status\":\"Active\"}]}")));
		this.platform.server.stubFor(get(urlPathEqualTo(path)).withQueryParam("page", equalTo("1"))
			.withHeader("Accept", equalTo("application/vnd.ims.lti-nrps.v2.membershipcontainer+json"))
			.willReturn(aResponse().withStatus(200)
				.withHeader("Link", "<" + this.platform.baseUrl() + path + "?page=2>; rel=\"next\"")
				.withBody("{\"id\":\"x\",\"context\":{\"id\":\"3\"},\"members\":["
						+ "{\"user_id\":\"42\",\"name\":\"Ada Learner\",\"email\":\"ada@example.nhs.uk\",\"roles\":[\"Learner\"]},"
						+ "{\"user_id\":\"43\",\"name\":\"Ian Instructor\",\"roles\":[\"Instructor\"]}]}")));
		List<Memberships.Member> members = this.memberships.members(this.registration,
				this.platform.baseUrl() + path + "?page=1");
		assertThat(members).extracting(Memberships.Member::userId).containsExactly("42", "43", "44");
		assertThat(members.get(0).email()).isEqualTo("ada@example.nhs.uk");
		assertThat(members.get(1).roles()).containsExactly("Instructor");
		assertThat(members.get(0).status()).isEqualTo("Active");
	}

	@Test
	void aNextPageOnAnotherHostIsNotFollowed() {
		String path = "/mod/lti/services.php/CourseSection/3/bindings/4/memberships";
		this.platform.server.stubFor(get(urlPathEqualTo(path)).willReturn(aResponse().withStatus(200)
			.withHeader("Link", "<https://elsewhere.example/steal?page=2>; rel=\"next\"")
			.withBody("{\"members\":[]}")));
		assertThatThrownBy(() -> this.memberships.members(this.registration, this.platform.baseUrl() + path))
			.isInstanceOf(ServiceCallFailed.class)
			.hasMessageContaining("another origin");
	}

	@Test
	void aSyncedRosterReplacesTheStoredOneAndIsReadThroughTheModuleApi() {
		String path = "/mod/lti/services.php/CourseSection/8/bindings/4/memberships";
		this.platform.server.stubFor(get(urlPathEqualTo(path)).willReturn(aResponse().withStatus(200)
			.withBody("{\"members\":[{\"user_id\":\"42\",\"name\":\"Ada Learner\",\"roles\":[\"Learner\"]},"
					+ "{\"user_id\":\"43\",\"name\":\"Ian Instructor\",\"roles\":[\"Instructor\"]}]}")));
		assertThat(this.rosterSync.sync(this.registration, "8", this.platform.baseUrl() + path)).isEqualTo(2);
		this.platform.server.stubFor(get(urlPathEqualTo(path)).willReturn(aResponse().withStatus(200)
			.withBody("{\"members\":[{\"user_id\":\"42\",\"name\":\"Ada Learner\",\"roles\":[\"Learner\"],"
					+ "\"status\":\"Inactive\"}]}")));
		this.rosterSync.sync(this.registration, "8", this.platform.baseUrl() + path);
		List<RosterMember> members = this.rosters.members(this.platform.issuer, "8");
		assertThat(members).hasSize(1);
		assertThat(members.get(0).userId()).isEqualTo("42");
		assertThat(members.get(0).roles()).containsExactly("Learner");
		assertThat(members.get(0).status()).isEqualTo("Inactive");
		assertThat(this.rosters.members(this.platform.issuer, "no-such-course")).isEmpty();
	}

	@Test
	void aTeacherLaunchRefreshesTheCourseRosterInTheBackground() throws Exception {
		String path = "/mod/lti/services.php/CourseSection/9/bindings/4/memberships";
		this.platform.server.stubFor(get(urlPathEqualTo(path)).willReturn(aResponse().withStatus(200)
			.withBody("{\"members\":[{\"user_id\":\"77\",\"name\":\"Nia Nurse\",\"roles\":[\"Learner\"]}]}")));
		org.attc.tracker.support.HttpTestClient browser = new org.attc.tracker.support.HttpTestClient(this.port);
		this.registrations.addDeployment(this.registration.id(), this.platform.deploymentId);
		LtiHttp.Login login = LtiHttp.login(browser, this.platform);
		String token = this.platform.signedLaunch(login.nonce(),
				(c) -> c.claim(TestPlatform.LTI + "roles", List.of(TestPlatform.INSTRUCTOR))
					.claim(TestPlatform.LTI + "context", Map.of("id", "9", "title", "Ward 9"))
					.claim("https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice",
							Map.of("context_memberships_url", this.platform.baseUrl() + path, "service_versions",
									List.of("2.0"))));
		assertThat(LtiHttp.launch(browser, token, login.state(), login.cookieHeader()).statusCode()).isEqualTo(200);
		List<RosterMember> members = List.of();
		for (int i = 0; i < 100 && members.isEmpty(); i++) {
			Thread.sleep(100);
			members = this.rosters.members(this.platform.issuer, "9");
		}
		assertThat(members).extracting(RosterMember::userId).containsExactly("77");
	}

	@Test
	void thePeriodicRefreshFetchesKnownCoursesAndMakesLearnersOfMembersWhoNeverLaunched() throws Exception {
		String path = "/mod/lti/services.php/CourseSection/21/bindings/4/memberships";
		this.platform.server.stubFor(get(urlPathEqualTo(path)).withHeader("Authorization", equalTo("Bearer tok-1"))
			.willReturn(aResponse().withStatus(200)
				.withBody("{\"members\":[{\"user_id\":\"42\",\"name\":\"Ada Learner\",\"roles\":[\"Learner\"]},"
						+ "{\"user_id\":\"77\",\"name\":\"Nia Nurse\",\"email\":\"nia@example.nhs.uk\","
						+ "\"roles\":[\"http://purl.imsglobal.org/vocab/lis/v2/membership#Learner\"],\"status\":\"Active\"},"
						+ "{\"user_id\":\"78\",\"name\":\"Ian Instructor\",\"roles\":[\"Instructor\"]},"
						+ "{\"user_id\":\"79\",\"name\":\"Len Left\",\"roles\":[\"Learner\"],\"status\":\"Inactive\"}]}")));
		// a learner's launch names the course's membership service; no teacher ever
		// launches
		org.attc.tracker.support.HttpTestClient browser = new org.attc.tracker.support.HttpTestClient(this.port);
		this.registrations.addDeployment(this.registration.id(), this.platform.deploymentId);
		LtiHttp.Login login = LtiHttp.login(browser, this.platform);
		String token = this.platform.signedLaunch(login.nonce(),
				(c) -> c.claim(TestPlatform.LTI + "context", Map.of("id", "21", "title", "Ward 21"))
					.claim("https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice",
							Map.of("context_memberships_url", this.platform.baseUrl() + path, "service_versions",
									List.of("2.0"))));
		assertThat(LtiHttp.launch(browser, token, login.state(), login.cookieHeader()).statusCode()).isEqualTo(200);
		Thread.sleep(300);
		assertThat(this.rosters.members(this.platform.issuer, "21")).isEmpty();

		RosterRefresh.Outcome outcome = this.rosterRefresh.refreshAll();
		assertThat(outcome.courses()).isGreaterThanOrEqualTo(1);
		List<RosterMember> members = this.rosters.members(this.platform.issuer, "21");
		assertThat(members).extracting(RosterMember::userId).containsExactlyInAnyOrder("42", "77", "78", "79");
		RosterMember nia = members.stream().filter((m) -> m.userId().equals("77")).findFirst().orElseThrow();
		RosterMember ian = members.stream().filter((m) -> m.userId().equals("78")).findFirst().orElseThrow();
		RosterMember len = members.stream().filter((m) -> m.userId().equals("79")).findFirst().orElseThrow();
		// the member who never launched is a learner now; the teacher and the inactive
		// one are not
		assertThat(nia.learner()).isNotNull();
		assertThat(ian.learner()).isNull();
		assertThat(len.learner()).isNull();
		assertThat(this.rosters.learners(this.platform.issuer, "21")).hasSize(2).contains(nia.learner());
		// identity knows them by their LTI identity, so progress lists them (as not
		// started)
		org.attc.tracker.support.HttpTestClient admin = new org.attc.tracker.support.HttpTestClient(this.port);
		java.net.http.HttpResponse<String> learner = admin.send(admin
			.request("/api/learners?identifier=" + java.net.URLEncoder.encode("lti:" + this.platform.issuer + "|77",
					java.nio.charset.StandardCharsets.UTF_8))
			.header("Authorization",
					org.attc.tracker.support.HttpTestClient.basic(org.attc.tracker.support.TestAccounts.ADMIN,
							org.attc.tracker.support.TestAccounts.ADMIN_PASSWORD))
			.GET());
		assertThat(learner.statusCode()).as(learner.body()).isEqualTo(200);
		assertThat(json.readTree(learner.body()).get("id").asLong()).isEqualTo(nia.learner().value());

		// the platform fails on the next refresh: the roster stays and the course records
		// why
		this.platform.server
			.stubFor(get(urlPathEqualTo(path)).willReturn(aResponse().withStatus(500).withBody("oops")));
		assertThat(this.rosterRefresh.refreshAll().failures()).isGreaterThanOrEqualTo(1);
		assertThat(this.rosters.members(this.platform.issuer, "21")).hasSize(4);
		assertThat(this.jdbc.sql("SELECT roster_error FROM lti_course WHERE platform_id = ? AND context_id = '21'")
			.params(this.registration.id())
			.query(String.class)
			.single()).contains("HTTP 500");
	}

}
