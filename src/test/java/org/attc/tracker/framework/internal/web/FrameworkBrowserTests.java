package org.attc.tracker.framework.internal.web;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.attc.tracker.support.Axe;
import org.attc.tracker.support.TestAccounts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Import with preview and browsing, in real headless Chromium. Skipped where Chromium or
 * its driver is not installed.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class FrameworkBrowserTests {

	private static final String CHROMIUM = "/usr/bin/chromium";

	private static final String DRIVER = "/usr/bin/chromedriver";

	@LocalServerPort
	int port;

	WebDriver browser;

	@BeforeEach
	void startBrowser() {
		assumeTrue(new File(CHROMIUM).canExecute() && new File(DRIVER).canExecute(),
				"headless Chromium and chromedriver are not installed");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM);
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
				"--window-size=1280,1600");
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER))
			.usingAnyFreePort()
			.build();
		this.browser = new ChromeDriver(service, options);
		this.browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
	}

	@AfterEach
	void stopBrowser() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	String url(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

	void signIn() {
		this.browser.get(url("/login"));
		this.browser.findElement(By.id("username")).sendKeys(TestAccounts.ADMIN);
		this.browser.findElement(By.id("password")).sendKeys(TestAccounts.ADMIN_PASSWORD);
		this.browser.findElement(By.cssSelector("form button[type=submit]")).click();
	}

	@Test
	void anAdministratorImportsAFrameworkAfterSeeingTheDiffAndThenAnotherVersion() throws IOException {
		signIn();
		this.browser.get(url("/frameworks"));
		this.browser.findElement(By.id("import-link")).click();
		Path first = fixtureFile("case-browser-v1.json", "case-v1.json", "9d1e6b52-7a3c-4c1e-9f0a-1b2c3d4e5f60",
				"7a7a7a7a-7a3c-4c1e-9f0a-1b2c3d4e5f60");
		this.browser.findElement(By.id("file")).sendKeys(first.toString());
		this.browser.findElement(By.id("preview-button")).click();

		assertThat(this.browser.findElement(By.id("becomes")).getText()).isEqualTo("A new framework (version 1)");
		assertThat(this.browser.findElement(By.id("diff-heading")).getText()).startsWith("5 added");
		Axe.assertAccessible(this.browser);
		this.browser.findElement(By.id("confirm-import")).click();
		assertThat(this.browser.findElement(By.id("imported-banner")).getText()).contains("Imported as version 1");
		Axe.assertAccessible(this.browser);

		this.browser.get(url("/frameworks/import"));
		Path second = fixtureFile("case-browser-v2.json", "case-v2.json", "9d1e6b52-7a3c-4c1e-9f0a-1b2c3d4e5f60",
				"7a7a7a7a-7a3c-4c1e-9f0a-1b2c3d4e5f60");
		this.browser.findElement(By.id("file")).sendKeys(second.toString());
		this.browser.findElement(By.id("preview-button")).click();
		assertThat(this.browser.findElement(By.id("becomes")).getText()).contains("Version 2");
		assertThat(this.browser.findElement(By.id("diff-heading")).getText())
			.isEqualTo("1 added, 1 removed, 2 changed, 2 unchanged");
		assertThat(this.browser.findElement(By.id("diff-changed")).getText()).contains("tier 2 descriptor")
			.contains("informs the sponsor");
		screenshot("framework-import-preview");
		this.browser.findElement(By.id("confirm-import")).click();
		assertThat(this.browser.findElement(By.id("imported-banner")).getText()).contains("Imported as version 2");
	}

	@Test
	void aPersonBrowsesTheSampleSearchesAndOpensACapability() throws IOException {
		signIn();
		this.browser.get(url("/frameworks"));
		this.browser.findElement(By.partialLinkText("ILLUSTRATIVE")).click();
		assertThat(this.browser.findElement(By.id("illustrative-warning")).getText()).contains("ILLUSTRATIVE");
		assertThat(this.browser.findElements(By.cssSelector("#tree tr.app-capability"))).hasSizeBetween(30, 50);
		screenshot("framework-browse");

		this.browser.findElement(By.id("q")).sendKeys("neurotoxicity");
		this.browser.findElement(By.id("search-button")).click();
		assertThat(this.browser.findElement(By.id("search-count")).getText()).isEqualTo("1 item(s) match.");
		Axe.assertAccessible(this.browser);
		this.browser.findElement(By.partialLinkText("Neurotoxicity")).click();

		assertThat(this.browser.findElement(By.id("statement")).getText()).contains("ICANS");
		assertThat(this.browser.findElements(By.cssSelector("#tier-descriptors tbody tr"))).hasSize(3);
		assertThat(this.browser.findElement(By.id("needed-by")).getText()).contains("Research nurse");
		screenshot("framework-capability");
	}

	private static Path fixtureFile(String name, String fixture, String from, String to) throws IOException {
		Path dir = Path.of("target", "browser-uploads");
		Files.createDirectories(dir);
		Path file = dir.resolve(name).toAbsolutePath();
		String text = new String(FrameworkApiHttpTests.fixture(fixture), java.nio.charset.StandardCharsets.UTF_8);
		// other identifiers too: capabilities of two frameworks must not share
		// identifiers
		Files.writeString(file,
				text.replace(from, to).replace("a1000000-", "a7000000-").replace("b2000000-", "b7000000-"));
		return file;
	}

	private void screenshot(String name) throws IOException {
		Axe.assertAccessible(this.browser);
		Path dir = Path.of("target", "screenshots");
		Files.createDirectories(dir);
		byte[] png = ((TakesScreenshot) this.browser).getScreenshotAs(OutputType.BYTES);
		Files.write(dir.resolve(name + ".png"), png);
	}

}
