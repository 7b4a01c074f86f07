package org.attc.tracker.crediting;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import org.attc.tracker.support.Eventually;
import org.attc.tracker.support.HttpTestClient;
import org.attc.tracker.support.LrsTestClient;
import org.attc.tracker.support.TestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole crediting path over real HTTP: statements in through the LRS, mappings
 * through the API, attainment and its explanation out; voiding, expiry, mapping changes
 * and deletion. The statements are Moodle's own (shared/fixtures/xapi/moodle-live), each
 * test on a site address of its own so tests do not see each other's learners.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class CreditingFlowHttpTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	HttpTestClient http;

	String site;

	LrsTestClient lrs;

	@BeforeEach
	void setUp() {
		this.http = new HttpTestClient(this.port);
		this.site = "http://moodle-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
		this.lrs = LrsTestClient.create(this.http);
	}

	private HttpResponse<String> admin(HttpRequest.Builder request) {
		return this.http.send(
				request.header("Authorization", HttpTestClient.basic(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD)));
	}

	private static HttpRequest.BodyPublisher body(String text) {
		return HttpRequest.BodyPublishers.ofString(text);
	}

	private String live(String file, String timestamp) {
		return LrsTestClient.moodleLive(file, this.site, timestamp);
	}

	private List<String> post(String... statements) {
		return this.lrs.post(statements);
	}

	private long createMapping(String mappingJson) {
		HttpResponse<String> response = admin(
				this.http.request("/api/mappings").header("Content-Type", "application/json").POST(body(mappingJson)));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return json.readTree(response.body()).get("mapping").get("id").asLong();
	}

	private String quizMapping(String extra) {
		return "{\"activityId\":\"" + this.site + "/mod/quiz/view.php?id=10\",\"match\":\"exact\","
				+ "\"capability\":\"D2.1\",\"tier\":\"T2\",\"validityMonths\":24" + extra + "}";
	}

	private static String q(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private long learnerOf(String moodleUserId) {
		String actor = "{\"account\":{\"homePage\":\"" + this.site + "\",\"name\":\"" + moodleUserId + "\"}}";
		JsonNode learner = eventually(() -> admin(this.http.request("/api/learners?identifier=" + q(actor)).GET()),
				(r) -> r.statusCode() == 200);
		return learner.get("id").asLong();
	}

	private JsonNode attainmentOf(long learner, Predicate<JsonNode> until) {
		return eventually(() -> admin(this.http.request("/api/learners/" + learner + "/attainment").GET()),
				(r) -> r.statusCode() == 200 && until.test(capability(json.readTree(r.body()), "D2.1")));
	}

	private static JsonNode capability(JsonNode attainment, String code) {
		for (JsonNode c : attainment.get("capabilities")) {
			if (code.equals(c.get("capability").get("code").asString(null))) {
				return c;
			}
		}
		return json.nullNode();
	}

	private static String status(JsonNode capability) {
		return capability.path("status").asString("absent");
	}

	/**
	 * Crediting runs after the LRS commits, on another thread: wait for it, boundedly.
	 */
	private static JsonNode eventually(java.util.function.Supplier<HttpResponse<String>> call,
			Predicate<HttpResponse<String>> done) {
		return Eventually.answer(call, done);
	}

	@Test
	void aPassedQuizCreditsAndAFailedAttemptSentAsCompletedOnlyCountsAsInProgress() {
		createMapping(quizMapping(""));
		post(live("034-core.course_module_completion_updated.json", null),
				live("059-core.course_module_completion_updated.json", null));

		JsonNode passed = capability(attainmentOf(learnerOf("4"), (c) -> "achieved".equals(status(c))), "D2.1");
		assertThat(passed.get("tier").asInt()).isEqualTo(2);
		Instant achieved = Instant.parse(passed.get("achievedAt").asString());
		assertThat(Instant.parse(passed.get("expiresAt").asString()))
			.isEqualTo(achieved.atZone(java.time.ZoneOffset.UTC).plusMonths(24).toInstant());

		long failedLearner = learnerOf("5");
		JsonNode failed = capability(attainmentOf(failedLearner, (c) -> "in_progress".equals(status(c))), "D2.1");
		assertThat(failed.get("tier").isNull()).isTrue();
		JsonNode evidence = json
			.readTree(admin(this.http.request("/api/learners/" + failedLearner + "/evidence").GET()).body());
		assertThat(evidence.get("evidence").get(0).get("kind").asString()).isEqualTo("attempt");
		assertThat(evidence.get("evidence").get(0).get("reason").asString()).contains("result.success is false");
	}

	@Test
	void voidingTheStatementRetractsItsEvidenceWithTheReason() {
		createMapping(quizMapping(""));
		String credited = post(live("090-core.course_module_completion_updated.json", null)).get(0);
		long learner = learnerOf("6");
		attainmentOf(learner, (c) -> "achieved".equals(status(c)));

		String voiding = "{\"actor\":{\"mbox\":\"mailto:lrs-admin@nhs.net\"},\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/voided\","
				+ "\"display\":{\"en-GB\":\"voided\"}},\"object\":{\"objectType\":\"StatementRef\",\"id\":\"" + credited
				+ "\"}}";
		post(voiding);
		attainmentOf(learner, (c) -> "not_started".equals(status(c)) || "absent".equals(status(c)));
		JsonNode evidence = json
			.readTree(admin(this.http.request("/api/learners/" + learner + "/evidence").GET()).body())
			.get("evidence");
		assertThat(evidence.findValuesAsString("kind")).containsExactly("credit", "retraction");
		assertThat(evidence.get(0).get("retracted").asBoolean()).isTrue();
		assertThat(evidence.get(1).get("reason").asString()).contains("voided");
	}

	@Test
	void creditFromLongAgoHasExpired() {
		createMapping(quizMapping(""));
		post(live("090-core.course_module_completion_updated.json", "2021-03-01T09:00:00Z"));
		JsonNode expired = capability(attainmentOf(learnerOf("6"), (c) -> "expired".equals(status(c))), "D2.1");
		assertThat(expired.get("tier").isNull()).isTrue();
	}

	@Test
	void creditRunningOutWithinNinetyDaysIsExpiring() {
		createMapping(quizMapping(""));
		Instant almostTwoYearsAgo = Instant.now().minus(Duration.ofDays(700));
		post(live("090-core.course_module_completion_updated.json", almostTwoYearsAgo.toString()));
		attainmentOf(learnerOf("6"), (c) -> "expiring".equals(status(c)));
	}

	@Test
	void changingAMappingRecomputesFromTheStoredStatements() {
		long mapping = createMapping(quizMapping(""));
		post(live("090-core.course_module_completion_updated.json", null));
		long learner = learnerOf("6");
		attainmentOf(learner, (c) -> "achieved".equals(status(c)));

		// from now on only "passed" credits: Moodle's "completed" no longer does
		HttpResponse<String> changed = admin(this.http.request("/api/mappings/" + mapping)
			.header("Content-Type", "application/json")
			.PUT(body(quizMapping(",\"verbs\":[\"http://adlnet.gov/expapi/verbs/passed\"]"))));
		assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
		long job = json.readTree(changed.body()).get("recomputeJob").asLong();
		JsonNode done = eventually(() -> admin(this.http.request("/api/recompute-jobs/" + job).GET()),
				(r) -> r.body().contains("\"status\":\"DONE\""));
		assertThat(done.get("retracted").asLong()).isGreaterThanOrEqualTo(1);
		attainmentOf(learner, (c) -> "not_started".equals(status(c)) || "absent".equals(status(c)));
	}

	@Test
	void aNewMappingCreditsStatementsStoredBeforeIt() {
		post(live("034-core.course_module_completion_updated.json", null));
		HttpResponse<String> preview = admin(this.http.request("/api/mappings/preview")
			.header("Content-Type", "application/json")
			.POST(body(quizMapping(""))));
		assertThat(preview.statusCode()).as(preview.body()).isEqualTo(200);
		assertThat(json.readTree(preview.body()).get("learners").asInt()).isEqualTo(1);

		createMapping(quizMapping(""));
		attainmentOf(learnerOf("4"), (c) -> "achieved".equals(status(c)));
	}

	@Test
	void deletingAMappingRetractsItsEvidence() {
		long mapping = createMapping(quizMapping(""));
		post(live("034-core.course_module_completion_updated.json", null));
		long learner = learnerOf("4");
		attainmentOf(learner, (c) -> "achieved".equals(status(c)));
		HttpResponse<String> deleted = admin(this.http.request("/api/mappings/" + mapping).DELETE());
		assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(202);
		long job = json.readTree(deleted.body()).get("recomputeJob").asLong();
		assertThat(deleted.headers().firstValue("Location")).hasValue("/api/recompute-jobs/" + job);
		JsonNode done = eventually(() -> admin(this.http.request("/api/recompute-jobs/" + job).GET()),
				(r) -> r.body().contains("\"status\":\"DONE\""));
		assertThat(done.get("retracted").asLong()).isGreaterThanOrEqualTo(1);
		attainmentOf(learner, (c) -> "not_started".equals(status(c)) || "absent".equals(status(c)));
		assertThat(admin(this.http.request("/api/mappings/" + mapping).GET()).statusCode()).isEqualTo(404);
	}

	@Test
	void anInvalidMappingIsRefusedNamingEveryBadField() {
		HttpResponse<String> response = admin(this.http.request("/api/mappings")
			.header("Content-Type", "application/json")
			.POST(body("{\"activityId\":\"not an iri\",\"capability\":\"NO-SUCH\",\"tier\":\"T9\","
					+ "\"verbs\":[\"http://adlnet.gov/expapi/verbs/failed\"],\"minScaledScore\":80}")));
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = json.readTree(response.body());
		assertThat(problem.get("errors").findValuesAsString("field")).contains("activityId", "capability", "verbs",
				"minScaledScore");
	}

	@Test
	void anAssessorSignsOffAPracticalCapability() {
		post(live("034-core.course_module_completion_updated.json", null));
		long learner = learnerOf("4");
		HttpResponse<String> refused = admin(this.http.request("/api/learners/" + learner + "/sign-offs")
			.header("Content-Type", "application/json")
			.POST(body("{\"capability\":\"D2.1\",\"tier\":\"T3\",\"comment\":\"observed\"}")));
		assertThat(refused.statusCode()).as("admins are not assessors").isEqualTo(403);
	}

}
