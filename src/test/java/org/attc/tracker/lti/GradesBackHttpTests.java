package org.attc.tracker.lti;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.attc.tracker.lti.internal.grades.ScoreSender;
import org.attc.tracker.lti.internal.platform.PlatformDetails;
import org.attc.tracker.lti.internal.platform.PlatformRegistration;
import org.attc.tracker.lti.internal.platform.PlatformRegistrations;
import org.attc.tracker.support.Eventually;
import org.attc.tracker.support.HttpTestClient;
import org.attc.tracker.support.LrsTestClient;
import org.attc.tracker.support.TestAccounts;
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
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Grades back (AGS 2.0 §3.4) end to end over real HTTP: a learner launches a graded link,
 * statements go through the real LRS, crediting changes their attainment, and the score
 * reaches the platform (WireMock) through the delivery queue: path with the query kept,
 * content type, bearer token of a client-credentials grant fetched once, body; a refusal
 * fails without retries and shows in the admin API; a 5xx is retried with backoff.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class GradesBackHttpTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	static final String SCORE_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/score";

	static final String LINE_ITEM_READ_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly";

	static final String TOKEN_PATH = "/mod/lti/token.php";

	@LocalServerPort
	int port;

	@Autowired
	PlatformRegistrations registrations;

	/** The scheduled sender is off in tests: each test sends what is due itself. */
	@Autowired
	ScoreSender sender;

	TestPlatform platform;

	HttpTestClient http;

	String course;

	String lineItemPath;

	@BeforeEach
	void setUp() {
		this.platform = new TestPlatform();
		this.registrations.register(new PlatformDetails("Grades Moodle", this.platform.issuer, this.platform.clientId,
				List.of(this.platform.deploymentId), this.platform.authUrl(), this.platform.tokenUrl(),
				this.platform.jwksUrl()), PlatformRegistration.Origin.ADMIN);
		this.http = new HttpTestClient(this.port);
		this.course = "c" + UUID.randomUUID().toString().substring(0, 6);
		this.lineItemPath = "/mod/lti/services.php/" + this.course + "/lineitems/12/lineitem";
		this.platform.server.stubFor(post(urlPathEqualTo(TOKEN_PATH))
			.withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
			.willReturn(aResponse().withStatus(200)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"access_token\":\"grade-token\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));
	}

	@AfterEach
	void tearDown() {
		this.platform.close();
	}

	private HttpResponse<String> admin(HttpRequest.Builder request) {
		return this.http.send(
				request.header("Authorization", HttpTestClient.basic(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD)));
	}

	private void mapCourseTo(String capability) {
		HttpResponse<String> response = admin(this.http.request("/api/mappings")
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers
				.ofString("{\"platformIssuer\":\"" + this.platform.issuer + "\",\"contextId\":\"" + this.course
						+ "\",\"capability\":\"" + capability + "\",\"tier\":\"T2\"}")));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
	}

	/** A student's launch of the graded link, as Moodle sends it (AGS endpoint claim). */
	private void launch(String subject, List<String> scopes) {
		launch(subject, scopes, TestPlatform.LEARNER);
	}

	private void launch(String subject, List<String> scopes, String role) {
		HttpTestClient browser = new HttpTestClient(this.port);
		LtiHttp.Login login = LtiHttp.login(browser, this.platform);
		String token = this.platform.signedLaunch(login.nonce(), (c) -> c.subject(subject)
			.claim("email", null)
			.claim("name", "Learner " + subject)
			.claim(TestPlatform.LTI + "context", Map.of("id", this.course, "title", "Graded course"))
			.claim(TestPlatform.LTI + "resource_link", Map.of("id", "link-" + this.course, "title", "My progress"))
			.claim(TestPlatform.LTI + "custom", Map.of("view", "my-progress"))
			.claim(TestPlatform.LTI + "roles", List.of(role))
			.claim("https://purl.imsglobal.org/spec/lti-ags/claim/endpoint",
					Map.of("scope", scopes, "lineitems",
							this.platform.baseUrl() + "/mod/lti/services.php/" + this.course + "/lineitems?type_id=4",
							"lineitem", this.platform.baseUrl() + this.lineItemPath + "?type_id=4")));
		HttpResponse<String> landed = LtiHttp.launch(browser, token, login.state(), login.cookieHeader());
		assertThat(landed.statusCode()).as(landed.body()).isEqualTo(200);
	}

	/** Moodle's course completion for this user, as its xAPI log store sends it. */
	private String courseCompleted(String subject) {
		return "{\"actor\":{\"objectType\":\"Agent\",\"account\":{\"homePage\":\"" + this.platform.issuer
				+ "\",\"name\":\"" + subject + "\"}},\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/completed\"},"
				+ "\"object\":{\"objectType\":\"Activity\",\"id\":\"" + this.platform.issuer + "/course/view.php?id="
				+ this.course + "\"},\"timestamp\":\"" + Instant.now() + "\"}";
	}

	private List<LoggedRequest> scorePosts() {
		return this.platform.server.findAll(postRequestedFor(urlPathEqualTo(this.lineItemPath + "/scores")));
	}

	private List<LoggedRequest> scorePostsUntil(Predicate<List<LoggedRequest>> done) throws InterruptedException {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
		this.sender.sendDue();
		List<LoggedRequest> posts = scorePosts();
		while (!done.test(posts) && Instant.now().isBefore(deadline)) {
			Thread.sleep(100);
			this.sender.sendDue();
			posts = scorePosts();
		}
		assertThat(done.test(posts)).as("score posts seen: " + posts.size()).isTrue();
		return posts;
	}

	private JsonNode deliveries(String query, Predicate<JsonNode> done) {
		return mine(Eventually.answer(() -> {
			this.sender.sendDue();
			return admin(this.http.request("/api/lti/score-deliveries" + query).GET());
		}, (r) -> r.statusCode() == 200 && done.test(mine(json.readTree(r.body())))));
	}

	/** This test's deliveries (other tests share the database). */
	private JsonNode mine(JsonNode answer) {
		tools.jackson.databind.node.ArrayNode mine = json.createArrayNode();
		for (JsonNode delivery : answer.get("deliveries")) {
			if (this.platform.issuer.equals(delivery.get("platform").asString())) {
				mine.add(delivery);
			}
		}
		return mine;
	}

	@Test
	void aCreditedLearnerScoreReachesTheLineItemRescaledWithOneTokenReused() throws Exception {
		this.platform.server.stubFor(get(urlPathEqualTo(this.lineItemPath)).withQueryParam("type_id", equalTo("4"))
			.withHeader("Authorization", equalTo("Bearer grade-token"))
			.willReturn(aResponse().withStatus(200)
				.withHeader("Content-Type", "application/vnd.ims.lis.v2.lineitem+json")
				.withBody("{\"id\":\"" + this.platform.baseUrl() + this.lineItemPath
						+ "\",\"scoreMaximum\":100,\"label\":\"My progress\"}")));
		this.platform.server
			.stubFor(post(urlPathEqualTo(this.lineItemPath + "/scores")).withQueryParam("type_id", equalTo("4"))
				.withHeader("Authorization", equalTo("Bearer grade-token"))
				.withHeader("Content-Type", equalTo("application/vnd.ims.lis.v1.score+json"))
				.willReturn(aResponse().withStatus(200)));
		mapCourseTo("D2.1");
		mapCourseTo("D2.2");
		launch("42", List.of(SCORE_SCOPE, LINE_ITEM_READ_SCOPE));
		// the launch queues the learner's standing now: nothing held yet
		List<LoggedRequest> first = scorePostsUntil((p) -> !p.isEmpty());
		JsonNode initial = json.readTree(first.get(0).getBodyAsString());
		assertThat(initial.get("userId").asString()).isEqualTo("42");
		assertThat(initial.get("scoreGiven").asDouble()).isEqualTo(0.0);
		assertThat(initial.get("scoreMaximum").asDouble()).isEqualTo(100.0);
		assertThat(initial.get("activityProgress").asString()).isEqualTo("Initialized");

		LrsTestClient.create(this.http).post(courseCompleted("42"));
		List<LoggedRequest> posts = scorePostsUntil((p) -> p.stream()
			.anyMatch((r) -> json.readTree(r.getBodyAsString()).get("scoreGiven").asDouble() == 100.0));
		LoggedRequest last = posts.get(posts.size() - 1);
		assertThat(last.getUrl()).isEqualTo(this.lineItemPath + "/scores?type_id=4");
		assertThat(last.getHeader("Authorization")).isEqualTo("Bearer grade-token");
		assertThat(last.getHeader("Content-Type")).isEqualTo("application/vnd.ims.lis.v1.score+json");
		JsonNode score = json.readTree(last.getBodyAsString());
		assertThat(score.get("userId").asString()).isEqualTo("42");
		assertThat(score.get("scoreGiven").asDouble()).isEqualTo(100.0);
		assertThat(score.get("scoreMaximum").asDouble()).isEqualTo(100.0);
		assertThat(score.get("activityProgress").asString()).isEqualTo("Completed");
		assertThat(score.get("gradingProgress").asString()).isEqualTo("FullyGraded");
		Instant timestamp = Instant.parse(score.get("timestamp").asString());
		assertThat(timestamp).isAfter(Instant.parse(initial.get("timestamp").asString()));
		// scores only move forward: each one's timestamp is after the previous one's
		for (int i = 1; i < posts.size(); i++) {
			assertThat(Instant.parse(json.readTree(posts.get(i).getBodyAsString()).get("timestamp").asString()))
				.isAfter(Instant.parse(json.readTree(posts.get(i - 1).getBodyAsString()).get("timestamp").asString()));
		}
		// one client-credentials token for the line item read and every score
		assertThat(this.platform.server.findAll(postRequestedFor(urlPathEqualTo(TOKEN_PATH)))).hasSize(1);
		assertThat(this.platform.server.findAll(getRequestedFor(urlPathEqualTo(this.lineItemPath)))).hasSize(1);
		String form = this.platform.server.findAll(postRequestedFor(urlPathEqualTo(TOKEN_PATH)))
			.get(0)
			.getBodyAsString();
		assertThat(LtiHttp.query("http://x/?" + form).get("scope")).contains(SCORE_SCOPE)
			.contains(LINE_ITEM_READ_SCOPE);
		JsonNode sent = deliveries("?status=sent", (d) -> d.size() >= 1);
		assertThat(sent.get(0).get("capabilitiesHeld").asInt()).isEqualTo(2);
		assertThat(sent.get(0).get("capabilitiesLinked").asInt()).isEqualTo(2);
		assertThat(sent.get(0).get("lineItemUrl").asString()).endsWith(this.lineItemPath + "?type_id=4");

		// the same standing again (a re-delivered event, a relaunch) sends nothing new
		int before = scorePosts().size();
		launch("42", List.of(SCORE_SCOPE, LINE_ITEM_READ_SCOPE));
		Thread.sleep(500);
		this.sender.sendDue();
		assertThat(scorePosts()).hasSize(before);
	}

	@Test
	void aRefusedScoreFailsAtOnceAndAdministratorsSeeWhy() throws Exception {
		this.platform.server.stubFor(post(urlPathEqualTo(this.lineItemPath + "/scores"))
			.willReturn(aResponse().withStatus(400).withBody("Incorrect score received")));
		mapCourseTo("D2.3");
		launch("43", List.of(SCORE_SCOPE));
		JsonNode failed = deliveries("", (d) -> d.size() == 1 && "failed".equals(d.get(0).get("status").asString()));
		JsonNode delivery = failed.get(0);
		assertThat(delivery.get("userId").asString()).isEqualTo("43");
		assertThat(delivery.get("lastHttpStatus").asInt()).isEqualTo(400);
		assertThat(delivery.get("lastError").asString()).contains("HTTP 400").contains("Incorrect score received");
		assertThat(delivery.get("attempts").asInt()).isEqualTo(1);
		assertThat(delivery.get("contextId").asString()).isEqualTo(this.course);
		assertThat(delivery.get("nextAttemptAt").isNull()).isTrue();
		// not tried again, even after the backoff would have passed
		Thread.sleep(1000);
		this.sender.sendDue();
		assertThat(scorePosts()).hasSize(1);

		// an administrator can ask for it again once the platform is fixed
		this.platform.server
			.stubFor(post(urlPathEqualTo(this.lineItemPath + "/scores")).willReturn(aResponse().withStatus(200)));
		HttpResponse<String> retry = admin(
				this.http.request("/api/lti/score-deliveries/" + delivery.get("id").asLong() + "/retry")
					.POST(HttpRequest.BodyPublishers.noBody()));
		assertThat(retry.statusCode()).isEqualTo(202);
		deliveries("?status=sent", (d) -> d.size() == 1);
		assertThat(scorePosts()).hasSize(2);
		HttpResponse<String> again = admin(
				this.http.request("/api/lti/score-deliveries/" + delivery.get("id").asLong() + "/retry")
					.POST(HttpRequest.BodyPublishers.noBody()));
		assertThat(again.statusCode()).isEqualTo(404);
		assertThat(json.readTree(again.body()).get("type").asString()).endsWith("/problems/unknown-score-delivery");
	}

	@Test
	void anUnavailablePlatformGetsTheScoreOnALaterTryWithBackoff() throws Exception {
		this.platform.server.stubFor(post(urlPathEqualTo(this.lineItemPath + "/scores")).inScenario("flaky")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503).withBody("down for maintenance"))
			.willSetStateTo("up"));
		this.platform.server.stubFor(post(urlPathEqualTo(this.lineItemPath + "/scores")).inScenario("flaky")
			.whenScenarioStateIs("up")
			.willReturn(aResponse().withStatus(200)));
		mapCourseTo("D2.4");
		launch("44", List.of(SCORE_SCOPE));
		JsonNode pending = deliveries("", (d) -> d.size() == 1 && d.get(0).get("attempts").asInt() == 1);
		assertThat(pending.get(0).get("status").asString()).isIn("pending", "sending");
		assertThat(pending.get(0).get("lastHttpStatus").asInt()).isEqualTo(503);
		assertThat(pending.get(0).get("lastError").asString()).contains("down for maintenance");
		JsonNode sent = deliveries("?status=sent", (d) -> d.size() == 1);
		assertThat(sent.get(0).get("attempts").asInt()).isEqualTo(2);
		List<LoggedRequest> posts = scorePosts();
		assertThat(posts).hasSize(2);
		// the second try waited for the backoff (app.lti.score-delivery.first-backoff,
		// 400 ms in tests)
		assertThat(Duration.between(posts.get(0).getLoggedDate().toInstant(), posts.get(1).getLoggedDate().toInstant()))
			.isGreaterThanOrEqualTo(Duration.ofMillis(400));
		assertThat(this.platform.server.findAll(postRequestedFor(urlPathEqualTo(TOKEN_PATH)))).hasSize(1);
	}

	@Test
	void aPlatformThatStaysDownIsGivenUpAfterTheLastAttempt() {
		this.platform.server
			.stubFor(post(urlPathEqualTo(this.lineItemPath + "/scores")).willReturn(aResponse().withStatus(502)));
		mapCourseTo("D2.1");
		launch("45", List.of(SCORE_SCOPE));
		JsonNode failed = deliveries("?status=failed", (d) -> d.size() == 1);
		assertThat(failed.get(0).get("attempts").asInt()).isEqualTo(3);
		assertThat(failed.get(0).get("lastError").asString()).startsWith("Gave up after 3 attempts");
		assertThat(scorePosts()).hasSize(3);
	}

	@Test
	void aTeachersLaunchRecordsTheLinkButQueuesNoScoreForTheTeacher() throws Exception {
		this.platform.server
			.stubFor(post(urlPathEqualTo(this.lineItemPath + "/scores")).willReturn(aResponse().withStatus(200)));
		mapCourseTo("D2.2");
		launch("47", List.of(SCORE_SCOPE), TestPlatform.INSTRUCTOR);
		Thread.sleep(500);
		this.sender.sendDue();
		assertThat(scorePosts()).isEmpty();
		// the link is known now: a learner known on the platform gets scores when
		// credited
		launch("48", List.of(SCORE_SCOPE));
		assertThat(
				json.readTree(scorePostsUntil((p) -> !p.isEmpty()).get(0).getBodyAsString()).get("userId").asString())
			.isEqualTo("48");
	}

	@Test
	void aLinkWithoutTheScoreScopeGetsNoScores() throws Exception {
		mapCourseTo("D2.1");
		launch("46", List.of(LINE_ITEM_READ_SCOPE));
		Thread.sleep(500);
		this.sender.sendDue();
		assertThat(scorePosts()).isEmpty();
		assertThat(mine(json.readTree(admin(this.http.request("/api/lti/score-deliveries?status=all").GET()).body())))
			.isEmpty();
	}

	@Test
	void theDeliveriesApiIsForAdministratorsAndNamesABadParameter() {
		HttpResponse<String> bad = admin(this.http.request("/api/lti/score-deliveries?status=lost").GET());
		assertThat(bad.statusCode()).isEqualTo(400);
		JsonNode problem = json.readTree(bad.body());
		assertThat(problem.get("field").asString()).isEqualTo("status");
		assertThat(problem.get("type").asString()).endsWith("/problems/invalid-query-parameter");
		assertThat(bad.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(admin(this.http.request("/api/lti/score-deliveries?limit=0").GET()).statusCode()).isEqualTo(400);
		assertThat(this.http.send(this.http.request("/api/lti/score-deliveries").GET()).statusCode()).isEqualTo(401);
		HttpTestClient browser = new HttpTestClient(this.port);
		browser.login(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD);
		HttpResponse<String> page = browser.get("/lti/admin/deliveries");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("Grades sent to platforms");
	}

}
