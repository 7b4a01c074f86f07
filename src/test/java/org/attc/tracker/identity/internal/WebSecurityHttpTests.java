package org.attc.tracker.identity.internal;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;

import org.attc.tracker.identity.AppRole;
import org.attc.tracker.support.HttpTestClient;
import org.attc.tracker.support.TestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/** The security baseline, over real HTTP against the service on real MariaDB. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class WebSecurityHttpTests {

	@LocalServerPort
	int port;

	@Autowired
	UserAccountRepository accounts;

	@Autowired
	PasswordEncoder passwordEncoder;

	HttpTestClient browser;

	@BeforeEach
	void newBrowser() {
		this.browser = new HttpTestClient(this.port);
		if (this.accounts.findByUsername("coordinator1").isEmpty()) {
			this.accounts.save(new UserAccount("coordinator1", this.passwordEncoder.encode("coordinator-pw"),
					"Coordinator One", Set.of(AppRole.COORDINATOR)));
		}
	}

	@Test
	void healthIsPublicAndUpWithLivenessAndReadiness() {
		for (String path : new String[] { "/actuator/health", "/actuator/health/liveness",
				"/actuator/health/readiness" }) {
			HttpResponse<String> response = this.browser.get(path);
			assertThat(response.statusCode()).as(path).isEqualTo(200);
			assertThat(response.body()).as(path).contains("\"status\":\"UP\"");
		}
	}

	@Test
	void anonymousPageRequestIsRedirectedToLogin() {
		HttpResponse<String> response = this.browser.get("/");
		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(response.headers().firstValue("Location"))
			.hasValueSatisfying((l) -> assertThat(l).endsWith("/login"));
	}

	@Test
	void anonymousApiRequestGets401ProblemJsonNotARedirect() {
		HttpResponse<String> response = this.browser.get("/api/frameworks");
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((t) -> assertThat(t).startsWith("application/problem+json"));
		assertThat(response.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((v) -> assertThat(v).startsWith("Basic"));
		assertThat(response.body()).contains("\"status\":401").contains("\"instance\":\"/api/frameworks\"");
	}

	@Test
	void apiRequestWithAWrongPasswordGets401() {
		HttpResponse<String> response = this.browser.getWithBasic("/api/frameworks", TestAccounts.ADMIN, "wrong");
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((t) -> assertThat(t).startsWith("application/problem+json"));
	}

	@Test
	void apiAcceptsHttpBasicWithALocalAccountAndAnswersProblemJson() {
		HttpResponse<String> response = this.browser.getWithBasic("/api/no-such-resource", TestAccounts.ADMIN,
				TestAccounts.ADMIN_PASSWORD);
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((t) -> assertThat(t).startsWith("application/problem+json"));
	}

	@Test
	void anAnonymousApiWriteIs401BeforeCsrfIsConsidered() {
		HttpResponse<String> anonymous = this.browser.send(this.browser.request("/api/no-such-resource")
			.header("Content-Type", "application/json")
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")));
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(anonymous.headers().firstValue("Content-Type"))
			.hasValueSatisfying((t) -> assertThat(t).startsWith("application/problem+json"));
		// signed in through the form, the same write without the CSRF token is refused
		this.browser.login(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD);
		HttpResponse<String> noToken = this.browser.send(this.browser.request("/api/no-such-resource")
			.header("Content-Type", "application/json")
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")));
		assertThat(noToken.statusCode()).isEqualTo(403);
	}

	@Test
	void aSessionWithAnAuthorizationHeaderThatIsNotBasicStillNeedsTheCsrfToken() {
		this.browser.login(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD);
		String user = "{\"username\":\"csrf-victim-made\",\"displayName\":\"X\",\"password\":\"a-password-long-enough-1\","
				+ "\"roles\":[\"ADMIN\"]}";
		for (String[] call : new String[][] { { "/api/users", user },
				{ "/api/lrs-clients", "{\"name\":\"csrf\",\"scopes\":[\"all\"]}" }, { "/api/lti/platforms", "{}" } }) {
			HttpResponse<String> forged = this.browser.send(this.browser.request(call[0])
				.header("Authorization", "Bearer junk")
				.header("Content-Type", "application/json")
				.POST(java.net.http.HttpRequest.BodyPublishers.ofString(call[1])));
			assertThat(forged.statusCode()).as(call[0] + ": " + forged.body()).isEqualTo(403);
			// the refusal says what is missing, not that the role is wrong
			assertThat(forged.body()).as(call[0]).contains("/problems/csrf-token").contains("X-CSRF-TOKEN");
		}
		assertThat(this.accounts.findByUsername("csrf-victim-made")).isEmpty();
		// with Basic credentials and no session cookie, a script needs no token
		HttpTestClient script = new HttpTestClient(this.port);
		HttpResponse<String> basic = script.send(script.request("/api/no-such-resource")
			.header("Authorization", HttpTestClient.basic(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD))
			.header("Content-Type", "application/json")
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")));
		assertThat(basic.statusCode()).isNotEqualTo(403).isNotEqualTo(401);
	}

	@Test
	void apiAcceptsTheBrowserSessionAfterFormLogin() {
		this.browser.login(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD);
		HttpResponse<String> response = this.browser.get("/api/no-such-resource");
		assertThat(response.statusCode()).isEqualTo(404);
	}

	@Test
	void prometheusMetricsNeedAnAdministrator() {
		assertThat(this.browser.get("/actuator/prometheus").statusCode()).isEqualTo(401);
		assertThat(this.browser.getWithBasic("/actuator/prometheus", "coordinator1", "coordinator-pw").statusCode())
			.isEqualTo(403);
		HttpResponse<String> response = this.browser.getWithBasic("/actuator/prometheus", TestAccounts.ADMIN,
				TestAccounts.ADMIN_PASSWORD);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("jvm_memory_used_bytes").contains("hikaricp_connections");
	}

	@Test
	void adminSignsInWithTheLoginFormAndSeesTheStartPage() {
		HttpResponse<String> login = this.browser.login(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD);
		assertThat(login.statusCode()).isEqualTo(302);
		assertThat(login.headers().firstValue("Location"))
			.hasValueSatisfying((l) -> assertThat(l).doesNotContain("error"));
		HttpResponse<String> home = this.browser.get("/");
		assertThat(home.statusCode()).isEqualTo(200);
		assertThat(home.body()).contains("Signed in as").contains(TestAccounts.ADMIN).contains("Administration");
	}

	@Test
	void aWrongPasswordOnTheLoginFormShowsAnErrorAndNoSession() {
		HttpResponse<String> login = this.browser.login(TestAccounts.ADMIN, "not-the-password");
		assertThat(login.headers().firstValue("Location"))
			.hasValueSatisfying((l) -> assertThat(l).endsWith("/login?error"));
		assertThat(this.browser.get("/login?error").body()).contains("The username or password is not right");
		assertThat(this.browser.get("/").statusCode()).isEqualTo(302);
	}

	@Test
	void formPostsWithoutTheCsrfTokenAreRefused() {
		HttpResponse<String> response = this.browser.postForm("/login",
				Map.of("username", TestAccounts.ADMIN, "password", TestAccounts.ADMIN_PASSWORD));
		assertThat(response.statusCode()).isEqualTo(403);
	}

	@Test
	void logoutEndsTheSession() {
		this.browser.login(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD);
		String csrf = HttpTestClient.csrfToken(this.browser.get("/").body());
		HttpResponse<String> logout = this.browser.postForm("/logout", Map.of("_csrf", csrf));
		assertThat(logout.headers().firstValue("Location"))
			.hasValueSatisfying((l) -> assertThat(l).endsWith("/login?logout"));
		assertThat(this.browser.get("/").statusCode()).isEqualTo(302);
	}

	@Test
	void pagesCarryAContentSecurityPolicyThatNamesWhoMayFrameThem() {
		HttpResponse<String> response = this.browser.get("/login");
		assertThat(response.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
				(csp) -> assertThat(csp).contains("default-src 'self'").contains("frame-ancestors 'self'"));
		assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("strict-origin-when-cross-origin");
	}

	@Test
	void passwordsAreStoredHashed() {
		UserAccount admin = this.accounts.findByUsername(TestAccounts.ADMIN).orElseThrow();
		assertThat(admin.passwordHash()).startsWith("{bcrypt}").doesNotContain(TestAccounts.ADMIN_PASSWORD);
	}

}
