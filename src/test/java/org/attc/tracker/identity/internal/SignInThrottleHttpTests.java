package org.attc.tracker.identity.internal;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.attc.tracker.identity.AppRole;
import org.attc.tracker.support.HttpTestClient;
import org.attc.tracker.support.TestAccounts;
import org.attc.tracker.identity.SignInThrottle;
import org.junit.jupiter.api.AfterEach;
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
 * Brute-force protection over real HTTP: per account (login form and HTTP Basic), per LRS
 * client, per client address; audited; cleared by an administrator.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SignInThrottleHttpTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	UserAccountRepository accounts;

	@Autowired
	PasswordEncoder passwordEncoder;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	SignInThrottle throttle;

	HttpTestClient http;

	String username;

	@BeforeEach
	void account() {
		this.http = new HttpTestClient(this.port);
		this.username = "bf-" + UUID.randomUUID().toString().substring(0, 8);
		this.accounts.save(new UserAccount(this.username, this.passwordEncoder.encode("right-password"), "Brute",
				Set.of(AppRole.COORDINATOR)));
	}

	@AfterEach
	void unlockTheTestAddress() {
		// every test request comes from 127.0.0.1: never leave it locked for other tests
		// (through the throttle, which keeps the active locks in memory for a second)
		this.throttle.entries()
			.stream()
			.filter((entry) -> entry.kind() == SignInThrottle.Kind.ADDRESS)
			.forEach((entry) -> this.throttle.clear(entry.kind(), entry.subject(), "test"));
	}

	private HttpResponse<String> basic(String user, String password) {
		return this.http.getWithBasic("/api/frameworks", user, password);
	}

	private HttpResponse<String> asAdmin(HttpRequest.Builder request) {
		return this.http.send(
				request.header("Authorization", HttpTestClient.basic(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD)));
	}

	@Test
	void anAccountIsLockedAfterRepeatedFailuresOnTheApiAndTheFormUntilAnAdministratorClearsIt() {
		for (int i = 0; i < 6; i++) {
			assertThat(basic(this.username, "wrong-" + i).statusCode()).as("failure " + i).isEqualTo(401);
		}
		HttpResponse<String> locked = basic(this.username, "right-password");
		assertThat(locked.statusCode()).as(locked.body()).isEqualTo(429);
		assertThat(locked.headers().firstValue("Content-Type"))
			.hasValueSatisfying((t) -> assertThat(t).startsWith("application/problem+json"));
		assertThat(locked.headers().firstValue("Retry-After"))
			.hasValueSatisfying((s) -> assertThat(Long.parseLong(s)).isBetween(1L, 900L));
		assertThat(json.readTree(locked.body()).get("status").asInt()).isEqualTo(429);

		// the form says so too, without signing in
		HttpResponse<String> form = this.http.login(this.username, "right-password");
		assertThat(form.headers().firstValue("Location"))
			.hasValueSatisfying((l) -> assertThat(l).contains("/login?throttled="));
		assertThat(
				this.http.get(form.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", ""))
					.body())
			.contains("Too many failed sign-ins");
		assertThat(this.http.get("/").statusCode()).isEqualTo(302);

		// audited, visible to an administrator
		JsonNode seen = json.readTree(asAdmin(this.http.request("/api/sign-in-throttles").GET()).body());
		JsonNode entry = null;
		for (JsonNode t : seen.get("throttles")) {
			if (this.username.equals(t.get("subject").asString())) {
				entry = t;
			}
		}
		assertThat(entry).isNotNull();
		assertThat(entry.get("kind").asString()).isEqualTo("ACCOUNT");
		assertThat(entry.get("failures").asInt()).isEqualTo(6);
		assertThat(entry.get("lockedUntil").isNull()).isFalse();
		assertThat(seen.get("recentFailures").findValuesAsString("subject")).contains(this.username);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM id_sign_in_failure WHERE subject = ? AND locked",
				Integer.class, this.username))
			.isGreaterThanOrEqualTo(2);

		// a coordinator may not clear it
		HttpResponse<String> notAdmin = this.http
			.send(this.http.request("/api/sign-in-throttles?kind=ACCOUNT&subject=" + this.username)
				.header("Authorization", HttpTestClient.basic("nobody-" + this.username, "x"))
				.DELETE());
		assertThat(notAdmin.statusCode()).isIn(401, 403);

		HttpResponse<String> cleared = asAdmin(
				this.http.request("/api/sign-in-throttles?kind=ACCOUNT&subject=" + this.username).DELETE());
		assertThat(cleared.statusCode()).as(cleared.body()).isEqualTo(204);
		assertThat(basic(this.username, "right-password").statusCode()).isEqualTo(200);
	}

	@Test
	void anLrsClientKeyIsLockedAfterRepeatedWrongSecrets() {
		HttpResponse<String> created = asAdmin(this.http.request("/api/lrs-clients")
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"bf\",\"scopes\":[\"statements/read\"]}")));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		String key = json.readTree(created.body()).get("key").asString();
		String secret = json.readTree(created.body()).get("secret").asString();
		for (int i = 0; i < 6; i++) {
			HttpResponse<String> wrong = this.http.send(this.http.request("/xapi/statements")
				.header("X-Experience-API-Version", "1.0.3")
				.header("Authorization", HttpTestClient.basic(key, "wrong-" + i))
				.GET());
			assertThat(wrong.statusCode()).isEqualTo(401);
		}
		HttpResponse<String> locked = this.http.send(this.http.request("/xapi/statements")
			.header("X-Experience-API-Version", "1.0.3")
			.header("Authorization", HttpTestClient.basic(key, secret))
			.GET());
		assertThat(locked.statusCode()).as(locked.body()).isEqualTo(429);
		assertThat(locked.headers().firstValue("Retry-After")).isPresent();
		assertThat(locked.headers().firstValue("Content-Type"))
			.hasValueSatisfying((t) -> assertThat(t).startsWith("application/problem+json"));

		assertThat(asAdmin(this.http.request("/api/sign-in-throttles?kind=LRS_CLIENT&subject=" + key).DELETE())
			.statusCode()).isEqualTo(204);
		assertThat(this.http
			.send(this.http.request("/xapi/statements")
				.header("X-Experience-API-Version", "1.0.3")
				.header("Authorization", HttpTestClient.basic(key, secret))
				.GET())
			.statusCode()).isEqualTo(200);
	}

	@Test
	void anAddressTryingManyNamesIsLockedAndAnAdministratorClearsItOnThePage() {
		HttpTestClient admin = new HttpTestClient(this.port);
		admin.login(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD);
		for (int i = 0; i <= 50; i++) {
			basic("spray-" + i + "-" + this.username, "guess");
		}
		HttpResponse<String> locked = basic(this.username, "right-password");
		assertThat(locked.statusCode()).as(locked.body()).isEqualTo(429);

		HttpResponse<String> page = admin.get("/admin/sign-in-throttles");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("127.0.0.1").contains("spray-0-" + this.username);
		HttpResponse<String> cleared = admin.postForm("/admin/sign-in-throttles/clear",
				Map.of("kind", "ADDRESS", "subject", "127.0.0.1", "_csrf", HttpTestClient.csrfToken(page.body())));
		assertThat(cleared.statusCode()).isEqualTo(302);
		assertThat(basic(this.username, "right-password").statusCode()).isEqualTo(200);
	}

	@Test
	void theThrottlePagesAreForAdministratorsOnly() {
		this.http.login(this.username, "right-password");
		assertThat(this.http.get("/admin/sign-in-throttles").statusCode()).isEqualTo(403);
		assertThat(this.http.get("/api/sign-in-throttles").statusCode()).isEqualTo(403);
	}

}
