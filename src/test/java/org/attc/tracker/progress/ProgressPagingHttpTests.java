package org.attc.tracker.progress;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.attc.tracker.support.HttpTestClient;
import org.attc.tracker.support.LrsTestClient;
import org.attc.tracker.support.TestAccounts;
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
 * The paged lists over more than a page of learners (75 nurses of one trust): every page
 * continues where the last ended, all pages together are the whole list in the order the
 * export (computed from every learner's attainment) gives, and what a page counts agrees
 * with the rest. Each page reads only part of the data, so these are the checks that the
 * parts add up.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ProgressPagingHttpTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final int LEARNERS = 75;

	private static final Pattern NEXT = Pattern.compile("id=\"next-page\" href=\"([^\"]+)\"");

	/** Capabilities of the nurses' role profile that the shared data maps (tier T2). */
	private static final List<String> LAPSING = List.of("D9.1", "D2.1", "D2.4");

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	PasswordEncoder passwordEncoder;

	static ProgressTestData data;

	static String trust;

	/** When the expired ones were passed: 800 days ago, credited for 24 months. */
	static Instant expiredPass;

	@BeforeEach
	void setUp() {
		if (data != null) {
			return;
		}
		HttpTestClient http = new HttpTestClient(this.port);
		data = ProgressTestData.create(http, this.jdbc, this.passwordEncoder);
		trust = "TP" + data.suffix;
		check(data.asAdmin(http.request("/api/organisations")
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(
					"{\"code\":\"" + trust + "\",\"name\":\"Paged Trust " + data.suffix + "\",\"kind\":\"TRUST\"}"))));
		StringBuilder csv = new StringBuilder("identifier,name,email,organisations,jobRoles\n");
		for (int i = 0; i < LEARNERS; i++) {
			csv.append("mailto:")
				.append(email(i))
				.append(",Paged Learner ")
				.append(String.format("%02d", i))
				.append(',')
				.append(email(i))
				.append(',')
				.append(trust)
				.append(",RN\n");
		}
		check(data.asAdmin(http.request("/api/learners/import")
			.header("Content-Type", "text/csv")
			.POST(HttpRequest.BodyPublishers.ofString(csv.toString()))));
		// a third hold three capabilities that lapse within 30 days, a third let the same
		// three run out, a third have none; every other one holds D1.1 from today
		Instant now = Instant.now();
		expiredPass = now.minus(Duration.ofDays(800));
		List<String> statements = new ArrayList<>();
		for (int i = 0; i < LEARNERS; i++) {
			for (String capability : LAPSING) {
				if (i % 3 == 0) {
					statements
						.add(passed(i, capability, now.minus(Duration.ofDays(710 + LAPSING.indexOf(capability)))));
				}
				else if (i % 3 == 1) {
					statements.add(passed(i, capability, expiredPass));
				}
			}
			if (i % 2 == 0) {
				statements.add(passed(i, "D1.1", now));
			}
		}
		LrsTestClient.create(http).post(statements.toArray(String[]::new));
		int thirds = (LEARNERS + 2) / 3;
		ProgressTestData.eventually(() -> admin("/api/progress/expiring?days=30&organisation=" + trust),
				(r) -> r.statusCode() == 200 && r.body().contains("\"expiringTotal\":" + thirds * LAPSING.size())
						&& r.body().contains("\"expiredTotal\":" + (LEARNERS / 3) * LAPSING.size()));
		// and every other one holds D1.1, achieved today
		ProgressTestData.eventually(() -> admin("/api/progress/recently-achieved?days=7&organisation=" + trust),
				(r) -> r.statusCode() == 200 && r.body().split("\"learnerId\"").length - 1 == (LEARNERS + 1) / 2);
	}

	@Test
	void theMatrixPagesThroughEveryLearnerOnceInTheExportsOrderWhateverTheSort() {
		for (String sort : List.of("name", "behind", "organisation")) {
			String query = "organisation=" + trust + "&sort=" + sort;
			JsonNode first = get("/api/progress/matrix?" + query);
			assertThat(first.get("rows")).as(sort).hasSize(50);
			assertThat(first.get("total").asInt()).as(sort).isEqualTo(LEARNERS);
			List<Long> paged = follow("/api/progress/matrix?" + query, "after", "next",
					(page) -> ids(page.get("rows"), "learnerId"));
			assertThat(paged).as(sort).hasSize(LEARNERS).doesNotHaveDuplicates();
			assertThat(paged).as(sort).isEqualTo(exportIds("/api/progress/matrix/export?format=csv&" + query, 0));
		}
		// furthest behind first: the share held never falls from one row to the next
		List<Double> shares = new ArrayList<>();
		follow("/api/progress/matrix?organisation=" + trust + "&sort=behind", "after", "next", (page) -> {
			page.get("rows")
				.forEach((r) -> shares.add(r.get("met").asDouble() / Math.max(1, r.get("required").asInt())));
			return List.<Long>of();
		});
		assertThat(shares).hasSize(LEARNERS).isSorted();
	}

	@Test
	void aStatusFilteredMatrixFillsEachPageAndCountsOnlyAListThatEndsWithinIt() {
		// every nurse has required capabilities not started: more than a page
		String query = "organisation=" + trust + "&status=not_started";
		JsonNode first = get("/api/progress/matrix?" + query);
		assertThat(first.get("rows")).hasSize(50);
		// the list goes on beyond the page: not counted (that would read everyone)
		assertThat(first.get("total").isNull()).isTrue();
		assertThat(first.get("next").isNull()).isFalse();
		List<Long> paged = follow("/api/progress/matrix?" + query, "after", "next", (page) -> {
			page.get("rows")
				.forEach((r) -> assertThat(r.get("cells").findValues("key").stream().map(JsonNode::asString))
					.contains("not_started"));
			return ids(page.get("rows"), "learnerId");
		});
		assertThat(paged).hasSize(LEARNERS).isEqualTo(exportIds("/api/progress/matrix/export?format=csv&" + query, 0));

		// a third let capabilities run out: a list that ends within its first page is
		// counted
		JsonNode expired = get("/api/progress/matrix?organisation=" + trust + "&status=expired");
		assertThat(expired.get("total").asInt()).isEqualTo(LEARNERS / 3);
		assertThat(ids(expired.get("rows"), "learnerId"))
			.isEqualTo(exportIds("/api/progress/matrix/export?format=csv&status=expired&organisation=" + trust, 0));
		assertThat(expired.get("next").isNull()).isTrue();
	}

	@Test
	void theExpiryListsPageEachListByItsOwnCursorAndTogetherAreTheExport() {
		String query = "organisation=" + trust + "&days=30";
		JsonNode first = get("/api/progress/expiring?" + query);
		int each = ((LEARNERS + 2) / 3) * LAPSING.size();
		assertThat(first.get("expiringTotal").asInt()).isEqualTo(each);
		assertThat(first.get("expiring")).hasSize(50);
		assertThat(first.get("expired")).hasSize(50);
		List<String> expiring = follow("/api/progress/expiring?" + query, "expiringAfter", "expiringNext",
				(page) -> items(page.get("expiring")));
		List<String> expired = follow("/api/progress/expiring?" + query, "expiredAfter", "expiredNext",
				(page) -> items(page.get("expired")));
		assertThat(expiring).hasSize(each).doesNotHaveDuplicates();
		assertThat(expired).hasSize((LEARNERS / 3) * LAPSING.size()).doesNotHaveDuplicates();
		List<String> exported = exportRows("/api/progress/expiring/export?format=csv&" + query);
		assertThat(exported).containsExactlyElementsOf(concat(expiring, expired));

		// soonest first; an expired one shows the tier that ran out and when (the pass
		// plus the mapping's 24 months), without its evidence being read
		List<Instant> soonest = new ArrayList<>();
		follow("/api/progress/expiring?" + query, "expiringAfter", "expiringNext", (page) -> {
			page.get("expiring").forEach((i) -> soonest.add(Instant.parse(i.get("expiresAt").asString())));
			return List.<String>of();
		});
		assertThat(soonest).isSorted();
		Instant ranOut = expiredPass.atZone(ZoneOffset.UTC).plusMonths(24).toInstant();
		for (JsonNode item : first.get("expired")) {
			assertThat(item.get("tierName").isNull()).isFalse();
			assertThat(Duration.between(ranOut, Instant.parse(item.get("expiresAt").asString())).abs())
				.isLessThan(Duration.ofDays(2));
			assertThat(item.get("status").get("key").asString()).isEqualTo("expired");
		}
	}

	@Test
	void peopleNotReadyComeAPageAtATimeByNameAndAgreeWithTheBoardsCount() {
		JsonNode board = get("/api/progress/readiness?organisation=" + trust);
		JsonNode nurses = board.get("sites").get(0).get("lines").get(0);
		assertThat(nurses.get("roleCode").asString()).isEqualTo("RN");
		int notReady = nurses.get("staff").asInt() - nurses.get("meetNow").asInt();
		assertThat(notReady).isGreaterThan(50);

		String query = "organisation=" + trust + "&role=RN&state=not-ready";
		JsonNode first = get("/api/progress/readiness/people?" + query);
		assertThat(first.get("page").get("total").asInt()).isEqualTo(notReady);
		assertThat(first.get("page").get("items")).hasSize(50);
		List<String> names = new ArrayList<>();
		follow("/api/progress/readiness/people?" + query, "after", "page", (page) -> {
			page.get("page").get("items").forEach((p) -> {
				names.add(p.get("name").asString());
				assertThat(p.get("gaps")).isNotEmpty();
			});
			return List.<String>of();
		});
		assertThat(names).hasSize(notReady).doesNotHaveDuplicates().isSortedAccordingTo(Comparator.naturalOrder());
	}

	@Test
	void nationalViewsReadForTheWholeNetworkAgreeWithEachOrganisationsOwn() {
		// an administrator asking for no organisation: the standings of every learner are
		// read in one pass (through their own indexes), not learner by learner
		String days = "days=30";
		List<String> ownExpiry = exportRows(
				"/api/progress/expiring/export?format=csv&" + days + "&organisation=" + trust);
		assertThat(ownExpiry).hasSize(((LEARNERS + 2) / 3 + LEARNERS / 3) * LAPSING.size());
		assertThat(exportRows("/api/progress/expiring/export?format=csv&" + days)).containsAll(ownExpiry);

		JsonNode own = get("/api/progress/readiness?organisation=" + trust).get("sites").get(0);
		JsonNode national = null;
		for (JsonNode site : get("/api/progress/readiness").get("sites")) {
			if (site.get("code").asString().equals(trust)) {
				national = site;
			}
		}
		assertThat(national).isEqualTo(own);

		// the people behind the national count include this organisation's, with the
		// same gaps
		String people = "role=RN&state=not-ready";
		JsonNode ownPeople = get("/api/progress/readiness/people?organisation=" + trust + "&" + people).get("page");
		Map<Long, JsonNode> everyone = new HashMap<>();
		follow("/api/progress/readiness/people?" + people, "after", "page", (page) -> {
			page.get("page").get("items").forEach((p) -> everyone.put(p.get("learnerId").asLong(), p.get("gaps")));
			return List.<String>of();
		});
		ownPeople.get("items")
			.forEach((p) -> assertThat(everyone.get(p.get("learnerId").asLong())).isEqualTo(p.get("gaps")));

		JsonNode summarised = null;
		for (JsonNode org : get("/api/progress/summary").get("organisations")) {
			if (org.get("key").asString().equals(trust)) {
				summarised = org;
			}
		}
		assertThat(summarised.get("learners").asInt()).isEqualTo(LEARNERS);
		// as the people list counts those holding everything their role profiles ask for
		assertThat(summarised.get("fullyMeeting").asInt())
			.isEqualTo(get("/api/progress/readiness/people?state=fully-meeting&organisation=" + trust).get("page")
				.get("total")
				.asInt());
	}

	@Test
	void theMatrixAndPeoplePagesLinkOnToTheNextPageAndBackToTheFirst() {
		HttpTestClient browser = new HttpTestClient(this.port);
		browser.login(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD);
		for (String list : List.of("/coordinator/matrix?organisation=" + trust,
				"/coordinator/readiness/people?organisation=" + trust + "&role=RN")) {
			HttpResponse<String> first = browser.get(list);
			assertThat(first.statusCode()).isEqualTo(200);
			assertThat(rows(first.body())).as(list).isEqualTo(50);
			// a full page of the matrix, every status cell written, stays under the
			// target
			assertThat(first.body().getBytes(StandardCharsets.UTF_8).length).as(list).isLessThan(300 * 1024);
			assertThat(first.body()).doesNotContain("rel=\"prev\"");
			Matcher next = NEXT.matcher(first.body());
			assertThat(next.find()).as(list).isTrue();
			String href = HtmlUtils.htmlUnescape(next.group(1));
			assertThat(href).contains("organisation=" + trust).contains("after=");
			HttpResponse<String> second = browser.get(href);
			assertThat(rows(second.body())).as(list).isEqualTo(LEARNERS - 50);
			assertThat(second.body()).doesNotContain("id=\"next-page\"")
				.contains("rel=\"prev\"")
				.contains("First page");
		}
		// organisations by name where people read, not by code
		String name = "Paged Trust " + data.suffix;
		assertThat(browser.get("/coordinator/readiness/people?organisation=" + trust + "&role=RN").body())
			.contains("at " + name + ", ready by")
			.contains(name + " · RN")
			.doesNotContain(trust + " · RN");
		assertThat(browser.get("/coordinator/expiring?days=30&organisation=" + trust).body())
			.contains(">" + name + "</td>")
			.doesNotContain(">" + trust + "</td>");
		// filtered by status, a page that the list goes on beyond does not pretend to a
		// count
		String filtered = browser.get("/coordinator/matrix?status=not_started&organisation=" + trust).body();
		assertThat(rows(filtered)).isEqualTo(50);
		assertThat(filtered).contains("More than 50 learners")
			.containsPattern("id=\"next-page\" href=\"[^\"]*status=not_started");
	}

	private static int rows(String html) {
		return html.split("<tr class=\"govuk-table__row\" data-learner=").length - 1;
	}

	/**
	 * Every page of a list, each asked with {@code cursor} set to the last page's
	 * {@code next} ({@code next} "page" reads {@code page.next}), until there is none.
	 */
	private <T> List<T> follow(String first, String cursor, String next, Function<JsonNode, List<T>> items) {
		List<T> all = new ArrayList<>();
		JsonNode page = get(first);
		// a guard against a cursor that does not move on; the national lists of the whole
		// suite's learners run to more pages than one organisation's
		for (int pages = 0; pages < 100; pages++) {
			all.addAll(items.apply(page));
			JsonNode n = next.equals("page") ? page.get("page").get("next") : page.get(next);
			if (n == null || n.isNull()) {
				return all;
			}
			page = get(first + "&" + cursor + "=" + URLEncoder.encode(n.asString(), StandardCharsets.UTF_8));
		}
		throw new AssertionError("more than 100 pages: a cursor does not move on");
	}

	private static List<Long> ids(JsonNode rows, String field) {
		List<Long> ids = new ArrayList<>();
		rows.forEach((r) -> ids.add(r.get(field).asLong()));
		return ids;
	}

	/** Learner and capability of each item. */
	private static List<String> items(JsonNode items) {
		List<String> keys = new ArrayList<>();
		items.forEach((i) -> keys.add(i.get("learnerId").asLong() + " " + i.get("capabilityCode").asString()));
		return keys;
	}

	private static <T> List<T> concat(List<T> a, List<T> b) {
		List<T> all = new ArrayList<>(a);
		all.addAll(b);
		return all;
	}

	/** The learner ids of a CSV export, from column {@code column}. */
	private List<Long> exportIds(String path, int column) {
		List<Long> ids = new ArrayList<>();
		for (String line : exportLines(path)) {
			ids.add(Long.parseLong(line.split(",")[column]));
		}
		return ids;
	}

	/** Learner and capability of each row of the expiry export. */
	private List<String> exportRows(String path) {
		List<String> rows = new ArrayList<>();
		for (String line : exportLines(path)) {
			String[] cells = line.split(",");
			rows.add(cells[1] + " " + cells[4]);
		}
		return rows;
	}

	private List<String> exportLines(String path) {
		HttpResponse<String> export = admin(path);
		assertThat(export.statusCode()).isEqualTo(200);
		String[] lines = export.body().replace("\uFEFF", "").split("\r\n");
		return List.of(lines).subList(1, lines.length);
	}

	private JsonNode get(String path) {
		HttpResponse<String> response = admin(path);
		assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
		return json.readTree(response.body());
	}

	private HttpResponse<String> admin(String path) {
		return data.asAdmin(new HttpTestClient(this.port).request(path).GET());
	}

	private static void check(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isLessThan(300);
	}

	private static String email(int i) {
		return "paged-" + i + "-" + data.suffix + "@nhs.net";
	}

	private static String passed(int i, String capability, Instant when) {
		return "{\"actor\":{\"mbox\":\"mailto:" + email(i) + "\"},"
				+ "\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/passed\"},"
				+ "\"object\":{\"objectType\":\"Activity\",\"id\":\"" + data.activity(capability) + "\"},"
				+ "\"result\":{\"success\":true},\"timestamp\":\"" + when + "\"}";
	}

}
