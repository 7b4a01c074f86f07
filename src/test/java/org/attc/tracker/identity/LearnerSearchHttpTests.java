package org.attc.tracker.identity;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.attc.tracker.progress.ProgressTestData;
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
import org.springframework.web.util.HtmlUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The learners list for staff: searched by name, e-mail address, record number or
 * identifier, a page at a time, and only ever the caller's own organisations' learners.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class LearnerSearchHttpTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final Pattern ROW = Pattern.compile("<tr class=\"govuk-table__row\" data-learner=\"(\\d+)\"");

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	PasswordEncoder passwordEncoder;

	static ProgressTestData shared;

	ProgressTestData data;

	@BeforeEach
	void setUp() {
		if (shared == null) {
			shared = ProgressTestData.create(new HttpTestClient(this.port), this.jdbc, this.passwordEncoder);
		}
		this.data = shared;
	}

	private HttpTestClient signedIn(String user, String password) {
		HttpTestClient browser = new HttpTestClient(this.port);
		assertThat(browser.login(user, password).headers().firstValue("Location").orElse("")).doesNotContain("error");
		return browser;
	}

	private static List<Long> rows(String html) {
		List<Long> ids = new ArrayList<>();
		Matcher m = ROW.matcher(html);
		while (m.find()) {
			ids.add(Long.parseLong(m.group(1)));
		}
		return ids;
	}

	private static String q(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

	@Test
	void findsByTheStartOfANameOrOfAnyWordOfItWhateverTheCapitals() {
		HttpTestClient coordinator = signedIn(this.data.coordinatorA, this.data.password);
		assertThat(rows(coordinator.get("/learners?q=bob").body())).contains(this.data.bob)
			.doesNotContain(this.data.alice, this.data.dev);
		assertThat(rows(coordinator.get("/learners?q=DESAI").body())).containsExactly(this.data.dev);
		assertThat(rows(coordinator.get("/learners?q=" + q("alice-" + this.data.suffix)).body()))
			.containsExactly(this.data.alice);
		assertThat(rows(coordinator.get("/learners?q=" + this.data.bob).body())).containsExactly(this.data.bob);
		HttpResponse<String> page = coordinator.get("/learners?q=ahm");
		assertThat(rows(page.body())).containsExactly(this.data.alice);
		assertThat(page.body()).contains("value=\"ahm\"");
	}

	@Test
	void anIdentifierIsFoundExactlyAndOpensTheRecord() {
		HttpTestClient coordinator = signedIn(this.data.coordinatorA, this.data.password);
		HttpResponse<String> found = coordinator.get("/learners?q=" + q("mailto:dev-" + this.data.suffix + "@nhs.net"));
		assertThat(found.statusCode()).isEqualTo(302);
		assertThat(found.headers().firstValue("Location").orElse("")).endsWith("/learners/" + this.data.dev);
	}

	@Test
	void anIdentifierIsFoundWhateverItsCase() {
		HttpTestClient coordinator = signedIn(this.data.coordinatorA, this.data.password);
		String upper = ("mailto:dev-" + this.data.suffix + "@nhs.net").toUpperCase(java.util.Locale.ROOT);
		HttpResponse<String> page = coordinator.get("/learners?q=" + q(upper));
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(rows(page.body())).containsExactly(this.data.dev);
		// the JSON list searches the same way
		JsonNode found = json.readTree(coordinator.get("/api/learners?q=" + q(upper)).body());
		assertThat(found.get("items").findValues("id").stream().map(JsonNode::asLong).toList())
			.containsExactly(this.data.dev);
		// and another coordinator's learner stays out of sight, in any case
		String cara = ("mailto:cara-" + this.data.suffix + "@nhs.net").toUpperCase(java.util.Locale.ROOT);
		assertThat(rows(coordinator.get("/learners?q=" + q(cara)).body())).isEmpty();
	}

	@Test
	void theJsonListComesAPageAtATimeWithItsTotalAndTheCursorOfTheNext() {
		String word = "Jpager" + this.data.suffix;
		importLearners(word, 53);
		HttpTestClient coordinator = signedIn(this.data.coordinatorA, this.data.password);
		JsonNode first = json.readTree(coordinator.get("/api/learners?q=" + word.toLowerCase()).body());
		assertThat(first.get("size").asInt()).isEqualTo(50);
		assertThat(first.get("total").asInt()).isEqualTo(53);
		List<Long> one = first.get("items").findValues("id").stream().map(JsonNode::asLong).toList();
		assertThat(one).hasSize(50).isSorted();
		assertThat(first.get("items").get(0).get("organisations").get(0).asString()).isEqualTo(this.data.trustA);
		String next = first.get("next").asString();
		JsonNode second = json.readTree(coordinator.get("/api/learners?q=" + word + "&after=" + q(next)).body());
		List<Long> two = second.get("items").findValues("id").stream().map(JsonNode::asLong).toList();
		assertThat(two).hasSize(3).isSorted();
		assertThat(two.get(0)).isGreaterThan(one.get(49));
		assertThat(second.get("total").asInt()).isEqualTo(53);
		assertThat(second.get("next").isNull()).isTrue();
		HttpResponse<String> wrong = coordinator.get("/api/learners?after=page-two");
		assertThat(wrong.statusCode()).isEqualTo(400);
		assertThat(wrong.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
	}

	private void importLearners(String word, int count) {
		StringBuilder csv = new StringBuilder("identifier,name,email,organisations,jobRoles\n");
		for (int i = 0; i < count; i++) {
			String email = word.toLowerCase() + "-" + i + "@nhs.net";
			csv.append("mailto:")
				.append(email)
				.append(',')
				.append(word)
				.append(" Person ")
				.append(i)
				.append(',')
				.append(email)
				.append(',')
				.append(this.data.trustA)
				.append(",RN\n");
		}
		HttpResponse<String> imported = this.data.asAdmin(new HttpTestClient(this.port).request("/api/learners/import")
			.header("Content-Type", "text/csv")
			.POST(HttpRequest.BodyPublishers.ofString(csv.toString())));
		assertThat(imported.statusCode()).as(imported.body()).isLessThan(300);
	}

	@Test
	void searchKeepsToTheCallersOrganisations() {
		HttpTestClient a = signedIn(this.data.coordinatorA, this.data.password);
		assertThat(rows(a.get("/learners?q=cara").body())).doesNotContain(this.data.cara);
		assertThat(rows(a.get("/learners?q=" + this.data.cara).body())).isEmpty();
		assertThat(rows(a.get("/learners").body())).contains(this.data.alice, this.data.bob, this.data.dev)
			.doesNotContain(this.data.cara);
		HttpTestClient b = signedIn(this.data.coordinatorB, this.data.password);
		assertThat(rows(b.get("/learners?q=clarke").body())).containsExactly(this.data.cara);
		HttpTestClient admin = signedIn(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD);
		assertThat(rows(admin.get("/learners?q=" + this.data.suffix).body())).contains(this.data.alice, this.data.cara);
		assertThat(signedIn(this.data.aliceAccount, this.data.password).get("/learners").statusCode()).isEqualTo(403);
	}

	@Test
	void longListsComeAPageAtATimeEachAfterTheLastRecordShown() {
		String word = "Pager" + this.data.suffix;
		importLearners(word, 55);
		HttpTestClient coordinator = signedIn(this.data.coordinatorA, this.data.password);
		String first = coordinator.get("/learners?q=" + word.toLowerCase()).body();
		List<Long> one = rows(first);
		assertThat(one).hasSize(50).isSorted();
		Matcher next = Pattern.compile("id=\"next-page\" href=\"([^\"]+)\"").matcher(first);
		assertThat(next.find()).isTrue();
		String second = coordinator.get(HtmlUtils.htmlUnescape(next.group(1))).body();
		List<Long> two = rows(second);
		assertThat(two).hasSize(5).isSorted();
		assertThat(two.get(0)).isGreaterThan(one.get(49));
		assertThat(second).doesNotContain("id=\"next-page\"").contains("First page");
		assertThat(coordinator.get("/learners?after=page-two").statusCode()).isEqualTo(400);
	}

}
