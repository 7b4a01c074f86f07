package org.attc.tracker.progress;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.attc.tracker.support.Axe;
import org.attc.tracker.support.Browser;
import org.attc.tracker.support.HttpTestClient;
import org.attc.tracker.support.TestAccounts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The layout every page shares, in headless Chromium, for every role: the navigation
 * offers only what the role may open, every page reached is clean under axe (WCAG 2
 * A/AA), error pages are pages with a way back, and on a 390 px phone nothing scrolls the
 * page sideways.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class PagesForEveryRoleBrowserTests {

	private static final List<String> PROGRESS_VIEWS = List.of("/coordinator/matrix", "/coordinator/expiring",
			"/coordinator/not-started", "/coordinator/recently-achieved", "/coordinator/readiness",
			"/coordinator/summary");

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

	@Test
	void everyRoleIsOfferedOnlyThePagesItMayOpenAndEachIsAccessible() {
		String programme = this.data.staff("PROGRAMME", null);
		String assessor = this.data.staff("ASSESSOR", this.data.trustA);
		Map<String, List<String>> navigation = new LinkedHashMap<>();
		navigation.put(this.data.aliceAccount, List.of("Start", "My capabilities"));
		navigation.put(this.data.coordinatorA,
				List.of("Start", "Learners", "Matrix", "Readiness", "Summary", "Mappings", "Frameworks"));
		navigation.put(programme, List.of("Start", "Learners", "Matrix", "Readiness", "Summary", "Frameworks"));
		navigation.put(assessor, List.of("Start"));
		navigation.put(TestAccounts.ADMIN, List.of("Start", "Learners", "Matrix", "Readiness", "Summary", "Mappings",
				"Frameworks", "Staff accounts"));
		navigation.forEach((user, expected) -> {
			signIn(user);
			visit("/");
			List<WebElement> links = this.browser.findElements(By.cssSelector("#app-navigation a"));
			assertThat(links).extracting(WebElement::getText)
				.as("navigation of %s", user)
				.containsExactlyElementsOf(expected);
			List<String> targets = links.stream().map((a) -> a.getAttribute("href")).toList();
			for (String target : targets) {
				this.browser.get(target);
				assertIsNotAnErrorPage();
				assertThat(this.browser.findElement(By.cssSelector("#app-navigation [aria-current=page]")).getText())
					.as("the navigation marks %s", target)
					.isNotBlank();
				Axe.assertAccessible(this.browser);
			}
			signOut();
		});
	}

	@Test
	void staffReachEveryProgressViewAndALearnerPageWithAWayBack() {
		signIn(this.data.coordinatorA);
		for (String view : PROGRESS_VIEWS) {
			visit(view);
			assertIsNotAnErrorPage();
		}
		visit("/coordinator/trends");
		visit("/learners/" + this.data.dev);
		visit("/learners/" + this.data.dev + "/capabilities");
		WebElement breadcrumbs = this.browser.findElement(By.id("breadcrumbs"));
		assertThat(breadcrumbs.findElements(By.tagName("a"))).extracting(WebElement::getText)
			.containsExactly("Start", "Learners", "Dev Desai");
		breadcrumbs.findElement(By.linkText("Dev Desai")).click();
		assertThat(this.browser.getCurrentUrl()).endsWith("/learners/" + this.data.dev);
		visit("/notifications/preferences");
		signOut();

		signIn(TestAccounts.ADMIN);
		for (String page : List.of("/admin/users", "/admin/sign-in-throttles", "/lti/admin/platforms",
				"/lti/admin/courses", "/admin/lrs-clients", "/admin/notifications", "/organisation-rules",
				"/learners/unassigned", "/frameworks/import")) {
			visit(page);
			assertIsNotAnErrorPage();
		}
	}

	@Test
	void browsersGetErrorPagesWithAWayBackWhileApiClientsKeepProblemJson() {
		// signed out: a record check with a token that was never issued
		visit("/verify/not-a-token");
		assertErrorPage("Page not found");

		signIn(this.data.coordinatorA);
		visit("/coordinator/matrix");
		// followed from a page of the service: the error page links back to it
		this.browser.executeScript("window.location.href = '/no/such/page'");
		new org.openqa.selenium.support.ui.WebDriverWait(this.browser, java.time.Duration.ofSeconds(10))
			.until((d) -> d.getCurrentUrl().endsWith("/no/such/page"));
		assertErrorPage("Page not found");
		assertThat(this.browser.findElement(By.id("back-to-previous")).getAttribute("href"))
			.endsWith("/coordinator/matrix");
		Axe.assertAccessible(this.browser);

		visit("/admin/users");
		assertErrorPage("You cannot see this page");
		visit("/learners/not-a-number/capabilities");
		assertErrorPage("The request was not right");

		// staff have no record of their own: a page that says so, not JSON
		visit("/my/capabilities");
		assertThat(this.browser.findElement(By.tagName("h1")).getText())
			.isEqualTo("Your account has no capability record of its own");
		assertThat(this.browser.findElement(By.linkText("Find a learner")).getAttribute("href")).endsWith("/learners");

		HttpTestClient api = new HttpTestClient(this.port);
		var unknown = this.data.as(this.data.coordinatorA,
				api.request("/api/no/such/thing").header("Accept", "application/json").GET());
		var unissued = api.send(api.request("/verify/not-a-token").header("Accept", "application/json").GET());
		for (var problem : List.of(unknown, unissued)) {
			assertThat(problem.statusCode()).isEqualTo(404);
			assertThat(problem.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
			assertThat(problem.body()).contains("\"status\":404");
		}
		var html = api.send(api.request("/verify/not-a-token").header("Accept", "text/html").GET());
		assertThat(html.statusCode()).isEqualTo(404);
		assertThat(html.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/html"));
		assertThat(html.body()).contains("<html lang=\"en\"", "Page not found");
	}

	@Test
	void onAPhoneNothingScrollsThePageSidewaysAndWideTablesScrollInTheirOwnRegion() {
		this.browser.manage().window().setSize(new Dimension(390, 844));
		signIn(this.data.aliceAccount);
		visit("/my/capabilities");
		assertNoSidewaysScroll();
		WebElement held = this.browser.findElement(By.cssSelector("tr[data-capability='D9.1']"));
		// a card per capability: expiry and evidence are on screen, each labelled
		WebElement expires = held.findElement(By.cssSelector("td[data-label='Expires']"));
		assertThat(expires.isDisplayed()).isTrue();
		assertInsideWindow(expires);
		assertInsideWindow(held.findElement(By.cssSelector("summary")));
		signOut();

		signIn(this.data.coordinatorA);
		for (String view : List.of("/coordinator/matrix", "/coordinator/expiring", "/coordinator/not-started",
				"/coordinator/recently-achieved", "/coordinator/readiness", "/coordinator/summary", "/learners",
				"/learners/" + this.data.dev + "/capabilities")) {
			visit(view);
			assertNoSidewaysScroll();
			for (WebElement table : this.browser.findElements(By.cssSelector("table.govuk-table:not(.app-cards)"))) {
				assertColumnsReachable(table);
			}
		}
	}

	@Test
	void onALaptopTheFrameworkListStaysOnThePage() {
		this.browser.manage().window().setSize(new Dimension(1366, 768));
		signIn(TestAccounts.ADMIN);
		visit("/coordinator/matrix");
		assertNoSidewaysScroll();
		assertInsideWindow(this.browser.findElement(By.id("framework")));
	}

	/** The table is in a labelled region that scrolls, with its name column fixed. */
	private void assertColumnsReachable(WebElement table) {
		WebElement region = table.findElement(By.xpath("./ancestor::div[@role='region'][1]"));
		assertThat(region.getAttribute("aria-label")).as("label of the region around %s", table.getAttribute("id"))
			.isNotBlank();
		WebElement name = table.findElement(By.cssSelector("tr > :first-child"));
		assertThat(name.getCssValue("position")).isEqualTo("sticky");
		List<WebElement> headers = table.findElements(By.cssSelector("thead th"));
		WebElement last = headers.get(headers.size() - 1);
		boolean scrolls = (Boolean) this.browser
			.executeScript("return arguments[0].scrollWidth > arguments[0].clientWidth", region);
		if (scrolls) {
			assertThat(region.getAttribute("tabindex")).as("a region that scrolls takes keyboard focus").isEqualTo("0");
		}
		this.browser.executeScript("arguments[0].scrollLeft = arguments[0].scrollWidth", region);
		assertInsideWindow(last);
	}

	private void assertNoSidewaysScroll() {
		Object overflow = this.browser.executeScript("return document.documentElement.scrollWidth - window.innerWidth");
		// on failure, the first elements that stick out say where to look
		Object culprits = this.browser.executeScript("""
				return [...document.querySelectorAll('body *')]
					.filter((e) => e.getBoundingClientRect().right > window.innerWidth && !e.closest('[role=region]'))
					.slice(0, 8).map((e) => e.tagName + (e.id ? '#' + e.id : '') + '.' + e.className
						+ '@' + Math.round(e.getBoundingClientRect().right));
				""");
		assertThat(((Number) overflow).intValue())
			.as("sideways overflow of %s in px, from %s", this.browser.getCurrentUrl(), culprits)
			.isLessThanOrEqualTo(0);
	}

	private void assertInsideWindow(WebElement element) {
		Object right = this.browser.executeScript(
				"const r = arguments[0].getBoundingClientRect(); return r.right <= window.innerWidth && r.left >= 0",
				element);
		assertThat(right).as("%s lies within the window on %s", element.getText(), this.browser.getCurrentUrl())
			.isEqualTo(true);
	}

	private void assertErrorPage(String heading) {
		assertThat(this.browser.findElement(By.tagName("h1")).getText()).isEqualTo(heading);
		assertThat(this.browser.getTitle()).isEqualTo(heading + " – Capability Tracker");
		assertThat(this.browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
		assertThat(this.browser.findElement(By.id("start-page")).getAttribute("href"))
			.isEqualTo("http://127.0.0.1:" + this.port + "/");
		Axe.assertAccessible(this.browser);
	}

	private void assertIsNotAnErrorPage() {
		assertThat(this.browser.getTitle()).as(this.browser.getCurrentUrl())
			.doesNotContain("Page not found", "cannot see", "not right", "problem with the service")
			.endsWith("Capability Tracker");
	}

	private void visit(String path) {
		this.browser.get("http://127.0.0.1:" + this.port + path);
		Axe.assertAccessible(this.browser);
	}

	private void signIn(String user) {
		visit("/login");
		this.browser.findElement(By.id("username")).sendKeys(user);
		this.browser.findElement(By.id("password"))
			.sendKeys(user.equals(TestAccounts.ADMIN) ? TestAccounts.ADMIN_PASSWORD : this.data.password);
		this.browser.findElement(By.cssSelector("button[type=submit]")).click();
		assertThat(this.browser.findElement(By.cssSelector(".app-signed-in")).getText()).contains(user);
	}

	private void signOut() {
		this.browser.findElement(By.cssSelector(".app-signout")).click();
		this.browser.findElement(By.id("username"));
	}

}
