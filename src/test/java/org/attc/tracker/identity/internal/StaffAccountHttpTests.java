package org.attc.tracker.identity.internal;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.attc.tracker.support.HttpTestClient;
import org.attc.tracker.support.TestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Administrators manage staff accounts over the API and the pages: the first password is
 * answered once and stored as a hash, bad input is refused naming the field, disabling
 * keeps the account and stops its sign-in, every change is audited.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class StaffAccountHttpTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	HttpTestClient http;

	final String suffix = UUID.randomUUID().toString().substring(0, 8);

	String trust;

	@BeforeEach
	void setUp() {
		this.http = new HttpTestClient(this.port);
		this.trust = "AT" + this.suffix;
		HttpResponse<String> org = asAdmin("POST", "/api/organisations",
				"{\"code\":\"" + this.trust + "\",\"name\":\"Accounts Test Trust\",\"kind\":\"TRUST\"}");
		assertThat(org.statusCode()).as(org.body()).isEqualTo(201);
	}

	private HttpResponse<String> asAdmin(String method, String path, String body) {
		return as(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD, method, path, body);
	}

	private HttpResponse<String> as(String user, String password, String method, String path, String body) {
		HttpRequest.Builder request = this.http.request(path)
			.header("Authorization", HttpTestClient.basic(user, password))
			.header("Content-Type", "application/json")
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		return this.http.send(request);
	}

	private String coordinatorJson(String username) {
		return "{\"username\":\"" + username + "\",\"displayName\":\"Cora Ordinator\",\"email\":\"" + username
				+ "@nhs.net\",\"roles\":[\"COORDINATOR\"],\"organisations\":[\"" + this.trust + "\"]}";
	}

	private JsonNode create(String body) {
		HttpResponse<String> response = asAdmin("POST", "/api/users", body);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return json.readTree(response.body());
	}

	@Test
	void anAdministratorCreatesACoordinatorWhoSignsInWithThePasswordAnsweredOnce() {
		String username = "cora-" + this.suffix;
		JsonNode created = create(coordinatorJson(username));
		String password = created.get("password").asString();
		assertThat(password).hasSizeGreaterThanOrEqualTo(20);
		JsonNode account = created.get("account");
		assertThat(account.get("username").asString()).isEqualTo(username);
		assertThat(account.get("roles").toString()).contains("COORDINATOR");
		assertThat(account.get("organisations").get(0).asString()).isEqualTo(this.trust);
		assertThat(account.has("password")).isFalse();

		String hash = this.jdbc.queryForObject("SELECT password_hash FROM id_user_account WHERE username = ?",
				String.class, username);
		assertThat(hash).startsWith("{bcrypt}").doesNotContain(password);

		// the coordinator signs in and sees their trust; the password appears nowhere
		// again
		HttpResponse<String> orgs = as(username, password, "GET", "/api/organisations", null);
		assertThat(orgs.statusCode()).as(orgs.body()).isEqualTo(200);
		assertThat(orgs.body()).contains(this.trust);
		HttpResponse<String> read = asAdmin("GET", "/api/users/" + account.get("id").asLong(), null);
		assertThat(read.statusCode()).isEqualTo(200);
		assertThat(read.body()).doesNotContain(password).doesNotContain("bcrypt");
		assertThat(json.readTree(read.body()).get("audit").get(0).get("action").asString()).isEqualTo("CREATED");
		assertThat(asAdmin("GET", "/api/users", null).body()).contains(username);
	}

	@Test
	void badInputIsRefusedWithProblemJsonNamingTheFieldAndNothingIsSaved() {
		String username = "bad-" + this.suffix;
		Map<String, String> cases = Map.of("{\"username\":\""
				+ username + "\",\"displayName\":\"X\",\"email\":\"not-an-address\"," + "\"roles\":[\"ADMIN\"]}",
				"email",
				"{\"username\":\""
						+ username + "\",\"displayName\":\"X\",\"email\":\"x@nhs.net\"," + "\"roles\":[\"SUPERUSER\"]}",
				"roles",
				"{\"username\":\"" + username + "\",\"displayName\":\"X\",\"email\":\"x@nhs.net\","
						+ "\"roles\":[\"COORDINATOR\"]}",
				"organisations",
				"{\"username\":\"" + username + "\",\"displayName\":\"X\",\"email\":\"x@nhs.net\","
						+ "\"roles\":[\"COORDINATOR\"],\"organisations\":[\"NOPE-" + this.suffix + "\"]}",
				"organisations",
				"{\"username\":\"a b\",\"displayName\":\"X\",\"email\":\"x@nhs.net\"," + "\"roles\":[\"ADMIN\"]}",
				"username", "{\"username\":\"" + username + "\",\"displayName\":\"X\",\"email\":\"x@nhs.net\","
						+ "\"roles\":[\"PROGRAMME\"],\"learnerId\":999999999}",
				"learnerId");
		cases.forEach((body, field) -> {
			HttpResponse<String> response = asAdmin("POST", "/api/users", body);
			assertThat(response.statusCode()).as(body).isEqualTo(400);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			JsonNode problem = json.readTree(response.body());
			assertThat(problem.get("field").asString()).as(body).isEqualTo(field);
			assertThat(problem.get("type").asString()).startsWith("https://capability-tracker.attc.nhs.uk/problems/");
		});
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM id_user_account WHERE username = ?", Integer.class,
				username))
			.isZero();

		create(coordinatorJson("dup-" + this.suffix));
		HttpResponse<String> duplicate = asAdmin("POST", "/api/users", coordinatorJson("dup-" + this.suffix));
		assertThat(duplicate.statusCode()).isEqualTo(409);
		assertThat(json.readTree(duplicate.body()).get("field").asString()).isEqualTo("username");
	}

	@Test
	void deleteDisablesTheAccountWhichCanNoLongerSignInButIsKeptAndAudited() {
		String username = "gone-" + this.suffix;
		JsonNode created = create(coordinatorJson(username));
		long id = created.get("account").get("id").asLong();
		String password = created.get("password").asString();
		assertThat(as(username, password, "GET", "/api/organisations", null).statusCode()).isEqualTo(200);

		HttpResponse<String> deleted = asAdmin("DELETE", "/api/users/" + id, null);
		assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
		assertThat(json.readTree(deleted.body()).get("enabled").asBoolean()).isFalse();
		assertThat(as(username, password, "GET", "/api/organisations", null).statusCode()).isEqualTo(401);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM id_user_account WHERE id = ?", Integer.class, id))
			.isOne();
		JsonNode account = json.readTree(asAdmin("GET", "/api/users/" + id, null).body());
		assertThat(account.get("audit").findValuesAsString("action")).containsExactly("DISABLED", "CREATED");
		assertThat(account.get("audit").get(0).get("actor").asString()).isEqualTo(TestAccounts.ADMIN);

		// enabled again through PUT, with a new password from a reset
		HttpResponse<String> enabled = asAdmin("PUT", "/api/users/" + id,
				"{\"displayName\":\"Cora Ordinator\",\"email\":\"cora@nhs.net\",\"roles\":[\"COORDINATOR\"],"
						+ "\"organisations\":[\"" + this.trust + "\"],\"enabled\":true}");
		assertThat(enabled.statusCode()).as(enabled.body()).isEqualTo(200);
		HttpResponse<String> reset = asAdmin("POST", "/api/users/" + id + "/password", null);
		String newPassword = json.readTree(reset.body()).get("password").asString();
		assertThat(newPassword).isNotEqualTo(password);
		assertThat(as(username, password, "GET", "/api/organisations", null).statusCode()).isEqualTo(401);
		assertThat(as(username, newPassword, "GET", "/api/organisations", null).statusCode()).isEqualTo(200);
	}

	@Test
	void changingRolesAndScopeTakesEffectAtTheNextRequest() {
		String other = "OT" + this.suffix;
		asAdmin("POST", "/api/organisations", "{\"code\":\"" + other + "\",\"name\":\"Other\",\"kind\":\"TRUST\"}");
		String username = "move-" + this.suffix;
		JsonNode created = create(coordinatorJson(username));
		long id = created.get("account").get("id").asLong();
		String password = created.get("password").asString();
		HttpResponse<String> changed = asAdmin("PUT", "/api/users/" + id,
				"{\"displayName\":\"Cora Ordinator\",\"email\":\"cora@nhs.net\",\"roles\":[\"COORDINATOR\"],"
						+ "\"organisations\":[\"" + other + "\"]}");
		assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
		String csv = "identifier,name,email,organisations,jobRoles\n" + "mailto:in-" + this.suffix
				+ "@nhs.net,Ina Inside,," + other + ",RN\n" + "mailto:out-" + this.suffix + "@nhs.net,Otto Outside,,"
				+ this.trust + ",RN\n";
		HttpResponse<String> imported = this.http.send(this.http.request("/api/learners/import")
			.header("Authorization", HttpTestClient.basic(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD))
			.header("Content-Type", "text/csv")
			.POST(HttpRequest.BodyPublishers.ofString(csv)));
		assertThat(imported.statusCode()).as(imported.body()).isBetween(200, 201);
		String learners = as(username, password, "GET", "/api/learners", null).body();
		assertThat(learners).contains("Ina Inside").doesNotContain("Otto Outside");
		assertThat(json.readTree(asAdmin("GET", "/api/users/" + id, null).body())
			.get("audit")
			.get(0)
			.get("detail")
			.asString()).contains(other);
	}

	@Test
	void onlyAdministratorsManageAccountsAndNobodyAnonymously() {
		String username = "nosy-" + this.suffix;
		String password = create(coordinatorJson(username)).get("password").asString();
		HttpResponse<String> list = as(username, password, "GET", "/api/users", null);
		assertThat(list.statusCode()).isEqualTo(403);
		assertThat(json.readTree(list.body()).get("type").asString()).endsWith("/problems/forbidden");
		assertThat(as(username, password, "POST", "/api/users", coordinatorJson("x-" + this.suffix)).statusCode())
			.isEqualTo(403);
		assertThat(this.http.get("/api/users").statusCode()).isEqualTo(401);

		HttpTestClient browser = new HttpTestClient(this.port);
		browser.login(username, password);
		assertThat(browser.get("/admin/users").statusCode()).isEqualTo(403);
	}

	@Test
	void anAdministratorCannotLockThemselvesOut() {
		long self = this.jdbc.queryForObject("SELECT id FROM id_user_account WHERE username = ?", Long.class,
				TestAccounts.ADMIN);
		HttpResponse<String> disable = asAdmin("DELETE", "/api/users/" + self, null);
		assertThat(disable.statusCode()).isEqualTo(409);
		HttpResponse<String> demote = asAdmin("PUT", "/api/users/" + self,
				"{\"displayName\":\"Administrator\",\"email\":\"admin@nhs.net\",\"roles\":[\"COORDINATOR\"],"
						+ "\"organisations\":[\"" + this.trust + "\"]}");
		assertThat(demote.statusCode()).isEqualTo(409);
		assertThat(json.readTree(demote.body()).get("field").asString()).isEqualTo("roles");
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM id_user_account_role WHERE account_id = ? AND role = 'ADMIN'", Integer.class,
				self))
			.isOne();
	}

	@Test
	void theAdminPagesCreateAnAccountAndShowItsPasswordOnce() {
		HttpTestClient browser = new HttpTestClient(this.port);
		assertThat(browser.login(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD).statusCode()).isEqualTo(302);
		HttpResponse<String> page = browser.get("/admin/users");
		assertThat(page.statusCode()).isEqualTo(200);
		String csrf = HttpTestClient.csrfToken(page.body());
		String username = "page-" + this.suffix;
		HttpResponse<String> created = browser.postForm("/admin/users",
				Map.of("_csrf", csrf, "username", username, "displayName", "Paige <Lead>", "email",
						username + "@nhs.net", "roles", "PROGRAMME", "organisations", "", "learnerId", ""));
		assertThat(created.statusCode()).isEqualTo(200);
		assertThat(created.body()).contains("id=\"created-password\"").contains("Paige &lt;Lead&gt;");
		String password = created.body().replaceAll("(?s).*id=\"created-password\">([^<]+)<.*", "$1");
		assertThat(as(username, password, "GET", "/api/organisations", null).statusCode()).isEqualTo(200);
		assertThat(browser.get("/admin/users").body()).contains(username).doesNotContain(password);

		HttpResponse<String> invalid = browser.postForm("/admin/users", Map.of("_csrf", csrf, "username",
				"x" + username, "displayName", "X", "email", "nope", "roles", "ADMIN", "organisations", ""));
		assertThat(invalid.body()).contains("There is a problem").contains("Enter a work e-mail address");
	}

	@Test
	void theAccountFormShowsEveryErrorNextToItsFieldAndKeepsWhatWasTyped() {
		HttpTestClient browser = new HttpTestClient(this.port);
		browser.login(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD);
		String csrf = HttpTestClient.csrfToken(browser.get("/admin/users").body());
		HttpResponse<String> invalid = browser.postForm("/admin/users", Map.of("_csrf", csrf, "username", "a b",
				"displayName", "", "email", "nope", "organisations", "NOPE-" + this.suffix, "learnerId", "twelve"));
		assertThat(invalid.statusCode()).isEqualTo(200);
		String page = invalid.body();
		String summary = page.replaceAll("(?s).*<ul class=\"govuk-list govuk-error-summary__list\">(.*?)</ul>.*", "$1");
		// one link per fault, each to its field, in form order
		assertThat(summary.split("<a ")).hasSize(7);
		assertThat(summary).containsSubsequence("href=\"#username\"", "href=\"#displayName\"", "href=\"#email\"",
				"href=\"#role-LEARNER\"", "href=\"#organisations\"", "href=\"#learnerId\"");
		for (String field : List.of("username", "displayName", "email", "roles", "organisations", "learnerId")) {
			assertThat(page).contains("id=\"" + field + "-error\"");
		}
		// words for people, not the request's keys
		assertThat(page).doesNotContain("displayName:", "learnerId:", "email:")
			.contains("Enter the person&#39;s name", "Choose at least one role", "Unknown organisation codes")
			.contains("value=\"nope\"", "value=\"a b\"", "value=\"twelve\"", "value=\"NOPE-" + this.suffix + "\"");
		assertThat(
				this.jdbc.queryForObject("SELECT COUNT(*) FROM id_user_account WHERE username = 'a b'", Integer.class))
			.isZero();

		// the API names every fault too
		HttpResponse<String> api = asAdmin("POST", "/api/users",
				"{\"username\":\"ok-" + this.suffix + "\",\"displayName\":\"\",\"email\":\"nope\",\"roles\":[]}");
		assertThat(api.statusCode()).isEqualTo(400);
		JsonNode problem = json.readTree(api.body());
		assertThat(problem.get("field").asString()).isEqualTo("displayName");
		assertThat(problem.get("errors").findValuesAsString("field")).containsExactly("displayName", "email", "roles");
	}

	@Test
	void aStaffAccountLinkedToALearnerSeesThatLearnersOwnRecord() {
		String csv = "identifier,name,email,organisations,jobRoles\n" + "mailto:self-" + this.suffix
				+ "@nhs.net,Sam Self,," + this.trust + ",RN\n";
		HttpResponse<String> imported = this.http.send(this.http.request("/api/learners/import")
			.header("Authorization", HttpTestClient.basic(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD))
			.header("Content-Type", "text/csv")
			.POST(HttpRequest.BodyPublishers.ofString(csv)));
		assertThat(imported.statusCode()).as(imported.body()).isBetween(200, 201);
		long learner = json
			.readTree(asAdmin("GET", "/api/learners?identifier=mailto:self-" + this.suffix + "@nhs.net", null).body())
			.get("id")
			.asLong();
		String username = "sam-" + this.suffix;
		JsonNode created = create(coordinatorJson(username));
		String password = created.get("password").asString();
		assertThat(as(username, password, "GET", "/api/progress/me", null).statusCode()).isEqualTo(404);

		HttpResponse<String> linked = asAdmin("PUT", "/api/users/" + created.get("account").get("id").asLong(),
				"{\"displayName\":\"Sam Self\",\"email\":\"sam@nhs.net\",\"roles\":[\"COORDINATOR\"],"
						+ "\"organisations\":[\"" + this.trust + "\"],\"learnerId\":" + learner + "}");
		assertThat(linked.statusCode()).as(linked.body()).isEqualTo(200);
		HttpResponse<String> me = as(username, password, "GET", "/api/progress/me", null);
		assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
		assertThat(json.readTree(me.body()).get("learnerId").asLong()).isEqualTo(learner);
	}

}
