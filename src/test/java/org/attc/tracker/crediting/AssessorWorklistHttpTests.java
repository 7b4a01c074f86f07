package org.attc.tracker.crediting;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.attc.tracker.support.Browser;
import org.attc.tracker.support.Eventually;
import org.attc.tracker.support.HttpTestClient;
import org.attc.tracker.support.LrsTestClient;
import org.attc.tracker.support.TestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An assessor's way in, over real HTTP with the form login a person uses: the start page
 * leads to their worklist of sign-offs waiting (learners of their organisations whose
 * role needs a capability no activity credits) and a learner search; the tier is chosen
 * from the framework's tiers; nobody outside the assessor's scope is listed or found, and
 * learners and coordinators without the assessor role are refused. The path from the
 * start page to a sign-off is also walked in Chromium.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class AssessorWorklistHttpTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	final Map<String, String> passwords = new HashMap<>();

	HttpTestClient admin;

	String suffix;

	String trust;

	@BeforeEach
	void setUp() {
		this.admin = new HttpTestClient(this.port);
		this.suffix = UUID.randomUUID().toString().substring(0, 8);
		this.trust = "W" + this.suffix;
		organisation(this.trust);
	}

	private HttpResponse<String> asAdmin(HttpRequest.Builder request) {
		return this.admin.send(
				request.header("Authorization", HttpTestClient.basic(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD)));
	}

	private HttpResponse<String> put(String path, String body) {
		return asAdmin(this.admin.request(path)
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(body)));
	}

	private HttpResponse<String> post(String path, String body) {
		return asAdmin(this.admin.request(path)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	private void organisation(String code) {
		HttpResponse<String> created = post("/api/organisations",
				"{\"code\":\"" + code + "\",\"name\":\"Trust " + code + "\",\"kind\":\"TRUST\"}");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
	}

	/** A research nurse of the given trust, known to the LRS by name and e-mail. */
	private long nurse(String name, String trust) {
		String email = name.toLowerCase().replace(' ', '.') + "@nhs.net";
		LrsTestClient.create(this.admin)
			.post("{\"actor\":{\"mbox\":\"mailto:" + email + "\",\"name\":\"" + name + "\"},"
					+ "\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/experienced\"},"
					+ "\"object\":{\"id\":\"https://elearning.test/" + this.suffix + "/intro\"}}");
		long id = Eventually
			.answer(() -> asAdmin(this.admin
				.request("/api/learners?identifier=" + URLEncoder.encode("mailto:" + email, StandardCharsets.UTF_8))
				.GET()), (r) -> r.statusCode() == 200)
			.get("id")
			.asLong();
		assertThat(
				put("/api/learners/" + id + "/organisations", "{\"organisations\":[\"" + trust + "\"]}").statusCode())
			.isEqualTo(200);
		assertThat(put("/api/learners/" + id + "/job-roles", "{\"jobRoles\":[\"RN\"]}").statusCode()).isEqualTo(200);
		return id;
	}

	private String account(String username, String roles, String organisation, Long learner) {
		HttpResponse<String> created = post("/api/users",
				"{\"username\":\"" + username + "\",\"displayName\":\"" + username + "\",\"email\":\"" + username
						+ "@nhs.net\",\"roles\":[" + roles + "]"
						+ ((organisation != null) ? ",\"organisations\":[\"" + organisation + "\"]" : "")
						+ ((learner != null) ? ",\"learnerId\":" + learner : "") + "}");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		this.passwords.put(username, json.readTree(created.body()).get("password").asString());
		return username;
	}

	private HttpTestClient signedIn(String username) {
		HttpTestClient browser = new HttpTestClient(this.port);
		HttpResponse<String> login = browser.login(username, this.passwords.get(username));
		assertThat(login.headers().firstValue("Location").orElse("")).doesNotContain("error");
		return browser;
	}

	/**
	 * What the learner's own record says waits for an assessor: required capabilities not
	 * held whose "how to close this gap" has no activity (codes).
	 */
	private List<String> withoutActivity(long learner) {
		JsonNode record = json.readTree(asAdmin(this.admin.request("/api/progress/learners/" + learner).GET()).body());
		List<String> codes = new ArrayList<>();
		for (JsonNode profile : record.get("profiles")) {
			for (JsonNode domain : profile.get("domains")) {
				for (JsonNode line : domain.get("capabilities")) {
					if (!"achieved".equals(line.get("status").get("key").asString()) && line.get("routes").isEmpty()) {
						codes.add(line.get("code").asString());
					}
				}
			}
		}
		return codes;
	}

	private static String row(String page, long learner) {
		Matcher m = Pattern.compile("<tr[^>]*data-learner=\"" + learner + "\"[^>]*>(.*?)</tr>", Pattern.DOTALL)
			.matcher(page);
		return m.find() ? m.group(1) : null;
	}

	@Test
	void anAssessorsStartPageLeadsToTheirWorklistAndSearchNotToMyCapabilities() {
		HttpTestClient assessor = signedIn(account("assess-" + this.suffix, "\"ASSESSOR\"", this.trust, null));
		String home = assessor.get("/").body();
		assertThat(home).contains("href=\"/sign-offs\"").contains("Find a learner").doesNotContain("/my/capabilities");
		assertThat(assessor.get("/sign-offs").statusCode()).isEqualTo(200);

		// a learner's start page still offers their own capabilities, and no worklist
		long learner = nurse("Lark Learner " + this.suffix, this.trust);
		HttpTestClient own = signedIn(account("lark-" + this.suffix, "\"LEARNER\"", null, learner));
		assertThat(own.get("/").body()).contains("/my/capabilities").doesNotContain("href=\"/sign-offs\"");
	}

	@Test
	void theWorklistListsWhatNoActivityCreditsAndASignOffAtTheTierChosenClearsIt() {
		long learner = nurse("Wren Whitaker " + this.suffix, this.trust);
		List<String> waiting = withoutActivity(learner);
		assertThat(waiting).as("the sample framework's research nurse needs practical capabilities").isNotEmpty();
		HttpTestClient assessor = signedIn(account("assess-" + this.suffix, "\"ASSESSOR\"", this.trust, null));

		String worklist = assessor.get("/sign-offs").body();
		String row = row(worklist, learner);
		assertThat(row).as("the learner is on the worklist").isNotNull();
		assertThat(row).contains("Wren Whitaker " + this.suffix).contains("/learners/" + learner + "/sign-offs");
		for (String code : waiting) {
			assertThat(row).contains(">" + code + " ");
		}

		// the link of the first capability opens the sign-off form with it chosen
		Matcher link = Pattern
			.compile("href=\"(/learners/" + learner + "/sign-offs\\?capability=[^\"]+&amp;tier=(\\d+))\"")
			.matcher(row);
		assertThat(link.find()).isTrue();
		String form = assessor.get(link.group(1).replace("&amp;", "&")).body();
		String tier = link.group(2);
		// the tier is chosen from the framework's tiers, not typed
		assertThat(form).containsPattern("<select class=\"govuk-select\" id=\"tier\" name=\"tier\"")
			.doesNotContainPattern("<input[^>]*id=\"tier\"")
			.containsPattern("<option value=\"" + tier + "\"\\s+selected=\"selected\">")
			.containsPattern("<option value=\"1\"[^>]*>[^<]*Tier 1");
		Matcher chosen = Pattern.compile("<option value=\"([^\"]+)\"\\s+selected=\"selected\">([^<]+)</option>")
			.matcher(form.substring(form.indexOf("id=\"capability\"")));
		assertThat(chosen.find()).isTrue();
		String capability = chosen.group(1);
		String code = chosen.group(2).split(" ")[0];

		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("_csrf", HttpTestClient.csrfToken(form));
		Matcher submission = Pattern.compile("name=\"submission\" value=\"([^\"]+)\"").matcher(form);
		assertThat(submission.find()).isTrue();
		fields.put("submission", submission.group(1));
		fields.put("capability", capability);
		fields.put("tier", tier);
		fields.put("achievedOn", java.time.LocalDate.now().toString());
		fields.put("comment", "Observed on the ward");
		assertThat(assessor.postForm("/learners/" + learner + "/sign-offs", fields).statusCode()).isEqualTo(302);

		HttpResponse<String> after = Eventually.response(() -> assessor.get("/sign-offs"), (r) -> {
			String left = row(r.body(), learner);
			return left == null || !left.contains(">" + code + " ");
		});
		String left = row(after.body(), learner);
		assertThat(left == null || !left.contains(">" + code + " ")).as("signed off: no longer waiting").isTrue();
		assertThat(withoutActivity(learner)).doesNotContain(code);
	}

	@Test
	void anAssessorFindsTheirLearnersByNameEmailOrNumberAndNobodyElse() {
		long learner = nurse("Quill Quennell " + this.suffix, this.trust);
		String outsideTrust = "X" + this.suffix;
		organisation(outsideTrust);
		long outsider = nurse("Quill Outwood " + this.suffix, outsideTrust);
		HttpTestClient assessor = signedIn(account("assess-" + this.suffix, "\"ASSESSOR\"", this.trust, null));

		for (String query : List.of("quennell " + this.suffix, "quill.quennell", Long.toString(learner))) {
			String page = assessor.get("/sign-offs?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8)).body();
			assertThat(page).as(query)
				.contains("id=\"search-results\"")
				.contains("href=\"/learners/" + learner + "/sign-offs\"");
		}
		String both = assessor.get("/sign-offs?q=" + URLEncoder.encode("Quill", StandardCharsets.UTF_8)).body();
		assertThat(both).contains("/learners/" + learner + "/sign-offs")
			.doesNotContain("/learners/" + outsider + "/sign-offs")
			.doesNotContain("Outwood");
		assertThat(row(assessor.get("/sign-offs").body(), outsider)).isNull();
		// the outsider's sign-off page answers as if there were no such learner
		assertThat(assessor.get("/learners/" + outsider + "/sign-offs").statusCode()).isEqualTo(404);

		// their own assessor sees them
		HttpTestClient theirs = signedIn(account("assess-x-" + this.suffix, "\"ASSESSOR\"", outsideTrust, null));
		assertThat(theirs.get("/sign-offs?q=Outwood").body()).contains("/learners/" + outsider + "/sign-offs");
	}

	@Test
	void inChromiumAnAssessorReachesASignOffFormFromTheStartPageInTwoClicks() {
		long learner = nurse("Sorrel Signoff " + this.suffix, this.trust);
		String assessor = account("assess-" + this.suffix, "\"ASSESSOR\"", this.trust, null);
		ChromeDriver browser = Browser.startOrSkip();
		try {
			browser.get("http://127.0.0.1:" + this.port + "/login");
			browser.findElement(By.id("username")).sendKeys(assessor);
			browser.findElement(By.id("password")).sendKeys(this.passwords.get(assessor));
			browser.findElement(By.cssSelector("button[type=submit]")).click();
			// one: the worklist from the start page
			browser.findElement(By.id("sign-off-worklist")).click();
			WebElement row = browser.findElement(By.cssSelector("tr[data-learner='" + learner + "']"));
			assertThat(row.getText()).contains("Sorrel Signoff " + this.suffix);
			// two: the capability waiting, which opens the form with it and its tier
			// chosen
			WebElement waiting = row.findElement(By.cssSelector("td a"));
			String capability = waiting.getText();
			waiting.click();
			assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Assessor sign-off");
			assertThat(new Select(browser.findElement(By.id("capability"))).getFirstSelectedOption().getText())
				.isEqualTo(capability);
			assertThat(new Select(browser.findElement(By.id("tier"))).getFirstSelectedOption().getAttribute("value"))
				.isNotEmpty();
			browser.findElement(By.id("comment")).sendKeys("Observed the whole procedure");
			browser.findElement(By.id("record-sign-off")).click();
			assertThat(browser.findElement(By.id("sign-off-message")).getText()).contains("Sign-off recorded");
			assertThat(browser.findElement(By.id("sign-offs")).getText()).contains(capability);
		}
		finally {
			browser.quit();
		}
	}

	@Test
	void learnersAndCoordinatorsWithoutTheAssessorRoleAreRefused() {
		long learner = nurse("Rook Refused " + this.suffix, this.trust);
		HttpTestClient own = signedIn(account("rook-" + this.suffix, "\"LEARNER\"", null, learner));
		assertThat(own.get("/sign-offs").statusCode()).isEqualTo(403);
		assertThat(own.get("/sign-offs?q=Rook").statusCode()).isEqualTo(403);
		assertThat(own.get("/learners/" + learner + "/sign-offs").statusCode()).isEqualTo(403);
		HttpTestClient coordinator = signedIn(account("coord-" + this.suffix, "\"COORDINATOR\"", this.trust, null));
		assertThat(coordinator.get("/sign-offs").statusCode()).isEqualTo(403);
		HttpTestClient anonymous = new HttpTestClient(this.port);
		assertThat(anonymous.get("/sign-offs").statusCode()).isEqualTo(302);
	}

}
