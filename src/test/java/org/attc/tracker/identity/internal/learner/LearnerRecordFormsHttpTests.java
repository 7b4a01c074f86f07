package org.attc.tracker.identity.internal.learner;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A coordinator sets a learner's organisations and job roles on the learner record page,
 * within their scope and without dropping organisations outside it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class LearnerRecordFormsHttpTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	PasswordEncoder passwordEncoder;

	HttpTestClient admin;

	String suffix;

	@BeforeEach
	void setUp() {
		this.admin = new HttpTestClient(this.port);
		this.suffix = UUID.randomUUID().toString().substring(0, 8);
	}

	private HttpResponse<String> asAdmin(HttpRequest.Builder request) {
		return this.admin.send(
				request.header("Authorization", HttpTestClient.basic(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD)));
	}

	private void trust(String code) {
		HttpResponse<String> response = asAdmin(this.admin.request("/api/organisations")
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers
				.ofString("{\"code\":\"" + code + "\",\"name\":\"Trust " + code + "\",\"kind\":\"TRUST\"}")));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
	}

	private JsonNode learner(long id) {
		return json.readTree(asAdmin(this.admin.request("/api/learners/" + id).GET()).body());
	}

	private static List<String> texts(JsonNode array) {
		List<String> values = new ArrayList<>();
		array.forEach((v) -> values.add(v.asString()));
		return values;
	}

	@Test
	void aCoordinatorSetsOrganisationsAndJobRolesFromTheLearnerPage() {
		String mine = "A" + this.suffix;
		String theirs = "B" + this.suffix;
		trust(mine);
		trust(theirs);
		String site = "http://moodle-" + this.suffix + ".test";
		LrsTestClient.create(this.admin)
			.post(LrsTestClient.moodleLive("034-core.course_module_completion_updated.json", site, null));
		String actor = "{\"account\":{\"homePage\":\"" + site + "\",\"name\":\"4\"}}";
		long id = Eventually
			.answer(() -> asAdmin(
					this.admin.request("/api/learners?identifier=" + URLEncoder.encode(actor, StandardCharsets.UTF_8))
						.GET()),
					(r) -> r.statusCode() == 200)
			.get("id")
			.asLong();
		asAdmin(this.admin.request("/api/learners/" + id + "/organisations")
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString("{\"organisations\":[\"" + mine + "\",\"" + theirs + "\"]}")));

		String username = "coord-" + this.suffix;
		this.jdbc.update("INSERT INTO id_user_account (username, password_hash, display_name, enabled, created_at) "
				+ "VALUES (?, ?, ?, TRUE, NOW(6))", username, this.passwordEncoder.encode("pw"), username);
		Long account = this.jdbc.queryForObject("SELECT id FROM id_user_account WHERE username = ?", Long.class,
				username);
		this.jdbc.update("INSERT INTO id_user_account_role (account_id, role) VALUES (?, 'COORDINATOR')", account);
		this.jdbc.update("INSERT INTO id_user_account_organisation (account_id, organisation_id) "
				+ "SELECT ?, id FROM id_organisation WHERE code = ?", account, mine);
		HttpTestClient coordinator = new HttpTestClient(this.port);
		assertThat(coordinator.login(username, "pw").statusCode()).isEqualTo(302);

		String page = coordinator.get("/learners/" + id).body();
		// only the coordinator's own organisation is offered
		assertThat(page).contains("id=\"organisations-form\"")
			.contains("value=\"" + mine + "\"")
			.doesNotContain("value=\"" + theirs + "\"");

		HttpResponse<String> roles = coordinator.postForm("/learners/" + id + "/job-roles",
				Map.of("_csrf", HttpTestClient.csrfToken(page), "jobRoles", "CTP, RN"));
		assertThat(roles.statusCode()).isEqualTo(302);
		assertThat(texts(learner(id).get("jobRoles"))).containsExactlyInAnyOrder("CTP", "RN");

		// un-ticking their own trust keeps the other trust, which the form never showed
		HttpResponse<String> orgs = coordinator.postForm("/learners/" + id + "/organisations",
				Map.of("_csrf", HttpTestClient.csrfToken(page)));
		assertThat(orgs.statusCode()).isEqualTo(302);
		assertThat(texts(learner(id).get("organisations"))).containsExactly(theirs);
		// and the learner has left the coordinator's scope
		assertThat(coordinator.get("/learners/" + id).statusCode()).isEqualTo(404);
	}

}
