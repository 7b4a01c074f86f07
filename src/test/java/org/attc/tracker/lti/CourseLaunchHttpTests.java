package org.attc.tracker.lti;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.attc.tracker.lti.internal.platform.PlatformDetails;
import org.attc.tracker.lti.internal.platform.PlatformRegistration;
import org.attc.tracker.lti.internal.platform.PlatformRegistrations;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launch experience of a course (issue #6): a teacher maps an unmapped course (or the
 * link) from inside it and then sees its learners' standing; a learner sees what the
 * course gives them; a launched teacher's scope is their course and nothing else.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class CourseLaunchHttpTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	PlatformRegistrations registrations;

	TestPlatform platform;

	HttpTestClient teacher;

	HttpTestClient learner;

	HttpTestClient admin;

	@BeforeEach
	void registerPlatform() {
		this.platform = new TestPlatform();
		this.registrations.register(new PlatformDetails("Test Moodle", this.platform.issuer, this.platform.clientId,
				List.of(this.platform.deploymentId), this.platform.authUrl(), this.platform.tokenUrl(),
				this.platform.jwksUrl()), PlatformRegistration.Origin.ADMIN);
		this.teacher = new HttpTestClient(this.port);
		this.learner = new HttpTestClient(this.port);
		this.admin = new HttpTestClient(this.port);
	}

	@AfterEach
	void stopPlatform() {
		this.platform.close();
	}

	/**
	 * Moodle course 4: its completion statement names
	 * {@code <site>/course/view.php?id=4}.
	 */
	private HttpResponse<String> launch(HttpTestClient browser, String subject, String name, String role) {
		LtiHttp.Login login = LtiHttp.login(browser, this.platform, Map.of("login_hint", subject));
		String token = this.platform.signedLaunch(login.nonce(),
				(claims) -> claims.subject(subject)
					.claim("name", name)
					.claim("email", subject + "@" + this.platform.clientId + ".example.nhs.uk")
					.claim(TestPlatform.LTI + "roles", List.of(role))
					.claim(TestPlatform.LTI + "context", Map.of("id", "4", "title", "ATMP Handling Induction")));
		HttpResponse<String> response = LtiHttp.launch(browser, token, login.state(), login.cookieHeader());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return response;
	}

	private HttpResponse<String> mapFromThePage(String page, Map<String, String> fields) {
		java.util.Map<String, String> form = new java.util.LinkedHashMap<>(fields);
		form.put("_csrf", HttpTestClient.csrfToken(page));
		return this.teacher.postForm("/lti/home/mappings", form);
	}

	private HttpResponse<String> asAdmin(HttpRequest.Builder request) {
		return this.admin.send(
				request.header("Authorization", HttpTestClient.basic(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD)));
	}

	private static HttpResponse<String> until(java.util.function.Supplier<HttpResponse<String>> call,
			Predicate<String> done) {
		return org.attc.tracker.support.Eventually.response(call, (r) -> done.test(r.body()));
	}

	@Test
	void aTeacherMapsTheUnmappedCourseAndThenSeesTheLearnerCreditedWhoSeesItToo() {
		String learnerPage = launch(this.learner, "4", "Sam Student", TestPlatform.LEARNER).body();
		assertThat(learnerPage).contains("id=\"no-course-mappings\"");

		String teacherPage = launch(this.teacher, "9", "Tess Teacher", TestPlatform.INSTRUCTOR).body();
		assertThat(teacherPage).contains("id=\"course-not-mapped\"")
			.contains("id=\"map-course\"")
			// the picker lists the framework's capabilities under their domains
			.contains("D2.1")
			.contains("<optgroup");

		// a wrong tier is refused with a message that names it, and nothing is stored
		HttpResponse<String> refused = mapFromThePage(teacherPage,
				Map.of("scope", "course", "capability", "D2.1", "tier", "T9", "validityMonths", "24"));
		assertThat(refused.statusCode()).isEqualTo(200);
		assertThat(refused.body()).contains("id=\"mapping-faults\"").contains("no tier T9");
		assertThat(mappingsOfThisCourse()).isEmpty();

		HttpResponse<String> mapped = mapFromThePage(teacherPage,
				Map.of("scope", "course", "capability", "D2.1", "tier", "T2", "validityMonths", "24"));
		assertThat(mapped.body()).contains("id=\"mapping-message\"").contains("id=\"course-mappings\"");
		List<JsonNode> mappings = mappingsOfThisCourse();
		assertThat(mappings).hasSize(1);
		assertThat(mappings.get(0).get("contextId").asString()).isEqualTo("4");
		assertThat(mappings.get(0).get("resourceLinkId").isNull()).isTrue();
		assertThat(mappings.get(0).get("validityMonths").asInt()).isEqualTo(24);

		// before any statement, the learner has not started what the course gives
		assertThat(this.learner.get("/lti/home").body()).contains("id=\"course-standings\"")
			.contains("data-status=\"not_started\"");

		// Moodle's log store reports the course completed, naming the learner by their
		// Moodle account on the platform's site: the same person as the LTI subject
		LrsTestClient.create(this.admin)
			.post(LrsTestClient.moodleLive("123-core.course_completed.json", this.platform.issuer, null));

		until(() -> this.learner.get("/lti/home"), (body) -> body.contains("data-status=\"achieved\""));
		String cohort = until(() -> this.teacher.get("/lti/home"), (body) -> body.contains("data-status=\"achieved\""))
			.body();
		assertThat(cohort).contains("id=\"course-cohort\"").contains("Sam Student").doesNotContain("Tess Teacher</th>");
	}

	@Test
	void aTeacherCanMapJustTheLinkTheyLaunchedThrough() {
		String teacherPage = launch(this.teacher, "9", "Tess Teacher", TestPlatform.INSTRUCTOR).body();
		assertThat(teacherPage).contains("id=\"scope-link\"");
		HttpResponse<String> mapped = mapFromThePage(teacherPage,
				Map.of("scope", "link", "capability", "D2.1", "tier", "T1", "validityMonths", ""));
		assertThat(mapped.body()).contains("id=\"mapping-message\"").contains("This link (Cell therapy basics)");
		List<JsonNode> mappings = mappingsOfThisCourse();
		assertThat(mappings).hasSize(1);
		assertThat(mappings.get(0).get("resourceLinkId").asString()).isEqualTo("link-7");
		assertThat(mappings.get(0).get("validityMonths").isNull()).isTrue();
	}

	@Test
	void aLaunchedTeacherSeesOnlyTheirCourseAndChangesNothingElse() {
		launch(this.learner, "4", "Sam Student", TestPlatform.LEARNER);
		String teacherPage = launch(this.teacher, "9", "Tess Teacher", TestPlatform.INSTRUCTOR).body();

		// the learners API, in the teacher's session, lists the course's learner only
		HttpResponse<String> learners = this.teacher.get("/api/learners");
		assertThat(learners.statusCode()).as(learners.body()).isEqualTo(200);
		JsonNode list = json.readTree(learners.body()).get("items");
		List<String> names = new java.util.ArrayList<>();
		list.forEach((l) -> names.add(l.get("name").asString()));
		assertThat(names).containsExactly("Sam Student");
		long samId = list.get(0).get("id").asLong();

		// a learner of another course (another platform's, even) is not theirs to see
		long otherId = json.readTree(asAdmin(this.admin.request("/api/learners").GET()).body())
			.findValues("id")
			.stream()
			.mapToLong(JsonNode::asLong)
			.filter((id) -> id != samId)
			.findFirst()
			.orElseGet(() -> otherLearner());
		assertThat(this.teacher.get("/api/learners/" + otherId).statusCode()).isEqualTo(404);

		// they may map their own course only
		String csrf = HttpTestClient.csrfToken(teacherPage);
		HttpResponse<String> elsewhere = this.teacher.send(this.teacher.request("/api/mappings")
			.header("Content-Type", "application/json")
			.header("X-CSRF-TOKEN", csrf)
			.POST(HttpRequest.BodyPublishers.ofString("{\"platformIssuer\":\"" + this.platform.issuer
					+ "\",\"contextId\":\"5\",\"capability\":\"D2.1\",\"tier\":\"T1\"}")));
		assertThat(elsewhere.statusCode()).as(elsewhere.body()).isEqualTo(403);
		HttpResponse<String> global = this.teacher.send(this.teacher.request("/api/mappings")
			.header("Content-Type", "application/json")
			.header("X-CSRF-TOKEN", csrf)
			.POST(HttpRequest.BodyPublishers
				.ofString("{\"activityId\":\"https://elsewhere.example/a\",\"capability\":\"D2.1\",\"tier\":\"T1\"}")));
		assertThat(global.statusCode()).isEqualTo(403);

		// someone else's mapping cannot be deleted from a course session
		HttpResponse<String> created = asAdmin(this.admin.request("/api/mappings")
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"activityId\":\"https://elsewhere.example/"
					+ this.platform.clientId + "\",\"capability\":" + "\"D2.1\",\"tier\":\"T1\"}")));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		long foreign = json.readTree(created.body()).get("mapping").get("id").asLong();
		HttpResponse<String> delete = this.teacher
			.send(this.teacher.request("/api/mappings/" + foreign).header("X-CSRF-TOKEN", csrf).DELETE());
		assertThat(delete.statusCode()).isEqualTo(403);
		assertThat(asAdmin(this.admin.request("/api/mappings/" + foreign).GET()).statusCode()).isEqualTo(200);

		// merging learners needs a staff account
		HttpResponse<String> merge = this.teacher.send(this.teacher.request("/api/learners/" + samId + "/merge")
			.header("Content-Type", "application/json")
			.header("X-CSRF-TOKEN", csrf)
			.POST(HttpRequest.BodyPublishers.ofString("{\"learnerId\":" + samId + "}")));
		assertThat(merge.statusCode()).isEqualTo(403);
	}

	private long otherLearner() {
		// a learner nobody launched with: an xAPI actor of its own
		LrsTestClient.create(this.admin)
			.post(LrsTestClient.moodleLive("123-core.course_completed.json",
					"https://other-" + this.platform.clientId + ".example", null));
		String actor = "{\"account\":{\"homePage\":\"https://other-" + this.platform.clientId
				+ ".example\",\"name\":\"4\"}}";
		return org.attc.tracker.support.Eventually.answer(() -> asAdmin(this.admin
			.request("/api/learners?identifier="
					+ java.net.URLEncoder.encode(actor, java.nio.charset.StandardCharsets.UTF_8))
			.GET()), (r) -> r.statusCode() == 200).get("id").asLong();
	}

	private List<JsonNode> mappingsOfThisCourse() {
		JsonNode all = json.readTree(asAdmin(this.admin.request("/api/mappings").GET()).body());
		List<JsonNode> mine = new java.util.ArrayList<>();
		all.forEach((m) -> {
			if (this.platform.issuer.equals(m.path("platformIssuer").asString(null))) {
				mine.add(m);
			}
		});
		return mine;
	}

}
