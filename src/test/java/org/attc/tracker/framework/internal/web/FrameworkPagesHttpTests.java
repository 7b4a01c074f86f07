package org.attc.tracker.framework.internal.web;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.attc.tracker.identity.AppRole;
import org.attc.tracker.support.HttpTestClient;
import org.attc.tracker.support.TestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/** The framework pages over real HTTP: roles, CSRF, upload and preview. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class FrameworkPagesHttpTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	PasswordEncoder passwordEncoder;

	HttpTestClient browser;

	@BeforeEach
	void accounts() {
		this.browser = new HttpTestClient(this.port);
		FrameworkApiHttpTests.account(this.jdbc, this.passwordEncoder, FrameworkApiHttpTests.COORDINATOR,
				FrameworkApiHttpTests.COORDINATOR_PASSWORD, AppRole.COORDINATOR);
		FrameworkApiHttpTests.account(this.jdbc, this.passwordEncoder, FrameworkApiHttpTests.LEARNER,
				FrameworkApiHttpTests.LEARNER_PASSWORD, AppRole.LEARNER);
	}

	@Test
	void aCoordinatorSeesTheIllustrativeSampleMarkedAndCannotImport() {
		this.browser.login(FrameworkApiHttpTests.COORDINATOR, FrameworkApiHttpTests.COORDINATOR_PASSWORD);
		HttpResponse<String> list = this.browser.get("/frameworks");
		assertThat(list.statusCode()).isEqualTo(200);
		assertThat(list.body()).contains("ILLUSTRATIVE").doesNotContain("id=\"import-link\"");
		assertThat(this.browser.get("/frameworks/import").statusCode()).isEqualTo(403);
	}

	@Test
	void anUploadThatIsNotMultipartGetsAReadable400PageNot500() {
		this.browser.login(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD);
		String csrf = HttpTestClient.csrfToken(this.browser.get("/frameworks/import").body());
		HttpResponse<String> response = this.browser.postForm("/frameworks/import", Map.of("_csrf", csrf));
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((t) -> assertThat(t).startsWith("text/html"));
		assertThat(response.body()).contains("multipart/form-data").doesNotContain("MultipartException");
	}

	@Test
	void aLearnerCannotSeeFrameworkPages() {
		this.browser.login(FrameworkApiHttpTests.LEARNER, FrameworkApiHttpTests.LEARNER_PASSWORD);
		assertThat(this.browser.get("/frameworks").statusCode()).isEqualTo(403);
	}

	@Test
	void searchFindsCapabilitiesByTextAndCode() {
		this.browser.login(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD);
		long sample = sampleId();
		HttpResponse<String> found = this.browser.get("/frameworks/" + sample + "?q=cytokine");
		assertThat(found.body()).contains("1 item(s) match").contains("Cytokine release syndrome");
		HttpResponse<String> byCode = this.browser.get("/frameworks/" + sample + "?q=D6.");
		assertThat(byCode.body()).contains("4 item(s) match");
	}

	@Test
	void aCapabilityPageShowsTierDescriptorsAndTheRolesThatNeedIt() {
		this.browser.login(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD);
		long sample = sampleId();
		String identifier = this.jdbc.queryForObject(
				"SELECT i.identifier FROM fw_item i JOIN fw_framework f ON f.current_version_id = i.version_id WHERE f.id = ? AND i.code = 'D8.1'",
				String.class, sample);
		HttpResponse<String> page = this.browser.get("/frameworks/" + sample + "/capabilities/" + identifier);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("Tier 3 – Specialist / lead")
			.contains("Leads CRS management")
			.contains("Principal investigator")
			.contains("Ward / ICU nurse");
	}

	@Test
	void uploadShowsTheDiffAndOnlyTheConfirmationSaves() {
		this.browser.login(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD);
		String csrf = HttpTestClient.csrfToken(this.browser.get("/frameworks/import").body());
		byte[] csv = FrameworkApiHttpTests.fixture("moodle-v1.csv");
		Integer before = this.jdbc.queryForObject("SELECT COUNT(*) FROM fw_framework_version", Integer.class);

		HttpResponse<String> preview = upload("/frameworks/import?_csrf=" + csrf, "moodle-v1.csv", csv);
		assertThat(preview.statusCode()).isEqualTo(200);
		assertThat(preview.body()).contains("Check the changes before importing").contains("ATMP nursing competencies");
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM fw_framework_version", Integer.class))
			.isEqualTo(before);

		Matcher action = Pattern.compile("action=\"(/frameworks/import/[0-9a-f-]+)\"").matcher(preview.body());
		assertThat(action.find()).isTrue();
		HttpResponse<String> withoutToken = this.browser.postForm(action.group(1), Map.of());
		assertThat(withoutToken.statusCode()).isEqualTo(403);
		HttpResponse<String> confirmed = this.browser.postForm(action.group(1),
				Map.of("_csrf", HttpTestClient.csrfToken(preview.body())));
		assertThat(confirmed.statusCode()).isEqualTo(302);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM fw_framework_version", Integer.class))
			.isEqualTo(before + 1);
	}

	@Test
	void aBrokenUploadListsItsProblemsInThePage() {
		this.browser.login(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD);
		String csrf = HttpTestClient.csrfToken(this.browser.get("/frameworks/import").body());
		HttpResponse<String> page = upload("/frameworks/import?_csrf=" + csrf, "cycle.csv",
				FrameworkApiHttpTests.fixture("broken/moodle-cycle.csv"));
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("The file was not imported").contains("cycle").contains("Nothing was saved");
	}

	@Test
	void anAdministratorEditsARoleProfileThroughTheForm() {
		this.browser.login(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD);
		long sample = sampleId();
		HttpResponse<String> form = this.browser.get("/frameworks/" + sample + "/roles/DM");
		assertThat(form.statusCode()).isEqualTo(200);
		Matcher select = Pattern.compile("name=\"(tier_\\d+)\"").matcher(form.body());
		assertThat(select.find()).isTrue();
		HttpResponse<String> saved = this.browser.postForm("/frameworks/" + sample + "/roles/DM",
				Map.of("_csrf", HttpTestClient.csrfToken(form.body()), "name", "Data manager", "description",
						"Edited in a test", select.group(1), "1"));
		assertThat(saved.statusCode()).isEqualTo(302);
		Integer count = this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM fw_role_requirement r JOIN fw_role_profile p ON p.id = r.role_profile_id WHERE p.framework_id = ? AND p.code = 'DM'",
				Integer.class, sample);
		assertThat(count).isEqualTo(1);
	}

	@Test
	void downloadsCarryTheFileAndAnUnknownFormatIsAPageNotAStackTrace() {
		this.browser.login(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD);
		long sample = sampleId();
		HttpResponse<String> csv = this.browser.get("/frameworks/" + sample + "/export?format=moodle-csv");
		assertThat(csv.statusCode()).isEqualTo(200);
		assertThat(csv.headers().firstValue("Content-Disposition"))
			.hasValueSatisfying((d) -> assertThat(d).startsWith("attachment").endsWith(".csv\""));
		assertThat(csv.body()).startsWith("\"Parent ID number\",\"ID number\"");
		HttpResponse<String> unknown = this.browser.get("/frameworks/" + sample + "/export?format=pdf");
		assertThat(unknown.statusCode()).isEqualTo(400);
		assertThat(unknown.body()).contains("That download format does not exist").doesNotContain("Exception");
	}

	@Test
	void theFrameworkPageShowsWhatAVersionChangedItemByItemAndTheMappingsLeftOnRemovedCapabilities() {
		HttpTestClient api = new HttpTestClient(this.port);
		HttpResponse<String> first = api.send(api.request("/api/frameworks/import")
			.header("Authorization", HttpTestClient.basic(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(FrameworkApiHttpTests.fixture("case-v1.json"))));
		assertThat(first.statusCode()).as(first.body()).isIn(200, 201);
		Matcher framework = Pattern.compile("\"frameworkId\"\\s*:\\s*(\\d+)").matcher(first.body());
		assertThat(framework.find()).isTrue();
		// a mapping that credits RS.2, which the second version removes
		String activity = "https://pharmacy.test/" + UUID.randomUUID() + "/ln2-storage";
		HttpResponse<String> mapping = api.send(api.request("/api/mappings")
			.header("Authorization", HttpTestClient.basic(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"activityId\":\"" + activity
					+ "\",\"capability\":\"a1000000-0000-4000-8000-000000000003\",\"tier\":\"1\"}")));
		assertThat(mapping.statusCode()).as(mapping.body()).isEqualTo(201);
		Matcher mappingId = Pattern.compile("\"id\"\\s*:\\s*(\\d+)").matcher(mapping.body());
		assertThat(mappingId.find()).isTrue();
		HttpResponse<String> second = api.send(api.request("/api/frameworks/import")
			.header("Authorization", HttpTestClient.basic(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(FrameworkApiHttpTests.fixture("case-v2.json"))));
		assertThat(second.statusCode()).as(second.body()).isEqualTo(201);

		this.browser.login(FrameworkApiHttpTests.COORDINATOR, FrameworkApiHttpTests.COORDINATOR_PASSWORD);
		String page = this.browser.get("/frameworks/" + framework.group(1)).body();
		// the items, not only their counts: codes and titles added, removed and changed
		assertThat(page).contains("id=\"diff-counts\"").contains("1 added, 1 removed, 2 changed");
		assertThat(section(page, "diff-added")).contains("TR.2").contains("Release for administration");
		assertThat(section(page, "diff-removed")).contains("RS.2").contains("Store in liquid nitrogen");
		assertThat(section(page, "diff-changed")).contains("statement").contains("tier 2 descriptor");
		// and the mapping left pointing at the removed capability, with a way to change
		// it
		String dangling = section(page, "dangling-mappings");
		assertThat(dangling).contains("RS.2 Store in liquid nitrogen")
			.contains("Mapping " + mappingId.group(1) + ": " + activity)
			.contains("href=\"/mappings/" + mappingId.group(1) + "/edit\"");
		assertThat(page).contains("id=\"version-diff\" open=\"open\"");
	}

	/** The element with this id and what follows it up to its end tag. */
	private static String section(String page, String id) {
		int start = page.indexOf("id=\"" + id + "\"");
		assertThat(start).as(id).isPositive();
		String tag = page.substring(page.lastIndexOf('<', start) + 1, start).strip().split("\\s")[0];
		return page.substring(start, page.indexOf("</" + tag + ">", start));
	}

	long sampleId() {
		return this.jdbc.queryForObject("SELECT id FROM fw_framework WHERE illustrative = TRUE", Long.class);
	}

	HttpResponse<String> upload(String path, String fileName, byte[] content) {
		String boundary = "----fw" + UUID.randomUUID();
		byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
				+ "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
			.getBytes(StandardCharsets.UTF_8);
		byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
		byte[] body = new byte[head.length + content.length + tail.length];
		System.arraycopy(head, 0, body, 0, head.length);
		System.arraycopy(content, 0, body, head.length, content.length);
		System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
		return this.browser.send(this.browser.request(path)
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body)));
	}

}
