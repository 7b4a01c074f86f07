package org.attc.tracker.lti;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.attc.tracker.lti.internal.platform.PlatformDetails;
import org.attc.tracker.lti.internal.platform.PlatformRegistration;
import org.attc.tracker.lti.internal.platform.PlatformRegistrations;
import org.attc.tracker.support.Axe;
import org.attc.tracker.support.Browser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A whole LTI 1.3 launch in headless Chromium: a fake platform page (on 127.0.0.1, so the
 * tool on localhost is another site) posts the login initiation, the tool redirects to
 * the platform's auth endpoint, which answers with the signed id_token auto-posted back,
 * as Moodle does. Only the browser carries state and cookies.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class LtiLaunchBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	PlatformRegistrations registrations;

	ChromeDriver browser;

	TestPlatform platform;

	HttpServer platformPages;

	/**
	 * What the platform changes in its id_token: the teacher test launches as an
	 * Instructor.
	 */
	java.util.function.Consumer<com.nimbusds.jwt.JWTClaimsSet.Builder> launchAs = (c) -> {
	};

	@BeforeEach
	void setUp() throws IOException {
		this.browser = Browser.startOrSkip();
		this.platform = new TestPlatform();
		this.platformPages = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		String pages = "http://127.0.0.1:" + this.platformPages.getAddress().getPort();
		String tool = "http://localhost:" + this.port;
		// the course page: Moodle posts the login initiation from the activity
		this.platformPages.createContext("/course", (exchange) -> html(exchange,
				"<form id='f' method='post' action='" + tool + "/lti/login'>" + hidden("iss", this.platform.issuer)
						+ hidden("login_hint", "42") + hidden("target_link_uri", tool + "/lti/launch")
						+ hidden("lti_message_hint", "m-1") + hidden("client_id", this.platform.clientId)
						+ hidden("lti_deployment_id", this.platform.deploymentId)
						+ "</form><script>document.getElementById('f').submit()</script>"));
		// the auth endpoint: checks what the tool sent and posts the id_token back
		this.platformPages.createContext("/auth", (exchange) -> {
			Map<String, String> params = LtiHttp.query("http://x/?" + exchange.getRequestURI().getRawQuery());
			boolean asExpected = "form_post".equals(params.get("response_mode"))
					&& "42".equals(params.get("login_hint")) && "m-1".equals(params.get("lti_message_hint"))
					&& (tool + "/lti/launch").equals(params.get("redirect_uri"));
			if (!asExpected) {
				html(exchange, "<h1>bad authentication request</h1>");
				return;
			}
			String token = this.platform.signedLaunch(params.get("nonce"), this.launchAs);
			html(exchange,
					"<form id='f' method='post' action='" + params.get("redirect_uri") + "'>"
							+ hidden("id_token", token) + hidden("state", params.get("state"))
							+ "</form><script>document.getElementById('f').submit()</script>");
		});
		this.platformPages.start();
		this.registrations.register(new PlatformDetails("Browser Moodle", this.platform.issuer, this.platform.clientId,
				List.of(this.platform.deploymentId), pages + "/auth", this.platform.tokenUrl(),
				this.platform.jwksUrl()), PlatformRegistration.Origin.ADMIN);
	}

	@AfterEach
	void tearDown() {
		if (this.browser != null) {
			this.browser.quit();
		}
		if (this.platformPages != null) {
			this.platformPages.stop(0);
		}
		if (this.platform != null) {
			this.platform.close();
		}
	}

	private static String hidden(String name, String value) {
		return "<input type='hidden' name='" + name + "' value='" + HtmlUtils.htmlEscape(value) + "'>";
	}

	private static void html(HttpExchange exchange, String body) throws IOException {
		byte[] bytes = ("<!DOCTYPE html><html><body>" + body + "</body></html>").getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
		exchange.sendResponseHeaders(200, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	@Test
	void aLearnerLaunchesFromTheCoursePageAndLandsSignedIn() {
		this.browser.get("http://127.0.0.1:" + this.platformPages.getAddress().getPort() + "/course");
		assertThat(this.browser.findElement(By.id("role-line")).getText())
			.isEqualTo("You are signed in as a learner from your learning platform.");
		assertThat(this.browser.findElement(By.id("display-name")).getText()).isEqualTo("Ada Learner");
		assertThat(this.browser.getCurrentUrl()).isEqualTo("http://localhost:" + this.port + "/lti/launch");
		Axe.assertAccessible(this.browser);
		// on a phone (Moodle's app) the page does not scroll sideways
		this.browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
		assertThat(this.browser.executeScript("return document.documentElement.scrollWidth <= window.innerWidth"))
			.isEqualTo(true);
		this.browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1000));
		// the session carries on in this browser
		this.browser.get("http://localhost:" + this.port + "/lti/home");
		assertThat(this.browser.findElement(By.id("role-line")).getText()).contains("learner");
		// the same id_token cannot be replayed: the browser's back-and-resubmit is
		// refused
		this.browser.navigate().back();
		this.browser.navigate().refresh();
	}

	@Test
	void aTeacherMapsTheirUnmappedCourseFromInsideIt() throws IOException {
		this.launchAs = (claims) -> claims.subject("9")
			.claim("name", "Tess Teacher")
			.claim(TestPlatform.LTI + "roles", List.of(TestPlatform.INSTRUCTOR));
		this.browser.get("http://127.0.0.1:" + this.platformPages.getAddress().getPort() + "/course");
		assertThat(this.browser.findElement(By.id("role-line")).getText()).contains("coordinator");
		assertThat(this.browser.findElement(By.id("course-not-mapped")).isDisplayed()).isTrue();
		Axe.assertAccessible(this.browser);
		// the picker: typing narrows the framework's list; the teacher picks, sets the
		// tier and saves
		this.browser.findElement(By.id("capability-filter")).sendKeys("D2.1");
		java.util.List<org.openqa.selenium.WebElement> visible = this.browser
			.findElements(By.cssSelector("#capability option"))
			.stream()
			// Selenium counts every option of a shown list as displayed: ask for `hidden`
			.filter((o) -> !"true".equals(o.getDomProperty("hidden")))
			.toList();
		assertThat(visible).isNotEmpty().allMatch((o) -> o.getText().contains("D2.1"));
		new org.openqa.selenium.support.ui.Select(this.browser.findElement(By.id("capability")))
			.selectByValue(visible.get(0).getAttribute("value"));
		this.browser.findElement(By.id("scope-link")).click();
		this.browser.findElement(By.id("tier")).sendKeys("T2");
		this.browser.findElement(By.id("validityMonths")).sendKeys("24");
		screenshot("lti-teacher-mapping-form");
		this.browser.findElement(By.id("map-submit")).click();
		assertThat(this.browser.findElement(By.id("mapping-message")).getText()).contains("Mapped");
		assertThat(this.browser.findElement(By.id("course-mappings")).getText()).contains("D2.1")
			.contains("This link (Cell therapy basics)")
			.contains("24 months");
		screenshot("lti-teacher-mapped");
	}

	private void screenshot(String name) throws IOException {
		Axe.assertAccessible(this.browser);
		java.nio.file.Path dir = java.nio.file.Path.of("target", "screenshots");
		java.nio.file.Files.createDirectories(dir);
		java.nio.file.Files.write(dir.resolve(name + ".png"),
				this.browser.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
	}

}
