package org.attc.tracker.progress;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.attc.tracker.support.HttpTestClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The people behind each readiness and summary count, with what each lacks and the
 * activity that closes it, per role and scope; the expired list's tier and date; errors
 * in the readiness forms shown beside their field.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ReadinessPeopleHttpTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	PasswordEncoder passwordEncoder;

	HttpTestClient http;

	static ProgressTestData shared;

	/**
	 * In trust B (research nurse): passed D1.1 800 days ago, so it ran out 70 days ago.
	 */
	static long eve;

	ProgressTestData data;

	@BeforeEach
	void setUp() {
		this.http = new HttpTestClient(this.port);
		if (shared == null) {
			shared = ProgressTestData.create(this.http, this.jdbc, this.passwordEncoder);
			eve = shared.learnerWho("eve", "Eve Evans", "D1.1", 800, shared.trustB, "RN");
		}
		this.data = shared;
	}

	private JsonNode api(String user, String path) {
		HttpResponse<String> response = this.data.as(user, this.http.request(path).GET());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return json.readTree(response.body());
	}

	private HttpTestClient signedIn(String user) {
		HttpTestClient browser = new HttpTestClient(this.port);
		assertThat(browser.login(user, this.data.password).headers().firstValue("Location").orElse(""))
			.doesNotContain("error");
		return browser;
	}

	private static List<String> names(JsonNode people) {
		List<String> names = new ArrayList<>();
		people.get("page").get("items").forEach((p) -> names.add(p.get("name").asString()));
		return names;
	}

	private static JsonNode person(JsonNode people, String name) {
		for (JsonNode p : people.get("page").get("items")) {
			if (name.equals(p.get("name").asString())) {
				return p;
			}
		}
		throw new AssertionError("no " + name + " in " + people);
	}

	@Test
	void whoIsNotReadyListsEachPersonWithTheCapabilitiesTheyLackAndTheActivityThatClosesEach() {
		JsonNode people = api(this.data.coordinatorA,
				"/api/progress/readiness/people?organisation=" + this.data.siteA1 + "&role=RN&state=not-ready");
		assertThat(names(people)).containsExactly("Alice Ahmed");
		assertThat(people.get("page").get("total").asInt()).isEqualTo(1);
		assertThat(people.get("roleName").asString()).isEqualTo("Research nurse");
		JsonNode alice = person(people, "Alice Ahmed");
		List<String> codes = alice.get("gaps").findValuesAsString("code");
		// she holds D9.1, so it is not a gap; D1.1 is, and its mapped quiz closes it
		assertThat(codes).contains("D1.1").doesNotContain("D9.1");
		for (JsonNode gap : alice.get("gaps")) {
			if (gap.get("code").asString().equals("D1.1")) {
				assertThat(gap.get("lapsing").asBoolean()).isFalse();
				assertThat(gap.get("status").get("key").asString()).isEqualTo("not_started");
				assertThat(gap.get("routes").findValuesAsString("target")).contains(this.data.activity("D1.1"));
			}
		}
	}

	@Test
	void lapsingListsThoseWhoMeetTheProfileNowButNotByTheDateWithWhatExpires() {
		String by = LocalDate.now(ZoneOffset.UTC).plusDays(60).toString();
		JsonNode people = api(this.data.coordinatorA,
				"/api/progress/readiness/people?organisation=" + this.data.siteA1 + "&role=DM&state=lapsing&by=" + by);
		assertThat(names(people)).containsExactly("Dev Desai");
		JsonNode gaps = person(people, "Dev Desai").get("gaps");
		assertThat(gaps.findValuesAsString("code")).containsExactly("D2.4");
		assertThat(gaps.get(0).get("lapsing").asBoolean()).isTrue();
		assertThat(gaps.get(0).get("expiresAt").isNull()).isFalse();
		assertThat(gaps.get(0).get("routes").findValuesAsString("target")).contains(this.data.activity("D2.4"));
		// before D2.4 runs out he is ready; the counts on the board say the same
		JsonNode meetBy = api(this.data.coordinatorA, "/api/progress/readiness/people?organisation=" + this.data.siteA1
				+ "&role=DM&state=meet-by&by=" + LocalDate.now(ZoneOffset.UTC).plusDays(1));
		assertThat(names(meetBy)).containsExactly("Dev Desai");
	}

	/**
	 * A capability mapped to many activities: the people page names the first per gap and
	 * links to the person's page for the others, so fifty people stay one small page.
	 */
	@Test
	void aGapWithManyActivitiesNamesOneAndLinksToTheOthers() {
		for (int i = 0; i < 4; i++) {
			String payload = "{\"activityId\":\"https://many-" + this.data.suffix + ".test/d24/" + i
					+ "\",\"match\":\"exact\",\"capability\":\"D2.4\",\"tier\":\"T2\",\"validityMonths\":24}";
			HttpResponse<String> created = this.data.asAdmin(this.http.request("/api/mappings")
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(payload)));
			assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		}
		String query = "?organisation=" + this.data.siteA1 + "&role=DM&state=lapsing&by="
				+ LocalDate.now(ZoneOffset.UTC).plusDays(60);
		int routes = person(api(this.data.coordinatorA, "/api/progress/readiness/people" + query), "Dev Desai")
			.get("gaps")
			.get(0)
			.get("routes")
			.size();
		assertThat(routes).isGreaterThanOrEqualTo(5);
		String page = signedIn(this.data.coordinatorA).get("/coordinator/readiness/people" + query).body();
		String gap = page.substring(page.indexOf("data-capability=\"D2.4\""));
		gap = gap.substring(0, gap.indexOf("</li>"));
		assertThat(gap.split("app-break", -1)).hasSize(2);
		assertThat(gap).contains((routes - 1) + " others</a>").contains("/learners/" + this.data.dev + "/capabilities");
	}

	@Test
	void everyCountOnTheReadinessBoardLeadsToAListOfThatManyPeople() {
		HttpTestClient browser = signedIn(this.data.coordinatorA);
		String board = browser.get("/coordinator/readiness").body();
		Matcher links = Pattern
			.compile("<a class=\"govuk-link[^\"]*\" href=\"(/coordinator/readiness/people\\?[^\"]+)\"[^>]*>(\\d+)")
			.matcher(board);
		int followed = 0;
		while (links.find()) {
			String href = HtmlUtils.htmlUnescape(links.group(1));
			int count = Integer.parseInt(links.group(2));
			JsonNode people = api(this.data.coordinatorA, href.replace("/coordinator/", "/api/progress/"));
			assertThat(people.get("page").get("total").asInt()).as(href).isEqualTo(count);
			assertThat(browser.get(href).statusCode()).as(href).isEqualTo(200);
			followed++;
		}
		// staff, not meeting now, meeting now and by the date, per site and role
		assertThat(followed).isGreaterThanOrEqualTo(8);
		assertThat(board).doesNotContain("Cara Clarke");
	}

	@Test
	void everyCountOfTheProgrammeSummaryLeadsToThePeopleBehindIt() {
		HttpTestClient browser = signedIn(this.data.coordinatorB);
		String summary = browser.get("/coordinator/summary").body();
		Matcher links = Pattern.compile("href=\"(/coordinator/readiness/people\\?[^\"]+)\"[^>]*>(\\d+)")
			.matcher(summary);
		int followed = 0;
		while (links.find()) {
			String href = HtmlUtils.htmlUnescape(links.group(1));
			JsonNode people = api(this.data.coordinatorB, href.replace("/coordinator/", "/api/progress/"));
			assertThat(people.get("page").get("total").asInt()).as(href).isEqualTo(Integer.parseInt(links.group(2)));
			followed++;
		}
		assertThat(followed).isGreaterThanOrEqualTo(6);
		JsonNode notMeeting = api(this.data.coordinatorB,
				"/api/progress/readiness/people?organisation=" + this.data.trustB + "&state=not-fully-meeting");
		assertThat(names(notMeeting)).containsExactly("Cara Clarke", "Eve Evans");
	}

	@Test
	void theListsKeepToTheCallersOrganisations() {
		JsonNode all = api(this.data.coordinatorA, "/api/progress/readiness/people?state=all");
		assertThat(names(all)).containsExactly("Alice Ahmed", "Bob Brown", "Dev Desai");
		HttpResponse<String> other = this.data.as(this.data.coordinatorA,
				this.http.request("/api/progress/readiness/people?organisation=" + this.data.trustB).GET());
		assertThat(other.statusCode()).isEqualTo(404);
		assertThat(json.readTree(other.body()).get("field").asString()).isEqualTo("organisation");
		JsonNode b = api(this.data.coordinatorB, "/api/progress/readiness/people?state=all");
		assertThat(names(b)).containsExactly("Cara Clarke", "Eve Evans");
		assertThat(this.data.as(this.data.aliceAccount, this.http.request("/api/progress/readiness/people").GET())
			.statusCode()).isEqualTo(403);
		assertThat(signedIn(this.data.aliceAccount).get("/coordinator/readiness/people").statusCode()).isEqualTo(403);
		assertThat(
				signedIn(this.data.coordinatorA).get("/coordinator/readiness/people?organisation=" + this.data.trustB)
					.statusCode())
			.isEqualTo(404);
		// the administrator sees both trusts' people
		JsonNode admin = json.readTree(this.data.asAdmin(
				this.http.request("/api/progress/readiness/people?state=all&organisation=" + this.data.trustB).GET())
			.body());
		assertThat(names(admin)).containsExactly("Cara Clarke", "Eve Evans");
	}

	@Test
	void aBadFilterStaysOnThePageWithTheErrorBesideTheFieldAndWhatWasTyped() {
		HttpTestClient browser = signedIn(this.data.coordinatorA);
		HttpResponse<String> people = browser.get("/coordinator/readiness/people?state=ready-ish&by=next-week");
		assertThat(people.statusCode()).isEqualTo(400);
		assertThat(people.body())
			.contains("govuk-error-summary", "href=\"#by\"", "href=\"#state\"", "id=\"by-error\"",
					"value=\"next-week\"", "govuk-form-group--error")
			.contains("Enter a date as year-month-day");
		HttpResponse<String> board = browser.get("/coordinator/readiness?by=2001-01-01");
		assertThat(board.statusCode()).isEqualTo(400);
		assertThat(board.body()).contains("href=\"#by\"", "value=\"2001-01-01\"", "The date must be today or later")
			.contains("id=\"site-" + this.data.siteA1 + "\"");
		assertThat(
				this.data.as(this.data.coordinatorA, this.http.request("/api/progress/readiness/people?state=x").GET())
					.body())
			.contains("\"field\":\"state\"");
	}

	@Test
	void aBadTargetShowsTheBoardAgainWithTheErrorBesideThatTarget() {
		HttpTestClient browser = signedIn(this.data.coordinatorA);
		String csrf = HttpTestClient.csrfToken(browser.get("/coordinator/readiness").body());
		HttpResponse<String> saved = browser.postForm("/coordinator/readiness/targets",
				Map.of("_csrf", csrf, "organisation", this.data.siteA1, "role", "RN", "target", "twelve"));
		assertThat(saved.statusCode()).isEqualTo(400);
		String field = "target-" + this.data.siteA1 + "-RN";
		assertThat(saved.body()).contains("govuk-error-summary", "href=\"#" + field + "\"",
				"id=\"" + field + "-error\"", "value=\"twelve\"", "Enter the number of staff the site needs");
	}

	@Test
	void theExpiredListShowsTheTierThatLapsedAndWhenOnEveryRow() {
		JsonNode lists = api(this.data.coordinatorB, "/api/progress/expiring?days=30");
		JsonNode expired = lists.get("expired");
		assertThat(expired.size()).isEqualTo(1);
		JsonNode row = expired.get(0);
		assertThat(row.get("name").asString()).isEqualTo("Eve Evans");
		assertThat(row.get("capabilityCode").asString()).isEqualTo("D1.1");
		// the tier the lapsed credit was for, by the framework's name for it
		assertThat(row.get("tierName").asString()).isEqualTo("Tier 2 – Practitioner");
		// passed 800 days ago, credited for 24 months: ran out about 70 days ago
		java.time.Instant expiresAt = java.time.Instant.parse(row.get("expiresAt").asString());
		java.time.Instant expected = java.time.ZonedDateTime.now(ZoneOffset.UTC)
			.minusDays(800)
			.plusMonths(24)
			.toInstant();
		assertThat(java.time.Duration.between(expiresAt, expected).abs().toDays()).isLessThanOrEqualTo(1);
		String page = signedIn(this.data.coordinatorB).get("/coordinator/expiring").body();
		String table = page.substring(page.indexOf("id=\"expired\""));
		assertThat(table).contains("Eve Evans", ">Tier 2 – Practitioner<");
		assertThat(table).containsPattern("<td class=\"govuk-table__cell\"><span>\\d{1,2} \\w+ \\d{4}</span>");
	}

}
