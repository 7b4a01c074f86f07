package org.attc.tracker.progress;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.attc.tracker.support.Axe;
import org.attc.tracker.support.Browser;
import org.attc.tracker.support.HttpTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The learner page, the matrix with a filter and an export download, and the readiness
 * board, used as people use them in headless Chromium; screenshots in
 * target/screenshots/.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ProgressBrowserTests {

	private static final Path SCREENSHOTS = Path.of("target", "screenshots");

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	PasswordEncoder passwordEncoder;

	ChromeDriver browser;

	ProgressTestData data;

	@BeforeEach
	void open() {
		this.browser = Browser.startOrSkip();
		this.data = ProgressTestData.create(new HttpTestClient(this.port), this.jdbc, this.passwordEncoder);
	}

	@AfterEach
	void close() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	private void signIn(String user) {
		this.browser.get("http://127.0.0.1:" + this.port + "/login");
		this.browser.findElement(By.id("username")).sendKeys(user);
		this.browser.findElement(By.id("password")).sendKeys(this.data.password);
		this.browser.findElement(By.cssSelector("button[type=submit]")).click();
		assertThat(this.browser.findElement(By.cssSelector(".app-signed-in")).getText()).contains(user);
	}

	private void screenshot(String name) throws IOException {
		Axe.assertAccessible(this.browser);
		Files.createDirectories(SCREENSHOTS);
		// the whole page, not just the window
		Object height = this.browser.executeScript("return document.documentElement.scrollHeight");
		this.browser.manage()
			.window()
			.setSize(new org.openqa.selenium.Dimension(1280,
					Math.min(4000, Math.max(1000, ((Number) height).intValue()))));
		Files.write(SCREENSHOTS.resolve(name + ".png"), this.browser.getScreenshotAs(OutputType.BYTES));
	}

	@Test
	void aLearnerReadsTheirCapabilitiesWithStatusInWordsAndHowToCloseEachGap() throws IOException {
		signIn(this.data.aliceAccount);
		this.browser.get("http://127.0.0.1:" + this.port + "/my/capabilities");
		assertThat(this.browser.findElement(By.tagName("h1")).getText()).isEqualTo("My capabilities");
		assertThat(this.browser.findElement(By.tagName("h2")).getText()).isEqualTo("Research nurse (RN)");
		WebElement held = this.browser.findElement(By.cssSelector("tr[data-capability='D9.1']"));
		assertThat(held.findElement(By.cssSelector(".app-status")).getText()).contains("Achieved");
		WebElement gap = this.browser.findElement(By.cssSelector("tr[data-capability='D1.1']"));
		assertThat(gap.findElement(By.cssSelector(".app-status")).getText()).contains("Not started");
		assertThat(gap.getText()).contains("How to close this gap", this.data.activityName("D1.1"))
			.doesNotContain(this.data.activity("D1.1"));
		// the evidence opens with the keyboard as well as the mouse (a <details> element)
		held.findElement(By.cssSelector("summary")).click();
		assertThat(held.getText()).contains("score 85%");
		screenshot("progress-learner-capabilities");
	}

	@Test
	void aCoordinatorFiltersTheMatrixDrillsDownAndDownloadsTheExport() throws IOException, InterruptedException {
		signIn(this.data.coordinatorA);
		this.browser.get("http://127.0.0.1:" + this.port + "/coordinator/matrix");
		assertThat(rowNames()).containsExactly("Alice Ahmed", "Bob Brown", "Dev Desai");
		Axe.assertAccessible(this.browser);
		new Select(this.browser.findElement(By.id("status"))).selectByValue("expiring");
		this.browser.findElement(By.cssSelector(".app-filters button[type=submit]")).click();
		awaitUrlContaining("status=expiring");
		assertThat(rowNames()).containsExactly("Bob Brown", "Dev Desai");
		screenshot("progress-coordinator-matrix-filtered");

		Path downloads = Files.createTempDirectory("progress-downloads");
		this.browser.executeCdpCommand("Browser.setDownloadBehavior",
				Map.of("behavior", "allow", "downloadPath", downloads.toAbsolutePath().toString()));
		this.browser.findElement(By.id("export-csv")).click();
		Path file = awaitDownload(downloads);
		List<String> lines = Files.readAllLines(file);
		assertThat(lines).hasSize(3);
		assertThat(lines.get(1)).contains("Bob Brown", "Expiring soon");
		assertThat(lines.get(2)).contains("Dev Desai");

		this.browser.findElement(By.linkText("Bob Brown")).click();
		assertThat(this.browser.findElement(By.cssSelector(".govuk-caption-l")).getText()).isEqualTo("Bob Brown");
		assertThat(this.browser.findElement(By.cssSelector("tr[data-capability='D1.1'] .app-status")).getText())
			.contains("Expiring soon");
		Axe.assertAccessible(this.browser);
	}

	@Test
	void aCoordinatorSortsTheMatrixFurthestBehindFirst() throws IOException {
		signIn(this.data.coordinatorA);
		this.browser.get("http://127.0.0.1:" + this.port + "/coordinator/matrix");
		new Select(this.browser.findElement(By.id("sort"))).selectByValue("behind");
		this.browser.findElement(By.cssSelector(".app-filters button[type=submit]")).click();
		awaitUrlContaining("sort=behind");
		// the order the API gives for the same sort (ProgressHttpTests checks that order)
		HttpTestClient http = new HttpTestClient(this.port);
		java.util.List<String> expected = new java.util.ArrayList<>();
		tools.jackson.databind.json.JsonMapper.builder()
			.build()
			.readTree(
					this.data.as(this.data.coordinatorA, http.request("/api/progress/matrix?sort=behind").GET()).body())
			.get("rows")
			.forEach((r) -> expected.add(r.get("name").asString()));
		assertThat(rowNames()).isNotEmpty().containsExactlyElementsOf(expected);
		assertThat(new Select(this.browser.findElement(By.id("sort"))).getFirstSelectedOption().getText())
			.isEqualTo("Furthest behind first");
		screenshot("progress-coordinator-matrix-sorted");
	}

	@Test
	void aCoordinatorSetsATargetOnTheReadinessBoard() throws IOException {
		signIn(this.data.coordinatorA);
		this.browser.get("http://127.0.0.1:" + this.port + "/coordinator/readiness?organisation=" + this.data.siteA1);
		WebElement target = this.browser.findElement(By.id("target-" + this.data.siteA1 + "-DM"));
		target.clear();
		target.sendKeys("1");
		target.findElement(By.xpath("ancestor::form//button")).click();
		assertThat(this.browser.findElement(By.cssSelector(".govuk-notification-banner")).getText())
			.contains("set to 1");
		Axe.assertAccessible(this.browser);
		this.browser.get("http://127.0.0.1:" + this.port + "/coordinator/readiness?organisation=" + this.data.siteA1
				+ "&by=" + java.time.LocalDate.now().plusDays(60));
		WebElement line = this.browser.findElement(By.cssSelector("#site-" + this.data.siteA1 + " tr[data-role='DM']"));
		assertThat(line.findElement(By.cssSelector(".app-status")).getText()).contains("At risk");
		screenshot("progress-readiness-board");
		// the lapsing count leads to the person and what lapses
		line.findElement(By.partialLinkText("lapsing")).click();
		WebElement dev = this.browser.findElement(By.cssSelector("#people tr[data-learner='" + this.data.dev + "']"));
		assertThat(dev.getText()).contains("Dev Desai", "D2.4", "expires");
	}

	@Test
	void fromTheStartPageACoordinatorSeesWhoIsNotReadyForARoleAndWhatEachLacksInTwoClicks() throws IOException {
		signIn(this.data.coordinatorA);
		this.browser.get("http://127.0.0.1:" + this.port + "/");
		// one: the readiness board, from the start page
		this.browser.findElement(By.linkText("Site readiness")).click();
		// two: the count of research nurses at the site who do not meet the profile now
		WebElement line = this.browser.findElement(By.cssSelector("#site-" + this.data.siteA1 + " tr[data-role='RN']"));
		WebElement notReady = line.findElement(By.cssSelector("a.app-not-ready"));
		assertThat(notReady.getText()).isEqualTo("1");
		notReady.click();
		assertThat(this.browser.findElement(By.tagName("h1")).getText()).contains("Not meeting it now",
				"Research nurse (RN)");
		List<WebElement> people = this.browser.findElements(By.cssSelector("#people tbody tr"));
		assertThat(people).hasSize(1);
		WebElement alice = people.get(0);
		// her site by name, not by code
		assertThat(alice.getText()).contains("Alice Ahmed", "Northgate General " + this.data.suffix + " · RN")
			.doesNotContain(this.data.siteA1);
		WebElement gap = alice.findElement(By.cssSelector("li[data-capability='D1.1']"));
		// what she lacks, and an activity that closes it: the first of the capability's
		// routes (others' tests may have mapped D1.1 too), the rest on her own page
		assertThat(gap.getText()).contains("needed", "Closed by");
		String shown = gap.findElement(By.cssSelector(".app-break")).getText();
		tools.jackson.databind.JsonNode answer = tools.jackson.databind.json.JsonMapper.builder()
			.build()
			.readTree(this.data
				.asAdmin(new HttpTestClient(this.port)
					.request("/api/progress/readiness/people?organisation=" + this.data.siteA1 + "&role=RN")
					.GET())
				.body());
		List<String> targets = new java.util.ArrayList<>();
		answer.get("page").get("items").get(0).get("gaps").forEach((g) -> {
			if (g.get("code").asString().equals("D1.1")) {
				targets.addAll(g.get("routes").findValuesAsString("target"));
			}
		});
		assertThat(targets).contains(this.data.activity("D1.1")).first().isEqualTo(shown);
		assertThat(alice.findElements(By.cssSelector("li[data-capability='D9.1']"))).isEmpty();
		screenshot("progress-who-is-not-ready");
	}

	@Test
	void aCoordinatorReadsTrendsAsAChartWithItsDataTable() throws IOException {
		signIn(this.data.coordinatorA);
		this.browser.get("http://127.0.0.1:" + this.port + "/coordinator/trends");
		assertThat(this.browser.findElement(By.tagName("h1")).getText()).isEqualTo("Attainment over time");
		// Chart.js from the webjar drew the chart from the table under it
		WebElement chart = this.browser.findElement(By.id("chart-domains"));
		assertThat(chart.getAttribute("data-drawn")).isEqualTo("true");
		assertThat(chart.getSize().getHeight()).isGreaterThan(100);
		List<WebElement> rows = this.browser.findElements(By.cssSelector("#table-domains tbody tr"));
		assertThat(rows).isNotEmpty();
		assertThat(this.browser.findElements(By.cssSelector("#table-domains thead th"))).hasSize(13);
		assertThat(this.browser.findElement(By.id("table-organisations")).getText()).contains(this.data.siteA1);
		screenshot("progress-trends");
		new Select(this.browser.findElement(By.id("organisation"))).selectByValue(this.data.siteA1);
		this.browser.findElement(By.cssSelector(".app-filters button[type=submit]")).click();
		awaitUrlContaining("organisation=" + this.data.siteA1);
		assertThat(this.browser.findElement(By.id("chart-domains")).getAttribute("data-drawn")).isEqualTo("true");
	}

	@Test
	void aCoordinatorNarrowsTheMatrixToAnLmsCourse() throws IOException {
		long platform = 800_000 + (long) (Math.random() * 99_999);
		this.jdbc.update("INSERT INTO lti_launch (platform_id, deployment_id, subject, message_type, context_id, "
				+ "context_title, app_role, launched_at, learner_id) VALUES (?, 'd1', ?, 'LtiResourceLinkRequest', ?, ?, "
				+ "'LEARNER', NOW(6), ?)", platform, "sub-dev", "ctx-" + this.data.suffix,
				"Gene therapy handling " + this.data.suffix, this.data.dev);
		signIn(this.data.coordinatorA);
		this.browser.get("http://127.0.0.1:" + this.port + "/coordinator/matrix");
		assertThat(rowNames()).containsExactly("Alice Ahmed", "Bob Brown", "Dev Desai");
		new Select(this.browser.findElement(By.id("course")))
			.selectByVisibleText("Gene therapy handling " + this.data.suffix);
		this.browser.findElement(By.cssSelector(".app-filters button[type=submit]")).click();
		awaitUrlContaining("course=");
		assertThat(rowNames()).containsExactly("Dev Desai");
		assertThat(this.browser.findElement(By.id("export-csv")).getAttribute("href")).contains("course=");
		screenshot("progress-matrix-course-filter");
	}

	private List<String> rowNames() {
		return this.browser.findElements(By.cssSelector("#matrix tbody th a"))
			.stream()
			.map(WebElement::getText)
			.toList();
	}

	private static Path awaitDownload(Path directory) throws IOException, InterruptedException {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
		while (Instant.now().isBefore(deadline)) {
			try (Stream<Path> files = Files.list(directory)) {
				List<Path> done = files.filter((f) -> f.toString().endsWith(".csv")).toList();
				if (!done.isEmpty()) {
					return done.get(0);
				}
			}
			Thread.sleep(100);
		}
		throw new AssertionError("no CSV downloaded into " + directory);
	}

	/**
	 * A click on a submit button can return before the browser has navigated: waits
	 * (boundedly) for the new page's address, and fails if it never comes.
	 */
	private void awaitUrlContaining(String fragment) {
		new org.openqa.selenium.support.ui.WebDriverWait(this.browser, java.time.Duration.ofSeconds(10))
			.until(org.openqa.selenium.support.ui.ExpectedConditions.urlContains(fragment));
		assertThat(this.browser.getCurrentUrl()).contains(fragment);
	}

}
