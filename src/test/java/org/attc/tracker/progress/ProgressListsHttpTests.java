package org.attc.tracker.progress;

import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.attc.tracker.support.HttpTestClient;
import org.attc.tracker.support.LrsTestClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Trends, the "not started" and "recently achieved" lists and the course and framework
 * filters over real HTTP: what they count, and that a coordinator of one trust sees
 * nothing of another's.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ProgressListsHttpTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	PasswordEncoder passwordEncoder;

	HttpTestClient http;

	static ProgressTestData data;

	/** A learner of site A1 with a statement that credits nothing: not started. */
	static long fay;

	/** The course key alice launched from. */
	static String course;

	@BeforeEach
	void setUp() {
		this.http = new HttpTestClient(this.port);
		if (data == null) {
			data = ProgressTestData.create(this.http, this.jdbc, this.passwordEncoder);
			LrsTestClient.create(this.http)
				.post("{\"actor\":{\"mbox\":\"mailto:fay-" + data.suffix
						+ "@nhs.net\",\"name\":\"Fay Foster\"},\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/experienced\"},"
						+ "\"object\":{\"id\":\"" + data.lms + "/mod/page/view.php?id=1\"}}");
			String identifier = URLEncoder.encode("mailto:fay-" + data.suffix + "@nhs.net", StandardCharsets.UTF_8);
			fay = ProgressTestData
				.eventually(() -> data.asAdmin(this.http.request("/api/learners?identifier=" + identifier).GET()),
						(r) -> r.statusCode() == 200)
				.get("id")
				.asLong();
			HttpResponse<String> placed = data.asAdmin(this.http.request("/api/learners/" + fay + "/organisations")
				.header("Content-Type", "application/json")
				.PUT(HttpRequest.BodyPublishers.ofString("{\"organisations\":[\"" + data.siteA1 + "\"]}")));
			assertThat(placed.statusCode()).isEqualTo(200);
			data.asAdmin(this.http.request("/api/learners/" + fay + "/job-roles")
				.header("Content-Type", "application/json")
				.PUT(HttpRequest.BodyPublishers.ofString("{\"jobRoles\":[\"RN\"]}")));
			// alice launched the tool from an LMS course (as lti records every launch)
			long platform = 900_000 + (long) (Math.random() * 99_999);
			this.jdbc.update("INSERT INTO lti_launch (platform_id, deployment_id, subject, message_type, context_id, "
					+ "context_title, app_role, launched_at, learner_id) VALUES (?, 'd1', ?, 'LtiResourceLinkRequest', ?, ?, "
					+ "'LEARNER', NOW(6), ?)", platform, "sub-alice-" + data.suffix, "ctx-" + data.suffix,
					"ATMP induction " + data.suffix, data.alice);
			course = platform + ":ctx-" + data.suffix;
		}
	}

	private JsonNode get(String user, String path) {
		HttpResponse<String> response = data.as(user, this.http.request(path).GET());
		assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(200);
		return json.readTree(response.body());
	}

	private static List<Long> ids(JsonNode items) {
		List<Long> ids = new ArrayList<>();
		items.forEach((i) -> ids.add(i.get("learnerId").asLong()));
		return ids;
	}

	@Test
	void notStartedListsLearnersWithNoEvidenceOfTheCallersTrustOnly() throws Exception {
		JsonNode a = get(data.coordinatorA, "/api/progress/not-started");
		assertThat(ids(a.get("learners"))).containsExactly(fay);
		assertThat(a.get("learners").get(0).get("required").asInt()).isPositive();
		JsonNode b = get(data.coordinatorB, "/api/progress/not-started");
		assertThat(ids(b.get("learners"))).isEmpty();
		HttpResponse<String> other = data.as(data.coordinatorB,
				this.http.request("/api/progress/not-started?organisation=" + data.siteA1).GET());
		assertThat(other.statusCode()).isEqualTo(404);

		HttpResponse<String> csv = data.as(data.coordinatorA,
				this.http.request("/api/progress/not-started/export?format=csv").GET());
		assertThat(csv.statusCode()).isEqualTo(200);
		assertThat(csv.body().split("\r\n")).hasSize(2);
		assertThat(csv.body()).contains("Fay Foster").doesNotContain("Alice Ahmed");
		HttpResponse<byte[]> xlsx = this.http
			.sendForBytes(this.http.request("/api/progress/not-started/export?format=xlsx")
				.header("Authorization", HttpTestClient.basic(data.coordinatorA, data.password))
				.GET());
		assertThat(xlsx.statusCode()).isEqualTo(200);
		try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
			Sheet sheet = book.getSheetAt(0);
			assertThat(sheet.getLastRowNum()).isEqualTo(1);
			assertThat(sheet.getRow(1).getCell(1).getStringCellValue()).isEqualTo("Fay Foster");
		}
	}

	@Test
	void recentlyAchievedListsWhatWasAchievedInTheWindowOfTheCallersTrustOnly() {
		JsonNode a = get(data.coordinatorA, "/api/progress/recently-achieved?days=30");
		List<String> achieved = new ArrayList<>();
		a.get("achievements")
			.forEach((i) -> achieved.add(i.get("name").asString() + " " + i.get("capabilityCode").asString()));
		// alice and dev passed today; bob's D1.1 and dev's D2.4 are 710 days old
		assertThat(achieved).contains("Alice Ahmed D9.1", "Dev Desai D2.1", "Dev Desai D10.1")
			.doesNotContain("Bob Brown D1.1", "Dev Desai D2.4", "Cara Clarke D9.1");
		for (JsonNode i : a.get("achievements")) {
			assertThat(Instant.parse(i.get("achievedAt").asString()))
				.isAfter(Instant.now().minus(java.time.Duration.ofDays(30)));
		}
		JsonNode b = get(data.coordinatorB, "/api/progress/recently-achieved");
		assertThat(ids(b.get("achievements"))).containsOnly(data.cara);
		HttpResponse<String> bad = data.as(data.coordinatorA,
				this.http.request("/api/progress/recently-achieved?days=45").GET());
		assertThat(bad.statusCode()).isEqualTo(400);
		assertThat(json.readTree(bad.body()).get("field").asString()).isEqualTo("days");
		HttpResponse<String> csv = data.as(data.coordinatorA,
				this.http.request("/api/progress/recently-achieved/export?format=csv&organisation=" + data.siteA1)
					.GET());
		assertThat(csv.body()).contains("Alice Ahmed", "D9.1").doesNotContain("Bob Brown");
	}

	@Test
	void trendsThisMonthAgreeWithTheMatrixAndNothingIsHeldBeforeAnyEvidence() {
		JsonNode trend = get(data.coordinatorA, "/api/progress/trends?months=36");
		assertThat(trend.get("months")).hasSize(36);
		// this month, per domain: learners holding every capability of the domain their
		// roles require, counted independently from the matrix
		JsonNode matrix = get(data.coordinatorA, "/api/progress/matrix");
		Map<String, int[]> expected = new HashMap<>();
		JsonNode columns = matrix.get("columns");
		for (JsonNode row : matrix.get("rows")) {
			Map<String, Boolean> heldByDomain = new HashMap<>();
			for (int i = 0; i < columns.size(); i++) {
				JsonNode cell = row.get("cells").get(i);
				// an empty field is left out: nothing required of them here
				if (!cell.hasNonNull("requiredTier")) {
					continue;
				}
				String key = cell.get("status").get("key").asString();
				boolean held = key.equals("achieved") || key.equals("expiring");
				heldByDomain.merge(columns.get(i).get("domain").asString(), held, Boolean::logicalAnd);
			}
			heldByDomain.forEach((domain, held) -> {
				int[] counts = expected.computeIfAbsent(domain, (d) -> new int[2]);
				counts[1]++;
				if (held) {
					counts[0]++;
				}
			});
		}
		assertThat(expected).isNotEmpty();
		Map<String, int[]> actual = new HashMap<>();
		for (JsonNode series : trend.get("domains")) {
			JsonNode last = series.get("points").get(35);
			actual.put(series.get("name").asString(),
					new int[] { last.get("holding").asInt(), last.get("of").asInt() });
			// three years ago nobody held anything yet: the oldest evidence is 710 days
			// old
			assertThat(series.get("points").get(0).get("holding").asInt()).isZero();
		}
		assertThat(actual).containsOnlyKeys(expected.keySet());
		expected.forEach((domain, counts) -> assertThat(actual.get(domain)).as(domain).containsExactly(counts));
		assertThat(expected.values().stream().mapToInt((c) -> c[0]).sum()).isPositive();
	}

	@Test
	void trendsAreScopedToTheCallersOrganisations() {
		JsonNode b = get(data.coordinatorB, "/api/progress/trends");
		List<String> codes = new ArrayList<>();
		b.get("organisations").forEach((o) -> codes.add(o.get("code").asString()));
		assertThat(codes).containsExactly(data.trustB);
		JsonNode a = get(data.coordinatorA, "/api/progress/trends");
		List<String> codesA = new ArrayList<>();
		a.get("organisations").forEach((o) -> codesA.add(o.get("code").asString()));
		assertThat(codesA).contains(data.siteA1).doesNotContain(data.trustB);
		assertThat(
				data.as(data.coordinatorB, this.http.request("/api/progress/trends?organisation=" + data.trustA).GET())
					.statusCode())
			.isEqualTo(404);
		assertThat(data.as(data.aliceAccount, this.http.request("/api/progress/trends").GET()).statusCode())
			.isEqualTo(403);
		HttpResponse<String> bad = data.as(data.coordinatorA,
				this.http.request("/api/progress/trends?months=99").GET());
		assertThat(bad.statusCode()).isEqualTo(400);
		assertThat(json.readTree(bad.body()).get("field").asString()).isEqualTo("months");
		// the page, with the chart's data table
		HttpTestClient browser = new HttpTestClient(this.port);
		browser.login(data.coordinatorB, data.password);
		HttpResponse<String> page = browser.get("/coordinator/trends");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("id=\"table-domains\"", "chart.umd.js")
			.doesNotContain(data.siteA1)
			.doesNotContain("Northgate");
	}

	@Test
	void theMatrixNarrowsToACourseAndToAFrameworkVersion() {
		JsonNode inCourse = get(data.coordinatorA,
				"/api/progress/matrix?course=" + URLEncoder.encode(course, StandardCharsets.UTF_8));
		assertThat(ids(inCourse.get("rows"))).containsExactly(data.alice);
		// the course does not widen the scope: trust B's coordinator sees nobody in it
		JsonNode otherTrust = get(data.coordinatorB,
				"/api/progress/matrix?course=" + URLEncoder.encode(course, StandardCharsets.UTF_8));
		assertThat(otherTrust.get("rows")).isEmpty();
		HttpResponse<String> csv = data.as(data.coordinatorA,
				this.http
					.request("/api/progress/matrix/export?format=csv&course="
							+ URLEncoder.encode(course, StandardCharsets.UTF_8))
					.GET());
		assertThat(csv.body().split("\r\n")).hasSize(2);
		assertThat(csv.body()).contains("Alice Ahmed");
		HttpResponse<String> badCourse = data.as(data.coordinatorA,
				this.http.request("/api/progress/matrix?course=nonsense").GET());
		assertThat(badCourse.statusCode()).isEqualTo(400);
		assertThat(json.readTree(badCourse.body()).get("field").asString()).isEqualTo("course");

		Long version = this.jdbc.queryForObject("SELECT current_version_id FROM fw_framework WHERE illustrative = TRUE "
				+ "AND status = 'PUBLISHED' ORDER BY id LIMIT 1", Long.class);
		JsonNode all = get(data.coordinatorA, "/api/progress/matrix");
		JsonNode illustrative = get(data.coordinatorA, "/api/progress/matrix?framework=" + version);
		assertThat(illustrative.get("columns")).isNotEmpty();
		assertThat(illustrative.get("columns").size()).isLessThanOrEqualTo(all.get("columns").size());
		HttpResponse<String> unknown = data.as(data.coordinatorA,
				this.http.request("/api/progress/matrix?framework=987654321").GET());
		assertThat(unknown.statusCode()).isEqualTo(400);
		assertThat(json.readTree(unknown.body()).get("field").asString()).isEqualTo("framework");
		HttpTestClient browser = new HttpTestClient(this.port);
		browser.login(data.coordinatorA, data.password);
		assertThat(browser.get("/coordinator/matrix").body()).contains("ATMP induction " + data.suffix);
		HttpTestClient otherBrowser = new HttpTestClient(this.port);
		otherBrowser.login(data.coordinatorB, data.password);
		assertThat(otherBrowser.get("/coordinator/matrix").body()).doesNotContain("ATMP induction " + data.suffix);
	}

}
