package org.attc.tracker.crediting;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.attc.tracker.support.Eventually;
import org.attc.tracker.support.HttpTestClient;
import org.attc.tracker.support.LrsTestClient;
import org.attc.tracker.support.TestAccounts;
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
 * The assessor's sign-off page and API, and changing a mapping from the mappings page,
 * over real HTTP with the form login a person uses.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SignOffAndMappingPagesHttpTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	/** The first password identity answered for each account this test made. */
	final Map<String, String> passwords = new HashMap<>();

	HttpTestClient admin;

	String suffix;

	String site;

	@BeforeEach
	void setUp() {
		this.admin = new HttpTestClient(this.port);
		this.suffix = UUID.randomUUID().toString().substring(0, 8);
		this.site = "http://moodle-" + this.suffix + ".test";
	}

	private HttpResponse<String> asAdmin(HttpRequest.Builder request) {
		return this.admin.send(
				request.header("Authorization", HttpTestClient.basic(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD)));
	}

	private static HttpRequest.BodyPublisher body(String text) {
		return HttpRequest.BodyPublishers.ofString(text);
	}

	/** A learner (Moodle user 4 of this test's site) in a trust of this test's own. */
	private long learnerInTrust(String trust) {
		HttpResponse<String> org = asAdmin(this.admin.request("/api/organisations")
			.header("Content-Type", "application/json")
			.POST(body("{\"code\":\"" + trust + "\",\"name\":\"Trust " + trust + "\",\"kind\":\"TRUST\"}")));
		assertThat(org.statusCode()).as(org.body()).isEqualTo(201);
		LrsTestClient.create(this.admin)
			.post(LrsTestClient.moodleLive("034-core.course_module_completion_updated.json", this.site, null));
		String actor = "{\"account\":{\"homePage\":\"" + this.site + "\",\"name\":\"4\"}}";
		long id = Eventually
			.answer(() -> asAdmin(
					this.admin.request("/api/learners?identifier=" + URLEncoder.encode(actor, StandardCharsets.UTF_8))
						.GET()),
					(r) -> r.statusCode() == 200)
			.get("id")
			.asLong();
		HttpResponse<String> assigned = asAdmin(this.admin.request("/api/learners/" + id + "/organisations")
			.header("Content-Type", "application/json")
			.PUT(body("{\"organisations\":[\"" + trust + "\"]}")));
		assertThat(assigned.statusCode()).as(assigned.body()).isEqualTo(200);
		return id;
	}

	/**
	 * A coordinator with assessor rights in one organisation, made through identity's
	 * account API as an administrator would; returns the username.
	 */
	private String assessorOf(String organisationCode) {
		String username = "assessor-" + organisationCode;
		HttpResponse<String> created = asAdmin(this.admin.request("/api/users")
			.header("Content-Type", "application/json")
			.POST(body("{\"username\":\"" + username + "\",\"displayName\":\"Assessor " + organisationCode
					+ "\",\"email\":\"" + username + "@nhs.net\",\"roles\":[\"COORDINATOR\",\"ASSESSOR\"],"
					+ "\"organisations\":[\"" + organisationCode + "\"]}")));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		this.passwords.put(username, json.readTree(created.body()).get("password").asString());
		return username;
	}

	private HttpTestClient signedIn(String username) {
		HttpTestClient browser = new HttpTestClient(this.port);
		HttpResponse<String> login = browser.login(username, this.passwords.get(username));
		assertThat(login.statusCode()).isEqualTo(302);
		assertThat(login.headers().firstValue("Location").orElse("")).doesNotContain("error");
		return browser;
	}

	private static String hidden(String page, String name) {
		Matcher m = Pattern.compile("name=\"" + name + "\"[^>]*value=\"([^\"]+)\"").matcher(page);
		assertThat(m.find()).as("hidden field " + name).isTrue();
		return m.group(1);
	}

	private JsonNode signOffsOf(long learner) {
		JsonNode evidence = json
			.readTree(asAdmin(this.admin.request("/api/learners/" + learner + "/evidence").GET()).body());
		java.util.List<JsonNode> rows = new java.util.ArrayList<>();
		evidence.get("evidence").forEach((e) -> {
			if ("sign_off".equals(e.path("kind").asString(""))) {
				rows.add(e);
			}
		});
		return json.valueToTree(rows);
	}

	@Test
	void anAssessorRecordsASignOffOnceEvenWhenTheFormIsSentTwice() {
		String trust = "T" + this.suffix;
		long learner = learnerInTrust(trust);
		HttpTestClient assessor = signedIn(assessorOf(trust));

		String page = assessor.get("/learners/" + learner + "/sign-offs").body();
		assertThat(page).contains("id=\"sign-off-form\"").contains("D2.1");

		// the comment is required: the page says so and nothing is recorded
		Map<String, String> form = new LinkedHashMap<>();
		form.put("_csrf", HttpTestClient.csrfToken(page));
		form.put("submission", hidden(page, "submission"));
		form.put("capability", "D2.1");
		form.put("tier", "T3");
		form.put("achievedOn", "2026-11-20");
		form.put("validityMonths", "12");
		form.put("comment", "");
		HttpResponse<String> refused = assessor.postForm("/learners/" + learner + "/sign-offs", form);
		assertThat(refused.statusCode()).isEqualTo(200);
		assertThat(refused.body()).contains("id=\"sign-off-faults\"").contains("say what was observed");
		assertThat(signOffsOf(learner)).isEmpty();

		form.put("comment", "Observed reconstitution and administration of an IMP under supervision");
		HttpResponse<String> recorded = assessor.postForm("/learners/" + learner + "/sign-offs", form);
		assertThat(recorded.statusCode()).isEqualTo(302);
		// the same form again (a double click, a retry): still one sign-off
		assertThat(assessor.postForm("/learners/" + learner + "/sign-offs", form).statusCode()).isEqualTo(302);
		JsonNode signOffs = signOffsOf(learner);
		assertThat(signOffs).hasSize(1);
		assertThat(signOffs.get(0).get("tier").asInt()).isEqualTo(3);
		assertThat(signOffs.get(0).path("source").path("recordedBy").asString()).isEqualTo("assessor-" + trust);

		String after = assessor.get("/learners/" + learner + "/sign-offs").body();
		assertThat(after).contains("Sign-off recorded.").contains("Observed reconstitution");
		// a year's validity from the day observed
		assertThat(after).contains("2027-11-20");
	}

	@Test
	void anAssessorOfAnotherTrustCannotSignOffThisLearner() {
		String trust = "T" + this.suffix;
		long learner = learnerInTrust(trust);
		String otherTrust = "U" + this.suffix;
		asAdmin(this.admin.request("/api/organisations")
			.header("Content-Type", "application/json")
			.POST(body("{\"code\":\"" + otherTrust + "\",\"name\":\"Other\",\"kind\":\"TRUST\"}")));
		String outsider = assessorOf(otherTrust);
		HttpTestClient browser = signedIn(outsider);
		assertThat(browser.get("/learners/" + learner + "/sign-offs").statusCode()).isEqualTo(404);
		// a script: HTTP Basic and no session cookie (a session would need the CSRF
		// token)
		HttpTestClient script = new HttpTestClient(this.port);
		HttpResponse<String> api = script.send(script.request("/api/learners/" + learner + "/sign-offs")
			.header("Authorization", HttpTestClient.basic(outsider, this.passwords.get(outsider)))
			.header("Content-Type", "application/json")
			.POST(body("{\"capability\":\"D2.1\",\"tier\":\"T3\",\"comment\":\"observed\"}")));
		assertThat(api.statusCode()).isEqualTo(404);
		assertThat(signOffsOf(learner)).isEmpty();

		// the learner's own trust's assessor may, through the API too
		String insider = assessorOf(trust);
		HttpResponse<String> created = this.admin.send(this.admin.request("/api/learners/" + learner + "/sign-offs")
			.header("Authorization", HttpTestClient.basic(insider, this.passwords.get(insider)))
			.header("Content-Type", "application/json")
			.POST(body("{\"capability\":\"D2.1\",\"tier\":\"T3\",\"comment\":\"observed on the ward\"}")));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		assertThat(signOffsOf(learner)).hasSize(1);
	}

	@Test
	void aMappingIsChangedFromTheMappingsPage() {
		HttpResponse<String> created = asAdmin(this.admin.request("/api/mappings")
			.header("Content-Type", "application/json")
			.POST(body("{\"activityId\":\"" + this.site + "/mod/quiz/view.php?id=10\",\"capability\":\"D2.1\","
					+ "\"tier\":\"T2\",\"validityMonths\":24}")));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		long id = json.readTree(created.body()).get("mapping").get("id").asLong();

		HttpTestClient browser = signedIn(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD);
		String edit = browser.get("/mappings/" + id + "/edit").body();
		assertThat(edit).contains("Change mapping " + id).contains(this.site + "/mod/quiz/view.php?id=10");

		Map<String, String> form = new LinkedHashMap<>();
		form.put("_csrf", HttpTestClient.csrfToken(edit));
		form.put("id", Long.toString(id));
		form.put("activityId", this.site + "/mod/quiz/view.php?id=10");
		form.put("match", "exact");
		form.put("capability", "D2.1");
		form.put("tier", "T3");
		form.put("validityMonths", "36");
		form.put("action", "update");
		HttpResponse<String> saved = browser.postForm("/mappings", form);
		assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
		JsonNode mapping = json.readTree(asAdmin(this.admin.request("/api/mappings/" + id).GET()).body());
		assertThat(mapping.get("tier").asInt()).isEqualTo(3);
		assertThat(mapping.get("validityMonths").asInt()).isEqualTo(36);

		// a bad change is shown on the form and leaves the mapping as it was
		form.put("tier", "T9");
		HttpResponse<String> refused = browser.postForm("/mappings", form);
		assertThat(refused.statusCode()).isEqualTo(200);
		assertThat(refused.body()).contains("no tier T9");
		assertThat(json.readTree(asAdmin(this.admin.request("/api/mappings/" + id).GET()).body()).get("tier").asInt())
			.isEqualTo(3);
	}

	@Test
	void theEditPageOpensOnItsFormWithCapabilityAndTierPickedFromTheFramework() {
		HttpResponse<String> created = asAdmin(this.admin.request("/api/mappings")
			.header("Content-Type", "application/json")
			.POST(body("{\"activityId\":\"" + this.site + "/mod/quiz/view.php?id=11\",\"capability\":\"D2.1\","
					+ "\"tier\":\"T2\"}")));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		long id = json.readTree(created.body()).get("mapping").get("id").asLong();
		HttpTestClient browser = signedIn(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD);
		String edit = browser.get("/mappings/" + id + "/edit").body();
		// the form comes first and takes the focus; the long list is not in the way
		assertThat(edit).containsPattern(
				"<h2 class=\"govuk-heading-m\" id=\"mapping-form-heading\" tabindex=\"-1\" autofocus[^>]*>Change mapping "
						+ id + "</h2>")
			.doesNotContain("id=\"mapping-list\"");
		// the tier is a choice of the framework's tiers, the capability a list to search
		assertThat(edit).contains("<select class=\"govuk-select\" id=\"tier\" name=\"tier\">")
			.containsPattern("<option value=\"2\"\\s+selected=\"selected\">[^<]*Tier 2")
			.contains("list=\"capability-choices\"")
			.containsPattern("<datalist id=\"capability-choices\">[\\s\\S]*<option value=\"D2.1\"");
		String list = browser.get("/mappings").body();
		assertThat(list).contains("id=\"mapping-list\"").contains("href=\"/mappings/" + id + "/edit\"");
	}

	@Test
	void deletingAMappingAsksFirstAndSaysHowManyLearnersLoseCredit() {
		String trust = "T" + this.suffix;
		long learner = learnerInTrust(trust);
		HttpResponse<String> created = asAdmin(this.admin.request("/api/mappings")
			.header("Content-Type", "application/json")
			.POST(body("{\"activityId\":\"" + this.site + "/mod/quiz/view.php?id=10\",\"capability\":\"D2.1\","
					+ "\"tier\":\"T2\"}")));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		long id = json.readTree(created.body()).get("mapping").get("id").asLong();
		// the stored statement is credited by the recompute the new mapping starts
		Eventually.answer(() -> asAdmin(this.admin.request("/api/learners/" + learner + "/evidence").GET()),
				(r) -> r.body().contains("\"mappingId\":" + id) && r.body().contains("\"kind\":\"credit\""));

		HttpTestClient browser = signedIn(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD);
		assertThat(browser.get("/mappings").body()).contains("href=\"/mappings/" + id + "/delete\"")
			.doesNotContain("action=\"/mappings/" + id + "/delete\"");
		HttpResponse<String> ask = browser.get("/mappings/" + id + "/delete");
		assertThat(ask.statusCode()).isEqualTo(200);
		assertThat(ask.body()).contains("Delete mapping " + id + "?")
			.contains("1 learner loses")
			.contains(this.site + "/mod/quiz/view.php?id=10");
		// asking deleted nothing
		assertThat(asAdmin(this.admin.request("/api/mappings/" + id).GET()).statusCode()).isEqualTo(200);

		// a coordinator of a trust may not delete a national mapping: not even asked
		String coordinator = assessorOf(trust);
		assertThat(signedIn(coordinator).get("/mappings/" + id + "/delete").statusCode()).isEqualTo(403);

		HttpResponse<String> deleted = browser.postForm("/mappings/" + id + "/delete",
				Map.of("_csrf", HttpTestClient.csrfToken(ask.body())));
		assertThat(deleted.statusCode()).isEqualTo(302);
		assertThat(asAdmin(this.admin.request("/api/mappings/" + id).GET()).statusCode()).isEqualTo(404);
		Eventually.answer(() -> asAdmin(this.admin.request("/api/learners/" + learner + "/attainment").GET()),
				(r) -> !r.body().contains("\"achieved\""));
	}

	private HttpTestClient signedIn(String username, String password) {
		HttpTestClient browser = new HttpTestClient(this.port);
		assertThat(browser.login(username, password).statusCode()).isEqualTo(302);
		return browser;
	}

}
