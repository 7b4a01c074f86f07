package org.attc.tracker.xapi.internal;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.attc.tracker.support.HttpTestClient;
import org.attc.tracker.support.TestAccounts;
import org.attc.tracker.xapi.internal.clients.LrsClient.Scope;
import org.attc.tracker.xapi.internal.clients.LrsClients;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** xAPI 1.0.3 Communication §4 (authentication, scopes) and the admin API for clients. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class LrsClientCredentialTests {

	@LocalServerPort
	int port;

	@Autowired
	LrsClients clients;

	@Autowired
	JdbcTemplate jdbc;

	private HttpResponse<String> admin(HttpRequest.Builder request) {
		return new HttpTestClient(this.port).send(
				request.header("Authorization", HttpTestClient.basic(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD)));
	}

	@Test
	void anAdminCreatesAClientWhoseSecretIsShownOnceAndStoredHashed() {
		HttpTestClient http = new HttpTestClient(this.port);
		HttpResponse<String> created = admin(http.request("/api/lrs-clients")
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers
				.ofString("{\"name\":\"Moodle\",\"scopes\":[\"statements/write\",\"statements/read/mine\"]}")));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		JsonNode body = XapiClient.json(created.body());
		String key = body.get("key").stringValue();
		String secret = body.get("secret").stringValue();
		assertThat(secret).hasSizeGreaterThan(30);
		String hash = this.jdbc.queryForObject("SELECT secret_hash FROM xapi_client WHERE client_key = ?", String.class,
				key);
		assertThat(hash).startsWith("sha256:").doesNotContain(secret);
		HttpResponse<String> list = admin(http.request("/api/lrs-clients").GET());
		assertThat(list.statusCode()).isEqualTo(200);
		assertThat(list.body()).contains(key).doesNotContain(secret).doesNotContain("sha256:");
		// the new client writes statements with its key and secret
		HttpResponse<String> post = http.send(http.request("/xapi/statements")
			.header("Authorization", HttpTestClient.basic(key, secret))
			.header("X-Experience-API-Version", "1.0.3")
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(StatementJson.unique())));
		assertThat(post.statusCode()).isEqualTo(200);
		assertThat(admin(http.request("/api/lrs-clients/" + key).DELETE()).statusCode()).isEqualTo(204);
		HttpResponse<String> afterDelete = http.send(http.request("/xapi/statements")
			.header("Authorization", HttpTestClient.basic(key, secret))
			.header("X-Experience-API-Version", "1.0.3")
			.GET());
		assertThat(afterDelete.statusCode()).isEqualTo(401);
	}

	@Test
	void anAnonymousRequestToTheClientApiIs401ProblemJsonNotACsrfRefusal() {
		HttpTestClient http = new HttpTestClient(this.port);
		HttpResponse<String> anonymous = http.send(http.request("/api/lrs-clients")
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"x\",\"scopes\":[\"all\"]}")));
		assertThat(anonymous.statusCode()).as(anonymous.body()).isEqualTo(401);
		assertThat(anonymous.headers().firstValue("Content-Type"))
			.hasValueSatisfying((t) -> assertThat(t).startsWith("application/problem+json"));
		assertThat(anonymous.headers().firstValue("WWW-Authenticate")).isPresent();
		// a signed-in browser session still needs the CSRF token
		HttpTestClient browser = new HttpTestClient(this.port);
		browser.login(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD);
		HttpResponse<String> noToken = browser.send(browser.request("/api/lrs-clients")
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"x\",\"scopes\":[\"all\"]}")));
		assertThat(noToken.statusCode()).isEqualTo(403);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM xapi_client WHERE name = 'x'", Integer.class))
			.isZero();
	}

	@Test
	void verifiedCredentialsAreCachedButADeletedClientIsRefusedAtOnce() {
		LrsClients.Created created = this.clients.create("cached", java.util.Set.of(Scope.ALL), null);
		String key = created.client().key();
		HttpTestClient http = new HttpTestClient(this.port);
		java.util.function.Function<String, Integer> get = (secret) -> http
			.send(http.request("/xapi/statements?limit=1")
				.header("Authorization", HttpTestClient.basic(key, secret))
				.header("X-Experience-API-Version", "1.0.3")
				.GET())
			.statusCode();
		assertThat(get.apply(created.secret())).isEqualTo(200);
		assertThat(get.apply(created.secret())).isEqualTo(200);
		// a cached key with another secret is no shortcut
		assertThat(get.apply(created.secret() + "x")).isEqualTo(401);
		// the cache is in front of the table: with the row gone, the cached client
		// still answers (this is what the cache saves), until the client is deleted
		// through LrsClients, which drops it at once
		this.jdbc.update("UPDATE xapi_client SET secret_hash = 'sha256:0' WHERE client_key = ?", key);
		assertThat(get.apply(created.secret())).isEqualTo(200);
		assertThat(admin(http.request("/api/lrs-clients/" + key).DELETE()).statusCode()).isEqualTo(204);
		assertThat(get.apply(created.secret())).isEqualTo(401);
	}

	@Test
	void creatingAClientWithAnUnknownScopeNamesTheField() {
		HttpTestClient http = new HttpTestClient(this.port);
		HttpResponse<String> created = admin(http.request("/api/lrs-clients")
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"x\",\"scopes\":[\"everything\"]}")));
		assertThat(created.statusCode()).isEqualTo(400);
		assertThat(XapiClient.json(created.body()).get("field").stringValue()).isEqualTo("scopes");
	}

	@Test
	void managingClientsNeedsAnAdministrator() {
		HttpTestClient http = new HttpTestClient(this.port);
		assertThat(http.get("/api/lrs-clients").statusCode()).isEqualTo(401);
		XapiClient lrs = XapiClient.create(this.port, this.clients, Scope.ALL);
		assertThat(http.getWithBasic("/api/lrs-clients", lrs.key, lrs.secret).statusCode()).isEqualTo(401);
	}

	@Test
	void statementRequestsWithoutCredentialsAre401() {
		HttpTestClient http = new HttpTestClient(this.port);
		HttpResponse<String> get = http
			.send(http.request("/xapi/statements").header("X-Experience-API-Version", "1.0.3").GET());
		assertThat(get.statusCode()).isEqualTo(401);
		assertThat(get.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((v) -> assertThat(v).startsWith("Basic"));
		assertThat(get.headers().firstValue("X-Experience-API-Version")).hasValue("1.0.3");
	}

	@Test
	void aWrongSecretIs401() {
		XapiClient lrs = XapiClient.create(this.port, this.clients, Scope.ALL);
		HttpTestClient http = new HttpTestClient(this.port);
		HttpResponse<String> get = http.send(http.request("/xapi/statements")
			.header("X-Experience-API-Version", "1.0.3")
			.header("Authorization", HttpTestClient.basic(lrs.key, lrs.secret + "x"))
			.GET());
		assertThat(get.statusCode()).isEqualTo(401);
	}

	@Test
	void aWriteOnlyClientCannotRead() {
		XapiClient writer = XapiClient.create(this.port, this.clients, Scope.STATEMENTS_WRITE);
		assertThat(writer.post(StatementJson.unique()).statusCode()).isEqualTo(200);
		assertThat(writer.get("/xapi/statements").statusCode()).isEqualTo(403);
	}

	@Test
	void aReadOnlyClientCannotWrite() {
		XapiClient reader = XapiClient.create(this.port, this.clients, Scope.STATEMENTS_READ);
		assertThat(reader.post(StatementJson.unique()).statusCode()).isEqualTo(403);
		assertThat(reader.get("/xapi/statements?limit=1").statusCode()).isEqualTo(200);
	}

	@Test
	void readMineSeesOnlyItsOwnStatements() {
		XapiClient mine = XapiClient.create(this.port, this.clients, Scope.STATEMENTS_WRITE,
				Scope.STATEMENTS_READ_MINE);
		XapiClient other = XapiClient.create(this.port, this.clients, Scope.ALL);
		String own = XapiClient.json(mine.post(StatementJson.unique()).body()).get(0).stringValue();
		String foreign = XapiClient.json(other.post(StatementJson.unique()).body()).get(0).stringValue();
		assertThat(mine.get("/xapi/statements?statementId=" + own).statusCode()).isEqualTo(200);
		assertThat(mine.get("/xapi/statements?statementId=" + foreign).statusCode()).isEqualTo(404);
		JsonNode page = XapiClient.json(mine.get("/xapi/statements?limit=50").body());
		page.get("statements")
			.forEach(
					(s) -> assertThat(s.get("authority").get("account").get("name").stringValue()).isEqualTo(mine.key));
	}

	@Test
	void clientsDeclaredInConfigurationAreCreatedOrUpdated() {
		this.clients.declare("declared-client", "a-long-declared-secret-1", "Declared", java.util.Set.of(Scope.ALL),
				"Trust A");
		this.clients.declare("declared-client", "a-long-declared-secret-2", "Declared", java.util.Set.of(Scope.ALL),
				"Trust A");
		assertThat(this.clients.authenticate("declared-client", "a-long-declared-secret-1")).isEmpty();
		assertThat(this.clients.authenticate("declared-client", "a-long-declared-secret-2"))
			.hasValueSatisfying((c) -> assertThat(c.organisation()).isEqualTo("Trust A"));
	}

}
