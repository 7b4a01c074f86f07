package org.attc.tracker.identity.internal;

import org.attc.tracker.support.Axe;
import org.attc.tracker.support.Browser;
import org.attc.tracker.support.TestAccounts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** Signing in and out as a person does, in headless Chromium. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class LoginPageBrowserTests {

	@LocalServerPort
	int port;

	ChromeDriver browser;

	@BeforeEach
	void open() {
		this.browser = Browser.startOrSkip();
	}

	@AfterEach
	void close() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@Test
	void anAdministratorSignsInAndOut() {
		this.browser.get("http://127.0.0.1:" + this.port + "/");
		assertThat(this.browser.getCurrentUrl()).endsWith("/login");
		assertThat(this.browser.findElement(By.tagName("h1")).getText()).isEqualTo("Sign in");
		Axe.assertAccessible(this.browser);

		this.browser.findElement(By.id("username")).sendKeys(TestAccounts.ADMIN);
		this.browser.findElement(By.id("password")).sendKeys(TestAccounts.ADMIN_PASSWORD);
		this.browser.findElement(By.cssSelector("button[type=submit]")).click();

		assertThat(this.browser.findElement(By.cssSelector(".app-signed-in")).getText())
			.isEqualTo("Signed in as " + TestAccounts.ADMIN);
		// GOV.UK Frontend's script ran: the CSP allows what the page needs and nothing
		// inline
		assertThat(this.browser.findElement(By.tagName("body")).getAttribute("class")).contains("js-enabled");
		Axe.assertAccessible(this.browser);

		this.browser.findElement(By.cssSelector(".app-signout")).click();
		// the click can return before the browser has navigated
		new org.openqa.selenium.support.ui.WebDriverWait(this.browser, java.time.Duration.ofSeconds(10))
			.until(org.openqa.selenium.support.ui.ExpectedConditions.urlContains("/login?logout"));
		assertThat(this.browser.getCurrentUrl()).endsWith("/login?logout");
		assertThat(this.browser.getPageSource()).contains("You have signed out.");
		Axe.assertAccessible(this.browser);
	}

	@Test
	void aWrongPasswordIsExplainedOnThePage() {
		this.browser.get("http://127.0.0.1:" + this.port + "/login");
		this.browser.findElement(By.id("username")).sendKeys(TestAccounts.ADMIN);
		this.browser.findElement(By.id("password")).sendKeys("not-it");
		this.browser.findElement(By.cssSelector("button[type=submit]")).click();
		assertThat(this.browser.findElement(By.cssSelector(".govuk-error-summary")).getText())
			.contains("The username or password is not right");
		Axe.assertAccessible(this.browser);
	}

}
