package org.attc.tracker.progress;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.attc.tracker.support.HttpTestClient;
import org.attc.tracker.support.TestAccounts;
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
 * The progress views over real HTTP, on learning that went through the LRS and the
 * crediting engine: what a learner sees of their own record, what a coordinator sees of
 * their trust and nothing beyond it, filters, exports and the readiness board.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ProgressHttpTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	PasswordEncoder passwordEncoder;

	HttpTestClient http;

	/** Built once: the tests only read it (the readiness test sets its own targets). */
	static ProgressTestData shared;

	ProgressTestData data;

	@BeforeEach
	void setUp() {
		this.http = new HttpTestClient(this.port);
		if (shared == null) {
			shared = ProgressTestData.create(this.http, this.jdbc, this.passwordEncoder);
		}
		this.data = shared;
	}

	/** The API with HTTP Basic; pages with a signed-in session, as a browser has. */
	private HttpResponse<String> as(String user, String path) {
		if (path.startsWith("/api/")) {
			return this.data.as(user, this.http.request(path).GET());
		}
		HttpTestClient browser = new HttpTestClient(this.port);
		HttpResponse<String> login = browser.login(user, this.data.password);
		assertThat(login.statusCode()).isEqualTo(302);
		assertThat(login.headers().firstValue("Location").orElse("")).doesNotContain("error");
		return browser.get(path);
	}

	private static JsonNode line(JsonNode record, String code) {
		for (JsonNode profile : record.get("profiles")) {
			for (JsonNode domain : profile.get("domains")) {
				for (JsonNode line : domain.get("capabilities")) {
					if (code.equals(line.get("code").asString())) {
						return line;
					}
				}
			}
		}
		throw new AssertionError("no " + code + " in " + record);
	}

	private static List<String> learnerNames(JsonNode matrix) {
		List<String> names = new ArrayList<>();
		matrix.get("rows").forEach((r) -> names.add(r.get("name").asString()));
		return names;
	}

	@Test
	void theCourseFilterOffersTheCoursesOfTheCallersLearnersAndNationallyEveryCourse() {
		long platform = 800_000 + (long) (Math.random() * 99_999);
		String title = "Cell therapy course " + this.data.suffix;
		this.jdbc.update("INSERT INTO lti_launch (platform_id, deployment_id, subject, message_type, context_id, "
				+ "context_title, app_role, launched_at, learner_id) VALUES (?, 'd1', ?, 'LtiResourceLinkRequest', ?, ?, "
				+ "'LEARNER', NOW(6), ?)", platform, "sub-course", "ctx-course-" + this.data.suffix, title,
				this.data.dev);
		// an administrator's matrix starts from the organisations; its course filter
		// offers
		// every course a learner launched from (one read, not one per thousand learners)
		HttpTestClient admin = new HttpTestClient(this.port);
		admin.login(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD);
		assertThat(admin.get("/coordinator/matrix").body()).contains(title);
		// a coordinator's, the courses of their own learners only
		assertThat(as(this.data.coordinatorA, "/coordinator/matrix").body()).contains(title);
		assertThat(as(this.data.coordinatorB, "/coordinator/matrix").body()).doesNotContain(title);
	}

	@Test
	void aLearnerSeesEachCapabilityOfTheirRoleWithTierStatusEvidenceAndHowToCloseTheGap() {
		HttpResponse<String> response = as(this.data.aliceAccount, "/api/progress/me");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode record = json.readTree(response.body());
		assertThat(record.get("learnerId").asLong()).isEqualTo(this.data.alice);
		assertThat(record.get("profiles")).hasSize(1);
		JsonNode nurse = record.get("profiles").get(0);
		assertThat(nurse.get("code").asString()).isEqualTo("RN");
		assertThat(nurse.get("total").asInt()).isEqualTo(13);
		assertThat(nurse.get("met").asInt()).isEqualTo(1);

		JsonNode held = line(record, "D9.1");
		assertThat(held.get("status").get("key").asString()).isEqualTo("achieved");
		assertThat(held.get("status").get("text").asString()).isEqualTo("Achieved");
		assertThat(held.get("heldTier").asInt()).isEqualTo(2);
		assertThat(held.get("requiredTier").asInt()).isEqualTo(2);
		assertThat(held.get("expiresAt").isNull()).isFalse();
		assertThat(held.get("evidence")).hasSize(1);
		assertThat(held.get("evidence").get(0).get("activityId").asString()).isEqualTo(this.data.activity("D9.1"));
		assertThat(held.get("evidence").get(0).get("score").asDouble()).isEqualTo(0.85);

		JsonNode gap = line(record, "D1.1");
		assertThat(gap.get("status").get("key").asString()).isEqualTo("not_started");
		assertThat(gap.get("routes").findValuesAsString("target")).contains(this.data.activity("D1.1"));

		HttpResponse<String> page = as(this.data.aliceAccount, "/my/capabilities");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("My capabilities", "Research nurse (RN)", "Achieved", "Not started",
				"How to close this gap", this.data.activity("D1.1"));
		// people read names: the activities' (the IRI is only the link's address), the
		// organisation's; no statement ids
		String text = page.body().replaceAll("href=\"[^\"]*\"", "");
		assertThat(text).contains(">" + this.data.activityName("D1.1") + "<", this.data.activityName("D9.1"),
				"Northgate General " + this.data.suffix);
		assertThat(text).doesNotContain(">" + this.data.activity("D1.1") + "<")
			.doesNotContain(">" + this.data.activity("D9.1") + "<")
			.doesNotContain(">" + this.data.siteA1 + "<")
			.doesNotContainPattern("statement [0-9a-f]{8}-");
	}

	@Test
	void aLearnerCannotSeeAnotherLearnerNorTheCoordinatorViews() {
		String alice = this.data.aliceAccount;
		assertThat(as(alice, "/api/progress/learners/" + this.data.alice).statusCode()).isEqualTo(200);
		HttpResponse<String> other = as(alice, "/api/progress/learners/" + this.data.bob);
		assertThat(other.statusCode()).isEqualTo(404);
		assertThat(other.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(as(alice, "/learners/" + this.data.bob + "/capabilities").statusCode()).isEqualTo(404);
		assertThat(as(alice, "/api/progress/matrix").statusCode()).isEqualTo(403);
		assertThat(as(alice, "/coordinator/matrix").statusCode()).isEqualTo(403);
		assertThat(as(alice, "/coordinator/matrix/export?format=csv").statusCode()).isEqualTo(403);
		assertThat(as(alice, "/api/progress/readiness").statusCode()).isEqualTo(403);
	}

	@Test
	void aCoordinatorSeesTheirTrustAndItsSitesButNotAnotherTrust() {
		String coordinator = this.data.coordinatorA;
		assertThat(as(coordinator, "/api/progress/learners/" + this.data.alice).statusCode()).isEqualTo(200);
		assertThat(as(coordinator, "/learners/" + this.data.bob + "/capabilities").statusCode()).isEqualTo(200);
		assertThat(as(coordinator, "/api/progress/learners/" + this.data.cara).statusCode()).isEqualTo(404);
		assertThat(as(coordinator, "/learners/" + this.data.cara + "/capabilities").statusCode()).isEqualTo(404);
		// and the other way round
		assertThat(as(this.data.coordinatorB, "/api/progress/learners/" + this.data.alice).statusCode()).isEqualTo(404);

		JsonNode matrix = json.readTree(as(coordinator, "/api/progress/matrix").body());
		assertThat(learnerNames(matrix)).containsExactly("Alice Ahmed", "Bob Brown", "Dev Desai");

		HttpResponse<String> foreign = as(coordinator, "/api/progress/matrix?organisation=" + this.data.trustB);
		assertThat(foreign.statusCode()).isEqualTo(404);
		assertThat(json.readTree(foreign.body()).get("field").asString()).isEqualTo("organisation");
		assertThat(as(coordinator, "/coordinator/matrix?organisation=" + this.data.trustB).statusCode()).isEqualTo(404);
		assertThat(as(coordinator, "/coordinator/matrix").body()).doesNotContain("Cara Clarke");
		assertThat(as(coordinator, "/coordinator/expiring/export?format=csv").body()).doesNotContain("Cara Clarke");
	}

	@Test
	void theMatrixFiltersBySiteRoleAndStatus() {
		String coordinator = this.data.coordinatorA;
		JsonNode site = json.readTree(as(coordinator, "/api/progress/matrix?organisation=" + this.data.siteA1).body());
		assertThat(learnerNames(site)).containsExactly("Alice Ahmed", "Dev Desai");

		JsonNode nurses = json.readTree(as(coordinator, "/api/progress/matrix?role=RN").body());
		assertThat(learnerNames(nurses)).containsExactly("Alice Ahmed", "Bob Brown");
		assertThat(nurses.get("columns")).hasSize(13);

		JsonNode expiring = json.readTree(as(coordinator, "/api/progress/matrix?status=expiring").body());
		assertThat(learnerNames(expiring)).containsExactly("Bob Brown", "Dev Desai");

		HttpResponse<String> bad = as(coordinator, "/api/progress/matrix?status=finished");
		assertThat(bad.statusCode()).isEqualTo(400);
		assertThat(json.readTree(bad.body()).get("field").asString()).isEqualTo("status");
		HttpResponse<String> badPage = as(coordinator, "/coordinator/matrix?status=finished");
		assertThat(badPage.statusCode()).isEqualTo(400);
		assertThat(badPage.body()).contains("Must be one of not_started");
	}

	@Test
	void theExpiryListsShowWhatRunsOutWithinTheWindow() {
		String coordinator = this.data.coordinatorA;
		JsonNode lists = json.readTree(as(coordinator, "/api/progress/expiring?days=30").body());
		assertThat(lists.get("expiring").findValuesAsString("name")).containsExactlyInAnyOrder("Bob Brown",
				"Dev Desai");
		assertThat(lists.get("expiring").findValuesAsString("capabilityCode")).containsExactlyInAnyOrder("D1.1",
				"D2.4");
		HttpResponse<String> bad = as(coordinator, "/api/progress/expiring?days=45");
		assertThat(bad.statusCode()).isEqualTo(400);
		assertThat(json.readTree(bad.body()).get("field").asString()).isEqualTo("days");
	}

	@Test
	void exportsCarryTheFiltersInCsvAndXlsx() throws java.io.IOException {
		String coordinator = this.data.coordinatorA;
		HttpResponse<String> csv = as(coordinator, "/coordinator/matrix/export?role=RN&format=csv");
		assertThat(csv.statusCode()).isEqualTo(200);
		assertThat(csv.headers().firstValue("Content-Disposition").orElse("")).contains("attachment",
				"capability-matrix");
		String[] lines = csv.body().split("\r\n");
		assertThat(lines).hasSize(3);
		assertThat(lines[0]).contains("Learner id", "D9.1");
		assertThat(lines[1]).contains("Alice Ahmed", "Achieved");
		assertThat(lines[2]).contains("Bob Brown", "Expiring soon");

		HttpResponse<byte[]> xlsx = this.http.sendForBytes(
				this.http.request("/api/progress/matrix/export?organisation=" + this.data.siteA1 + "&format=xlsx")
					.header("Authorization", HttpTestClient.basic(coordinator, this.data.password))
					.GET());
		assertThat(xlsx.statusCode()).isEqualTo(200);
		try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
			Sheet sheet = workbook.getSheetAt(0);
			List<String> names = new ArrayList<>();
			for (Row row : sheet) {
				if (row.getRowNum() > 0) {
					names.add(row.getCell(1).getStringCellValue());
				}
			}
			assertThat(names).containsExactly("Alice Ahmed", "Dev Desai");
			assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("Learner id");
		}
		assertThat(as(coordinator, "/api/progress/matrix/export?format=pdf").statusCode()).isEqualTo(400);
		assertThat(new String(csv.body().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
			.startsWith("\uFEFF");
	}

	@Test
	void theReadinessBoardComparesStaffWhoMeetTheProfileWithTheTargetNowAndByTheDate() {
		String coordinator = this.data.coordinatorA;
		HttpResponse<String> set = this.data.as(coordinator,
				this.http.request("/api/progress/readiness/targets")
					.header("Content-Type", "application/json")
					.PUT(HttpRequest.BodyPublishers
						.ofString("{\"organisation\":\"" + this.data.siteA1 + "\",\"role\":\"DM\",\"target\":1}")));
		assertThat(set.statusCode()).as(set.body()).isEqualTo(200);

		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		JsonNode soon = dataManagers(coordinator, today.plusDays(5));
		assertThat(soon.get("staff").asInt()).isEqualTo(1);
		assertThat(soon.get("meetNow").asInt()).isEqualTo(1);
		assertThat(soon.get("meetBy").asInt()).isEqualTo(1);
		assertThat(soon.get("state").asString()).isEqualTo("READY");

		JsonNode later = dataManagers(coordinator, today.plusDays(60));
		assertThat(later.get("meetBy").asInt()).isEqualTo(0);
		assertThat(later.get("state").asString()).isEqualTo("AT_RISK");
		assertThat(later.get("lapsing").findValuesAsString("name")).containsExactly("Dev Desai");
		assertThat(later.get("lapsing").findValuesAsString("capabilityCode")).containsExactly("D2.4");

		this.data.as(coordinator,
				this.http.request("/api/progress/readiness/targets")
					.header("Content-Type", "application/json")
					.PUT(HttpRequest.BodyPublishers
						.ofString("{\"organisation\":\"" + this.data.siteA1 + "\",\"role\":\"DM\",\"target\":2}")));
		assertThat(dataManagers(coordinator, today.plusDays(5)).get("state").asString()).isEqualTo("NOT_READY");

		HttpResponse<String> foreign = this.data.as(coordinator,
				this.http.request("/api/progress/readiness/targets")
					.header("Content-Type", "application/json")
					.PUT(HttpRequest.BodyPublishers
						.ofString("{\"organisation\":\"" + this.data.trustB + "\",\"role\":\"DM\",\"target\":1}")));
		assertThat(foreign.statusCode()).isEqualTo(404);
		HttpResponse<String> negative = this.data.as(coordinator,
				this.http.request("/api/progress/readiness/targets")
					.header("Content-Type", "application/json")
					.PUT(HttpRequest.BodyPublishers
						.ofString("{\"organisation\":\"" + this.data.siteA1 + "\",\"role\":\"DM\",\"target\":-1}")));
		assertThat(negative.statusCode()).isEqualTo(400);
		assertThat(json.readTree(negative.body()).get("field").asString()).isEqualTo("target");
		HttpResponse<String> badDate = as(coordinator, "/api/progress/readiness?by=next-week");
		assertThat(badDate.statusCode()).isEqualTo(400);
		assertThat(json.readTree(badDate.body()).get("field").asString()).isEqualTo("by");

		// the board as a download, for the same site and date
		HttpResponse<String> csv = as(coordinator, "/coordinator/readiness/export?organisation=" + this.data.siteA1
				+ "&by=" + today.plusDays(60) + "&format=csv");
		assertThat(csv.statusCode()).isEqualTo(200);
		assertThat(csv.headers().firstValue("Content-Disposition").orElse("")).contains("site-readiness");
		String[] lines = csv.body().split("\r\n");
		assertThat(lines[0]).contains("Site", "Role profile", "Meet on " + today.plusDays(60), "Target", "State");
		assertThat(lines).anySatisfy((line) -> assertThat(line).startsWith(this.data.siteA1 + ",")
			.contains(",DM,", ",1,1,0,2,Not ready,", "Dev Desai (D2.4"));
		assertThat(csv.body()).doesNotContain(this.data.trustB);
		assertThat(this.http
			.sendForBytes(this.http.request("/api/progress/readiness/export?format=xlsx")
				.header("Authorization", HttpTestClient.basic(coordinator, this.data.password))
				.GET())
			.statusCode()).isEqualTo(200);
	}

	@Test
	void theMatrixSortsByNameFurthestBehindFirstOrByOrganisation() {
		String coordinator = this.data.coordinatorA;
		JsonNode byName = json.readTree(as(coordinator, "/api/progress/matrix").body()).get("rows");
		JsonNode behind = json.readTree(as(coordinator, "/api/progress/matrix?sort=behind").body()).get("rows");
		List<String> names = new ArrayList<>();
		byName.forEach((r) -> names.add(r.get("name").asString()));
		assertThat(names).isSortedAccordingTo(String.CASE_INSENSITIVE_ORDER);
		List<Double> shares = new ArrayList<>();
		behind.forEach((r) -> shares
			.add((r.get("required").asInt() == 0) ? 2.0 : r.get("met").asDouble() / r.get("required").asDouble()));
		assertThat(shares).hasSize(names.size()).isSorted();
		assertThat(shares.get(0)).isLessThan(shares.get(shares.size() - 1));
		JsonNode byOrganisation = json.readTree(as(coordinator, "/api/progress/matrix?sort=organisation").body())
			.get("rows");
		List<String> organisations = new ArrayList<>();
		byOrganisation.forEach((r) -> {
			List<String> codes = new ArrayList<>();
			r.get("organisations").forEach((o) -> codes.add(o.asString()));
			organisations.add(String.join(" ", codes));
		});
		assertThat(organisations).isSorted();
		// the page keeps the choice, and its exports carry it
		String page = as(coordinator, "/coordinator/matrix?sort=behind").body();
		assertThat(page).containsPattern("<option value=\"behind\"\\s+selected");
		assertThat(page).contains("sort=behind&amp;format=csv");
		HttpResponse<String> bad = as(coordinator, "/api/progress/matrix?sort=age");
		assertThat(bad.statusCode()).isEqualTo(400);
		assertThat(json.readTree(bad.body()).get("field").asString()).isEqualTo("sort");
	}

	@Test
	void theSummaryCountsOnlyTheCallersOrganisationsAndAnAdministratorSeesThemAll() {
		JsonNode mine = json.readTree(as(this.data.coordinatorA, "/api/progress/summary").body());
		assertThat(mine.get("learners").asInt()).isEqualTo(3);
		assertThat(mine.get("organisations").findValuesAsString("key")).containsExactlyInAnyOrder(this.data.trustA,
				this.data.siteA1);
		JsonNode dataManagers = null;
		for (JsonNode role : mine.get("roles")) {
			if (role.get("key").asString().equals("DM")) {
				dataManagers = role;
			}
		}
		assertThat(dataManagers).isNotNull();
		assertThat(dataManagers.get("learners").asInt()).isEqualTo(1);
		assertThat(dataManagers.get("held").asInt()).isEqualTo(5);
		assertThat(dataManagers.get("required").asInt()).isEqualTo(6);

		JsonNode national = json.readTree(this.data.asAdmin(this.http.request("/api/progress/summary").GET()).body());
		assertThat(national.get("organisations").findValuesAsString("key")).contains(this.data.trustA, this.data.siteA1,
				this.data.trustB);
		assertThat(as(this.data.aliceAccount, "/api/progress/summary").statusCode()).isEqualTo(403);
		HttpResponse<String> csv = as(this.data.coordinatorA, "/coordinator/summary/export?format=csv");
		assertThat(csv.statusCode()).isEqualTo(200);
		assertThat(csv.body()).contains("Organisation," + this.data.trustA + ",", "Role profile,DM,")
			.doesNotContain(this.data.trustB);
		assertThat(as(this.data.aliceAccount, "/api/progress/summary/export?format=csv").statusCode()).isEqualTo(403);
		assertThat(as(this.data.coordinatorA, "/coordinator/summary").body()).contains("Programme summary")
			.doesNotContain(this.data.trustB);
	}

	private JsonNode dataManagers(String coordinator, LocalDate by) {
		JsonNode board = json
			.readTree(as(coordinator, "/api/progress/readiness?organisation=" + this.data.siteA1 + "&by=" + by).body());
		for (JsonNode site : board.get("sites")) {
			if (site.get("code").asString().equals(this.data.siteA1)) {
				for (JsonNode line : site.get("lines")) {
					if (line.get("roleCode").asString().equals("DM")) {
						return line;
					}
				}
			}
		}
		throw new AssertionError("no DM line for the site in " + board);
	}

}
