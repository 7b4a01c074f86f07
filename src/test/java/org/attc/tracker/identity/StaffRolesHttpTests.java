package org.attc.tracker.identity;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.attc.tracker.progress.ProgressTestData;
import org.attc.tracker.support.HttpTestClient;
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
 * A programme lead (PROGRAMME) reads every organisation's progress, learners and
 * frameworks, and changes nothing: no mappings, accounts, platforms, LRS clients, learner
 * records or readiness targets.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class StaffRolesHttpTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	PasswordEncoder passwordEncoder;

	static ProgressTestData data;

	static String lead;

	static String leadPassword;

	HttpTestClient http;

	@BeforeEach
	void setUp() {
		this.http = new HttpTestClient(this.port);
		if (data == null) {
			data = ProgressTestData.create(this.http, this.jdbc, this.passwordEncoder);
			lead = "lead-" + data.suffix;
			HttpResponse<String> created = data.asAdmin(this.http.request("/api/users")
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + lead
						+ "\",\"displayName\":\"Pat Programme\",\"email\":\"pat@nhs.net\",\"roles\":[\"PROGRAMME\"]}")));
			assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
			leadPassword = json.readTree(created.body()).get("password").asString();
		}
	}

	private HttpResponse<String> lead(String method, String path, String body) {
		return this.http.send(this.http.request(path)
			.header("Authorization", HttpTestClient.basic(lead, leadPassword))
			.header("Content-Type", "application/json")
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody()));
	}

	@Test
	void aProgrammeLeadSeesEveryOrganisationsMatrixLearnersAndSummary() {
		for (String trust : new String[] { data.trustA, data.trustB }) {
			HttpResponse<String> matrix = lead("GET", "/api/progress/matrix?organisation=" + trust, null);
			assertThat(matrix.statusCode()).as(matrix.body()).isEqualTo(200);
		}
		String trustA = lead("GET", "/api/progress/matrix?organisation=" + data.trustA, null).body();
		assertThat(trustA).contains("Alice Ahmed").contains("Bob Brown").doesNotContain("Cara Clarke");
		assertThat(lead("GET", "/api/progress/matrix?organisation=" + data.trustB, null).body())
			.contains("Cara Clarke");

		HttpResponse<String> cara = lead("GET", "/api/learners/" + data.cara, null);
		assertThat(cara.statusCode()).isEqualTo(200);
		assertThat(lead("GET", "/api/progress/learners/" + data.cara, null).statusCode()).isEqualTo(200);
		HttpResponse<String> summary = lead("GET", "/api/progress/summary", null);
		assertThat(summary.statusCode()).isEqualTo(200);
		assertThat(summary.body()).contains(data.trustA).contains(data.trustB);
		HttpResponse<String> export = lead("GET", "/api/progress/matrix/export?format=csv", null);
		assertThat(export.statusCode()).isEqualTo(200);
		assertThat(export.body()).contains("Cara Clarke").contains("Alice Ahmed");
		assertThat(lead("GET", "/api/progress/readiness?organisation=" + data.trustA, null).statusCode())
			.isEqualTo(200);

		HttpTestClient browser = new HttpTestClient(this.port);
		assertThat(browser.login(lead, leadPassword).statusCode()).isEqualTo(302);
		HttpResponse<String> page = browser.get("/coordinator/matrix?organisation=" + data.trustB);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("Cara Clarke");
		assertThat(browser.get("/frameworks").statusCode()).isEqualTo(200);
	}

	@Test
	void aProgrammeLeadChangesNothing() {
		String mapping = "{\"activityId\":\"https://lms.test/lead\",\"match\":\"exact\",\"capability\":\"D9.1\","
				+ "\"tier\":\"T2\",\"validityMonths\":24}";
		assertThat(lead("POST", "/api/mappings", mapping).statusCode()).isEqualTo(403);
		assertThat(lead("GET", "/api/mappings", null).statusCode()).isEqualTo(403);
		assertThat(lead("GET", "/api/users", null).statusCode()).isEqualTo(403);
		assertThat(lead("POST", "/api/users", "{}").statusCode()).isEqualTo(403);
		assertThat(lead("GET", "/api/lrs-clients", null).statusCode()).isEqualTo(403);
		assertThat(lead("GET", "/api/lti/platforms", null).statusCode()).isEqualTo(403);
		assertThat(lead("PUT", "/api/learners/" + data.cara + "/organisations",
				"{\"organisations\":[\"" + data.trustA + "\"]}")
			.statusCode()).isEqualTo(403);
		assertThat(
				lead("POST", "/api/learners/" + data.alice + "/merge", "{\"learnerId\":" + data.bob + "}").statusCode())
			.isEqualTo(403);
		assertThat(lead("PUT", "/api/progress/readiness/targets",
				"{\"organisation\":\"" + data.siteA1 + "\",\"role\":\"RN\",\"target\":3}")
			.statusCode()).isEqualTo(403);
		assertThat(lead("POST", "/api/organisations",
				"{\"code\":\"X" + data.suffix + "\",\"name\":\"X\",\"kind\":\"TRUST\"}")
			.statusCode()).isEqualTo(403);
		// nothing changed
		JsonNode cara = json.readTree(data.asAdmin(this.http.request("/api/learners/" + data.cara).GET()).body());
		assertThat(cara.get("organisations").toString()).contains(data.trustB).doesNotContain(data.trustA);

		HttpTestClient browser = new HttpTestClient(this.port);
		browser.login(lead, leadPassword);
		assertThat(browser.get("/mappings").statusCode()).isEqualTo(403);
		assertThat(browser.get("/admin/users").statusCode()).isEqualTo(403);
		assertThat(browser.get("/lti/admin/platforms").statusCode()).isEqualTo(403);
	}

	@Test
	void aCoordinatorStillSeesOnlyTheirOwnTrust() {
		HttpResponse<String> other = data.as(data.coordinatorA,
				this.http.request("/api/progress/matrix?organisation=" + data.trustB).GET());
		assertThat(other.statusCode()).isIn(403, 404);
		assertThat(data.as(data.coordinatorA, this.http.request("/api/learners/" + data.cara).GET()).statusCode())
			.isEqualTo(404);
		assertThat(data.as(data.coordinatorA, this.http.request("/api/progress/summary").GET()).body())
			.doesNotContain(data.trustB);
	}

	@Test
	void anAssessorSignsOffLearnersOfTheirOrganisationOnly() {
		HttpResponse<String> created = data.asAdmin(this.http.request("/api/users")
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"assessor-" + data.suffix
					+ "\",\"displayName\":\"Asa Assessor\",\"email\":\"asa@nhs.net\",\"roles\":[\"ASSESSOR\"],"
					+ "\"organisations\":[\"" + data.trustA + "\"]}")));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		String password = json.readTree(created.body()).get("password").asString();
		String signOff = "{\"capability\":\"D1.1\",\"tier\":\"T2\",\"comment\":\"observed on the ward\"}";
		HttpResponse<String> inScope = this.http.send(this.http.request("/api/learners/" + data.bob + "/sign-offs")
			.header("Authorization", HttpTestClient.basic("assessor-" + data.suffix, password))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(signOff)));
		assertThat(inScope.statusCode()).as(inScope.body()).isEqualTo(201);
		HttpResponse<String> outOfScope = this.http.send(this.http.request("/api/learners/" + data.cara + "/sign-offs")
			.header("Authorization", HttpTestClient.basic("assessor-" + data.suffix, password))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(signOff)));
		assertThat(outOfScope.statusCode()).isEqualTo(404);
		// an assessor is not a coordinator: no cohort views
		HttpResponse<String> matrix = this.http.send(this.http.request("/api/progress/matrix")
			.header("Authorization", HttpTestClient.basic("assessor-" + data.suffix, password))
			.GET());
		assertThat(matrix.statusCode()).isEqualTo(403);
	}

}
