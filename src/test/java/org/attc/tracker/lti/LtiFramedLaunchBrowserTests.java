package org.attc.tracker.lti;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Moodle's embedded launch in headless Chromium, as the recorded Moodle 4.5.6 did it: the
 * activity page frames {@code launch.php}, whose form posts the login initiation with a
 * JSON {@code lti_message_hint}; the tool's redirect reaches the platform's auth endpoint
 * with the hint unchanged; inside the frame the learner then opens "See all your
 * capabilities", which the browser shows only if the page's CSP lets this platform frame
 * it. Platform and tool are both on 127.0.0.1 (one site, as in the local trial the docs
 * describe).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class LtiFramedLaunchBrowserTests {

	static final String MOODLE_HINT = "{\"cmid\":5,\"launchid\":\"ltilaunch1_274284843\"}";

	@LocalServerPort
	int port;

	@Autowired
	PlatformRegistrations registrations;

	ChromeDriver browser;

	TestPlatform platform;

	HttpServer platformPages;

	volatile String hintReceived;

	@BeforeEach
	void setUp() throws IOException {
		this.browser = Browser.startOrSkip();
		this.platform = new TestPlatform();
		this.platformPages = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		String pages = "http://127.0.0.1:" + this.platformPages.getAddress().getPort();
		String tool = "http://127.0.0.1:" + this.port;
		// view.php: the activity embedded in an iframe on launch.php
		this.platformPages.createContext("/mod/lti/view.php",
				(exchange) -> html(exchange,
						"<h1>ATMP Handling Induction</h1><iframe id='contentframe' src='/mod/lti/launch.php?id=5' "
								+ "width='1200' height='900'></iframe>"));
		this.platformPages.createContext("/mod/lti/launch.php", (exchange) -> html(exchange,
				"<form id='f' " + "method='post' action='" + tool + "/lti/login'>" + hidden("iss", this.platform.issuer)
						+ hidden("target_link_uri", tool + "/lti/launch") + hidden("login_hint", "5")
						+ hidden("lti_message_hint", MOODLE_HINT) + hidden("client_id", this.platform.clientId)
						+ hidden("lti_deployment_id", this.platform.deploymentId)
						+ "</form><script>document.getElementById('f').submit()</script>"));
		this.platformPages.createContext("/mod/lti/auth.php", (exchange) -> {
			Map<String, String> params = LtiHttp.query("http://x/?" + exchange.getRequestURI().getRawQuery());
			this.hintReceived = params.get("lti_message_hint");
			String token = this.platform.signedLaunch(params.get("nonce"),
					(claims) -> claims.subject("5").claim("name", "Priya Raman"));
			html(exchange,
					"<form id='f' method='post' action='" + HtmlUtils.htmlEscape(params.get("redirect_uri")) + "'>"
							+ hidden("id_token", token) + hidden("state", params.get("state"))
							+ "</form><script>document.getElementById('f').submit()</script>");
		});
		this.platformPages.start();
		this.registrations.register(new PlatformDetails("Framing Moodle", this.platform.issuer, this.platform.clientId,
				List.of(this.platform.deploymentId), pages + "/mod/lti/auth.php", this.platform.tokenUrl(),
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
	void anEmbeddedLaunchWithMoodlesJsonHintLandsAndMyCapabilitiesOpensInsideTheFrame() {
		this.browser.get("http://127.0.0.1:" + this.platformPages.getAddress().getPort() + "/mod/lti/view.php?id=5");
		this.browser.switchTo().frame("contentframe");
		WebDriverWait wait = new WebDriverWait(this.browser, Duration.ofSeconds(20));
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("role-line")));
		assertThat(this.browser.findElement(By.id("role-line")).getText()).contains("learner");
		assertThat(this.hintReceived).isEqualTo(MOODLE_HINT);

		this.browser.findElement(By.id("my-capabilities")).click();
		// a page refused by frame-ancestors never renders its heading in the frame
		wait.until(ExpectedConditions.presenceOfElementLocated(By.tagName("h1")));
		assertThat(this.browser.findElement(By.tagName("h1")).getText()).isEqualTo("My capabilities");
		// inside the frame, as the learner sees it in Moodle
		Axe.assertAccessible(this.browser);
		// the frame's own address (WebDriver's current URL is the top page's)
		assertThat(this.browser.executeScript("return document.location.href"))
			.isEqualTo("http://127.0.0.1:" + this.port + "/my/capabilities");
		assertThat(this.browser.getCurrentUrl()).contains("/mod/lti/view.php");
	}

}
