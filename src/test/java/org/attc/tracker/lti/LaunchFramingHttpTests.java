package org.attc.tracker.lti;

import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.attc.tracker.lti.internal.platform.PlatformDetails;
import org.attc.tracker.lti.internal.platform.PlatformRegistration;
import org.attc.tracker.lti.internal.platform.PlatformRegistrations;
import org.attc.tracker.support.HttpTestClient;
import org.attc.tracker.support.TestAccounts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A session that began with an LTI launch may show every page it can see inside the
 * launching platform's frame (CSP Level 3 {@code frame-ancestors}), with no setting; no
 * other platform may frame it, and sessions without a launch keep {@code 'self'}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class LaunchFramingHttpTests {

	@LocalServerPort
	int port;

	@Autowired
	PlatformRegistrations registrations;

	@Autowired
	PlatformTransactionManager transactions;

	TestPlatform moodle;

	TestPlatform other;

	@BeforeEach
	void registerPlatforms() {
		this.moodle = register(new TestPlatform());
		this.other = register(new TestPlatform());
	}

	private TestPlatform register(TestPlatform platform) {
		this.registrations.register(
				new PlatformDetails("Framing " + platform.clientId, platform.issuer, platform.clientId,
						List.of(platform.deploymentId), platform.authUrl(), platform.tokenUrl(), platform.jwksUrl()),
				PlatformRegistration.Origin.ADMIN);
		return platform;
	}

	@AfterEach
	void stopPlatforms() {
		this.moodle.close();
		this.other.close();
	}

	private HttpTestClient launchedFrom(TestPlatform platform, String role) {
		HttpTestClient browser = new HttpTestClient(this.port);
		LtiHttp.Login login = LtiHttp.login(browser, platform, Map.of("login_hint", "77"));
		HttpResponse<String> launch = LtiHttp.launch(browser,
				platform.signedLaunch(login.nonce(),
						(claims) -> claims.subject("77").claim(TestPlatform.LTI + "roles", List.of(role))),
				login.state(), login.cookieHeader());
		assertThat(launch.statusCode()).as(launch.body()).isEqualTo(200);
		return browser;
	}

	static List<String> frameAncestors(HttpResponse<String> response) {
		String csp = response.headers().firstValue("Content-Security-Policy").orElseThrow();
		String directive = Arrays.stream(csp.split(";"))
			.map(String::strip)
			.filter((d) -> d.startsWith("frame-ancestors "))
			.findFirst()
			.orElseThrow();
		return List.of(directive.substring("frame-ancestors ".length()).split(" +"));
	}

	@Test
	void myCapabilitiesOpenedFromALaunchIsFrameableByThatPlatformAndNoOther() {
		HttpTestClient learner = launchedFrom(this.moodle, TestPlatform.LEARNER);
		HttpResponse<String> page = learner.get("/my/capabilities");
		assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
		assertThat(frameAncestors(page)).containsExactlyInAnyOrder("'self'", this.moodle.issuer);

		HttpTestClient elsewhere = launchedFrom(this.other, TestPlatform.LEARNER);
		assertThat(frameAncestors(elsewhere.get("/my/capabilities"))).containsExactlyInAnyOrder("'self'",
				this.other.issuer);
	}

	@Test
	void aLaunchedTeachersPagesAreFrameableByTheirPlatform() {
		HttpTestClient teacher = launchedFrom(this.moodle, TestPlatform.INSTRUCTOR);
		HttpResponse<String> start = teacher.get("/");
		assertThat(frameAncestors(start)).containsExactlyInAnyOrder("'self'", this.moodle.issuer);
	}

	@Test
	void signingOutInsideTheFrameShowsTheSignInPageThereAndALocalSignInEndsTheFraming() {
		HttpTestClient learner = launchedFrom(this.moodle, TestPlatform.LEARNER);
		String csrf = HttpTestClient.csrfToken(learner.get("/my/capabilities").body());
		HttpResponse<String> signedOut = learner.postForm("/logout", Map.of("_csrf", csrf));
		assertThat(signedOut.statusCode()).isEqualTo(302);
		assertThat(learner.get("/lti/home").statusCode()).as("signed out").isEqualTo(302);
		HttpResponse<String> signIn = learner.get("/login?logout");
		assertThat(signIn.statusCode()).isEqualTo(200);
		assertThat(frameAncestors(signIn)).containsExactlyInAnyOrder("'self'", this.moodle.issuer);

		// signing in with a local account in that browser is no launched session
		learner.login(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD);
		assertThat(frameAncestors(learner.get("/"))).containsExactly("'self'");
	}

	@Test
	void aPlatformMayFrameTheLaunchFromItsRegistrationOnEvenIfAPageWasServedWhileItWasBeingSaved() throws Exception {
		TestPlatform late = new TestPlatform();
		ExecutorService elsewhere = Executors.newSingleThreadExecutor();
		try {
			new TransactionTemplate(this.transactions).executeWithoutResult((s) -> {
				register(late);
				// another browser's page is answered before the registration commits
				try {
					assertThat(frameAncestors(
							elsewhere.submit(() -> new HttpTestClient(this.port).get("/lti/login")).get()))
						.doesNotContain(late.issuer);
				}
				catch (InterruptedException | java.util.concurrent.ExecutionException ex) {
					throw new IllegalStateException(ex);
				}
			});
			// the login page of the launch now, not 30 s later
			assertThat(frameAncestors(new HttpTestClient(this.port).get("/lti/login"))).contains(late.issuer);
		}
		finally {
			elsewhere.shutdown();
			late.close();
		}
	}

	@Test
	void sessionsWithoutALaunchKeepSelf() {
		HttpTestClient anonymous = new HttpTestClient(this.port);
		assertThat(frameAncestors(anonymous.get("/login"))).containsExactly("'self'");

		HttpTestClient admin = new HttpTestClient(this.port);
		admin.login(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD);
		assertThat(frameAncestors(admin.get("/"))).containsExactly("'self'");
	}

}
