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
import org.openqa.selenium.support.ui.Select;
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
		// the tier is chosen from the framework's tiers
		new Select(this.browser.findElement(By.id("tier"))).selectByValue("2");
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

	/** A national mapping made through the API, as an administrator. */
	private long mapping(String activityId) {
		HttpTestClient api = new HttpTestClient(this.port);
		java.net.http.HttpResponse<String> created = api.send(api.request("/api/mappings")
			.header("Authorization", HttpTestClient.basic(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD))
			.header("Content-Type", "application/json")
			.POST(java.net.http.HttpRequest.BodyPublishers
				.ofString("{\"activityId\":\"" + activityId + "\",\"capability\":\"D2.1\",\"tier\":\"T2\"}")));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		java.util.regex.Matcher id = java.util.regex.Pattern.compile("\"id\"\\s*:\\s*(\\d+)").matcher(created.body());
		assertThat(id.find()).isTrue();
		return Long.parseLong(id.group(1));
	}

	@Test
	void changeOpensTheFormWithTheFocusOnIt() {
		long id = mapping(this.site + "/mod/quiz/view.php?id=21");
		this.browser.get(url("/mappings"));
		this.browser.findElement(By.cssSelector("a[href='/mappings/" + id + "/edit']")).click();
		new WebDriverWait(this.browser, Duration.ofSeconds(5))
			.until((d) -> d.findElement(By.id("mapping-form-heading")).getText().equals("Change mapping " + id));
		Object focused = this.browser.executeScript("return document.activeElement.id");
		assertThat(focused).isEqualTo("mapping-form-heading");
		Object visible = this.browser.executeScript(
				"const r = arguments[0].getBoundingClientRect();"
						+ "return r.top >= 0 && r.bottom <= window.innerHeight;",
				this.browser.findElement(By.id("mapping-form-heading")));
		assertThat(visible).isEqualTo(true);
		assertThat(new Select(this.browser.findElement(By.id("tier"))).getFirstSelectedOption().getAttribute("value"))
			.isEqualTo("2");
		assertThat(this.browser.findElement(By.id("capability")).getAttribute("value")).isEqualTo("D2.1");
	}

	@Test
	void deleteAsksFirstAndKeepingTheMappingChangesNothing() {
		long id = mapping(this.site + "/mod/quiz/view.php?id=22");
		this.browser.get(url("/mappings"));
		this.browser.findElement(By.cssSelector("a[href='/mappings/" + id + "/delete']")).click();
		assertThat(this.browser.findElement(By.tagName("h1")).getText()).isEqualTo("Delete mapping " + id + "?");
		assertThat(this.browser.findElement(By.id("learners-losing-credit")).getText())
			.contains("No learner holds credit from this mapping now");
		this.browser.findElement(By.id("keep-mapping")).click();
		assertThat(this.browser.findElements(By.cssSelector("a[href='/mappings/" + id + "/edit']"))).hasSize(1);

		this.browser.findElement(By.cssSelector("a[href='/mappings/" + id + "/delete']")).click();
		this.browser.findElement(By.id("confirm-delete")).click();
		assertThat(this.browser.findElement(By.cssSelector(".govuk-notification-banner")).getText())
			.contains("Mapping " + id + " deleted");
		assertThat(this.browser.findElements(By.cssSelector("a[href='/mappings/" + id + "/edit']"))).isEmpty();
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
