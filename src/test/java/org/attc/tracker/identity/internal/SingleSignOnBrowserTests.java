package org.attc.tracker.identity.internal;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import org.attc.tracker.support.Axe;
import org.attc.tracker.support.Browser;
import org.attc.tracker.support.FakeOpenIdProvider;
import org.attc.tracker.support.HttpTestClient;
import org.attc.tracker.support.TestAccounts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signing in through the organisation's provider as a person does, in headless Chromium:
 * the button on the sign-in page, the round trip to the provider, and the message when
 * the person has no account. Screenshots in target/screenshots/.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SingleSignOnBrowserTests {

	private static final Path SCREENSHOTS = Path.of("target", "screenshots");

	@LocalServerPort
	int port;

	ChromeDriver browser;

	final FakeOpenIdProvider provider = FakeOpenIdProvider.running();

	final String suffix = UUID.randomUUID().toString().substring(0, 8);

	@BeforeEach
	void open() {
		this.browser = Browser.startOrSkip();
		this.provider.serveMetadata();
	}

	@AfterEach
	void close() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@Test
	void aPersonWithAnAccountSignsInWithTheButtonAndAStrangerIsToldWhy() throws Exception {
		String username = "sso-paula-" + this.suffix;
		String email = "paula-" + this.suffix + "@trust.nhs.uk";
		HttpTestClient admin = new HttpTestClient(this.port);
		HttpResponse<String> created = admin.send(admin.request("/api/users")
			.header("Authorization", HttpTestClient.basic(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + username
					+ "\",\"displayName\":\"Paula\",\"email\":\"" + email + "\",\"roles\":[\"PROGRAMME\"]}")));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

		this.provider.signsInInBrowser("paula-" + this.suffix, email);
		this.browser.get("http://127.0.0.1:" + this.port + "/login");
		screenshot("sso-sign-in-page");
		this.browser
			.findElement(By.cssSelector("a.app-sso-button[data-sso='" + FakeOpenIdProvider.REGISTRATION_ID + "']"))
			.click();
		assertThat(this.browser.findElement(By.cssSelector(".app-signed-in")).getText())
			.isEqualTo("Signed in as " + username);
		assertThat(this.browser.getCurrentUrl()).startsWith("http://127.0.0.1:" + this.port + "/");
		Axe.assertAccessible(this.browser);

		// signing out here signs out at the provider too, which sends the browser back
		this.provider.endsSessionsInBrowser();
		int signOuts = this.provider.signOuts();
		this.browser.findElement(By.cssSelector(".app-signout")).click();
		new WebDriverWait(this.browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/login?logout"));
		assertThat(this.provider.signOuts()).isEqualTo(signOuts + 1);

		this.provider.signsInInBrowser("stranger-" + this.suffix, "stranger-" + this.suffix + "@trust.nhs.uk");
		this.browser
			.findElement(By.cssSelector("a.app-sso-button[data-sso='" + FakeOpenIdProvider.REGISTRATION_ID + "']"))
			.click();
		new WebDriverWait(this.browser, Duration.ofSeconds(10))
			.until(ExpectedConditions.urlContains("/login?sso-error"));
		assertThat(this.browser.findElement(By.cssSelector(".govuk-error-summary")).getText())
			.contains("stranger-" + this.suffix + "@trust.nhs.uk is not registered for Capability Tracker");
		assertThat(this.browser.findElements(By.cssSelector(".app-signed-in"))).isEmpty();
		screenshot("sso-not-registered");
	}

	private void screenshot(String name) throws Exception {
		Axe.assertAccessible(this.browser);
		Files.createDirectories(SCREENSHOTS);
		Files.write(SCREENSHOTS.resolve(name + ".png"), this.browser.getScreenshotAs(OutputType.BYTES));
	}

}
