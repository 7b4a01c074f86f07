package org.attc.tracker.crediting;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import org.attc.tracker.identity.Learners;
import org.attc.tracker.shared.AgentIdentifier;
import org.attc.tracker.shared.LearnerId;
import org.attc.tracker.support.Axe;
import org.attc.tracker.support.Browser;
import org.attc.tracker.support.HttpTestClient;
import org.attc.tracker.support.LrsTestClient;
import org.attc.tracker.support.TestAccounts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A coordinator maps a Moodle quiz and looks at a learner's linked identifiers, in
 * Chromium.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class MappingAndLearnerPagesBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	Learners learners;

	ChromeDriver browser;

	String site;

	@BeforeEach
	void open() {
		this.browser = Browser.startOrSkip();
		this.site = "http://moodle-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
		this.browser.get(url("/login"));
		this.browser.findElement(By.id("username")).sendKeys(TestAccounts.ADMIN);
		this.browser.findElement(By.id("password")).sendKeys(TestAccounts.ADMIN_PASSWORD);
		this.browser.findElement(By.cssSelector("button[type=submit]")).click();
	}

	@AfterEach
	void close() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	private String url(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

	private void screenshot(String name) throws Exception {
		Axe.assertAccessible(this.browser);
		Path dir = Path.of("target", "screenshots");
		Files.createDirectories(dir);
		Files.write(dir.resolve(name + ".png"), this.browser.getScreenshotAs(OutputType.BYTES));
	}

	@Test
	void aCoordinatorPreviewsThenSavesAMappingAndSeesItListed() throws Exception {
		LrsTestClient.create(new HttpTestClient(this.port))
			.post(LrsTestClient.moodleLive("034-core.course_module_completion_updated.json", this.site, null));
		this.browser.get(url("/mappings"));
		this.browser.findElement(By.id("activityId")).sendKeys(this.site + "/mod/quiz/view.php?id=10");
		this.browser.findElement(By.id("capability")).sendKeys("D2.1");
		this.browser.findElement(By.id("tier")).sendKeys("T2");
		this.browser.findElement(By.id("validityMonths")).sendKeys("24");
		this.browser.findElement(By.cssSelector("button[value=preview]")).click();
		assertThat(this.browser.findElement(By.cssSelector(".govuk-inset-text")).getText())
			.startsWith("This mapping would credit 1 learner now");
		Axe.assertAccessible(this.browser);

		this.browser.findElement(By.cssSelector("button[value=save]")).click();
		assertThat(this.browser.findElement(By.cssSelector(".govuk-notification-banner")).getText()).contains("saved");
		assertThat(this.browser.findElement(By.cssSelector("table")).getText()).contains(this.site)
			.contains("D2.1")
			.contains("24 months");
		screenshot("mappings");
	}

	@Test
	void aMistakeInTheFormIsExplainedNextToTheField() {
		this.browser.get(url("/mappings"));
		this.browser.findElement(By.id("activityId")).sendKeys("not an IRI");
		this.browser.findElement(By.cssSelector("button[value=save]")).click();
		String summary = this.browser.findElement(By.cssSelector(".govuk-error-summary")).getText();
		Axe.assertAccessible(this.browser);
		assertThat(summary).contains("activityId").contains("capability").contains("tier");
	}

	@Test
	void aLearnerPageExplainsWhyEachIdentifierIsTheirs() throws Exception {
		String email = "page-" + UUID.randomUUID().toString().substring(0, 8) + "@nhs.net";
		LearnerId id = this.learners.resolveActor(AgentIdentifier.mbox("mailto:" + email), "Robin <Nurse>");
		this.browser.get(url("/learners/" + id));
		new WebDriverWait(this.browser, Duration.ofSeconds(5))
			.until((d) -> d.findElement(By.tagName("h1")).getText().contains("Robin"));
		// the name is shown as text, not markup
		assertThat(this.browser.findElement(By.tagName("h1")).getText()).isEqualTo("Robin <Nurse>");
		String identifiers = this.browser.findElement(By.cssSelector("table")).getText();
		assertThat(identifiers).contains("mailto:" + email)
			.contains("First seen with this identifier")
			.contains("SHA-1 of an e-mail address");
		screenshot("learner-identifiers");
	}

}
