package org.attc.tracker.framework.internal.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.attc.tracker.framework.CapabilityCatalogue;
import org.attc.tracker.framework.FrameworkPublished;
import org.attc.tracker.framework.internal.document.FrameworkDocument;
import org.attc.tracker.framework.internal.store.FrameworkImports;
import org.attc.tracker.framework.internal.store.ImportResult;
import org.attc.tracker.framework.internal.format.CsvTable;
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
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The frameworks API over real HTTP against the service on real MariaDB. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@RecordApplicationEvents
class FrameworkApiHttpTests {

	static final String COORDINATOR = "fw-coordinator";

	static final String COORDINATOR_PASSWORD = "fw-coordinator-pw";

	static final String LEARNER = "fw-learner";

	static final String LEARNER_PASSWORD = "fw-learner-pw";

	private static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	PasswordEncoder passwordEncoder;

	@Autowired
	CapabilityCatalogue catalogue;

	@Autowired
	FrameworkImports imports;

	@Autowired
	ApplicationEvents events;

	HttpTestClient client;

	@BeforeEach
	void accounts() {
		this.client = new HttpTestClient(this.port);
		account(this.jdbc, this.passwordEncoder, COORDINATOR, COORDINATOR_PASSWORD, AppRole.COORDINATOR);
		account(this.jdbc, this.passwordEncoder, LEARNER, LEARNER_PASSWORD, AppRole.LEARNER);
	}

	/** Accounts straight into identity's tables: test set-up only, not module code. */
	static void account(JdbcTemplate jdbc, PasswordEncoder encoder, String username, String password, AppRole role) {
		Integer existing = jdbc.queryForObject("SELECT COUNT(*) FROM id_user_account WHERE username = ?", Integer.class,
				username);
		if (existing != null && existing > 0) {
			return;
		}
		jdbc.update(
				"INSERT INTO id_user_account (username, password_hash, display_name, enabled, created_at) VALUES (?,?,?,TRUE,NOW(6))",
				username, encoder.encode(password), username);
		jdbc.update(
				"INSERT INTO id_user_account_role (account_id, role) SELECT id, ? FROM id_user_account WHERE username = ?",
				role.name(), username);
	}

	static byte[] fixture(String name) {
		try (InputStream in = FrameworkApiHttpTests.class.getResourceAsStream("/frameworks/" + name)) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	HttpResponse<String> post(String path, String contentType, byte[] body, String user, String password) {
		return this.client.send(this.client.request(path)
			.header("Authorization", HttpTestClient.basic(user, password))
			.header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body)));
	}

	HttpResponse<String> importAsAdmin(String contentType, byte[] body) {
		return post("/api/frameworks/import", contentType, body, TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD);
	}

	HttpResponse<String> getAsAdmin(String path) {
		return this.client.getWithBasic(path, TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD);
	}

	@Test
	void theIllustrativeSampleIsLoadedOnFirstStartAndMarked() {
		JsonNode list = json.readTree(getAsAdmin("/api/frameworks").body());
		JsonNode sample = null;
		for (JsonNode framework : list) {
			if (framework.path("illustrative").asBoolean()) {
				sample = framework;
			}
		}
		assertThat(sample).isNotNull();
		assertThat(sample.path("title").asString()).contains("ILLUSTRATIVE");
		JsonNode full = json.readTree(getAsAdmin("/api/frameworks/" + sample.path("id").asLong()).body());
		assertThat(full.path("tiers")).hasSize(3);
		assertThat(full.path("items").size()).isBetween(8, 10);
		assertThat(full.path("version").path("capabilityCount").asInt()).isBetween(30, 50);
		assertThat(full.path("roleProfiles").size()).isBetween(8, 10);
	}

	@Test
	void importsACasePackageAndExportsItBackUnchanged() {
		HttpResponse<String> imported = importAsAdmin("application/json", fixture("case-api.json"));
		assertThat(imported.statusCode()).as(imported.body()).isIn(200, 201);
		JsonNode result = json.readTree(imported.body());
		long id = result.path("frameworkId").asLong();

		HttpResponse<String> exported = getAsAdmin("/api/frameworks/" + id + "/export?format=case");
		assertThat(exported.statusCode()).isEqualTo(200);
		assertThat(exported.headers().firstValue("Content-Disposition"))
			.hasValueSatisfying((d) -> assertThat(d).startsWith("attachment").contains(".case.json"));
		assertThat(json.readTree(exported.body()))
			.isEqualTo(json.readTree(new String(fixture("case-api.json"), StandardCharsets.UTF_8)));
	}

	@Test
	void importsAMoodleCsvAndExportsItBackUnchanged() {
		HttpResponse<String> imported = importAsAdmin("text/csv", fixture("moodle-api.csv"));
		assertThat(imported.statusCode()).as(imported.body()).isIn(200, 201);
		long id = json.readTree(imported.body()).path("frameworkId").asLong();

		HttpResponse<String> exported = getAsAdmin("/api/frameworks/" + id + "/export?format=moodle-csv");
		assertThat(exported.statusCode()).isEqualTo(200);
		assertThat(exported.headers().firstValue("Content-Type"))
			.hasValueSatisfying((t) -> assertThat(t).startsWith("text/csv"));
		assertThat(rows(exported.body()))
			.isEqualTo(rows(new String(fixture("moodle-api.csv"), StandardCharsets.UTF_8)));
	}

	@Test
	void aSecondVersionKeepsIdentifiersAndReportsTheDiff() {
		HttpResponse<String> first = importAsAdmin("application/json", fixture("case-v1.json"));
		assertThat(first.statusCode()).as(first.body()).isIn(200, 201);
		long id = json.readTree(first.body()).path("frameworkId").asLong();

		HttpResponse<String> second = importAsAdmin("application/json", fixture("case-v2.json"));
		assertThat(second.statusCode()).as(second.body()).isEqualTo(201);
		JsonNode result = json.readTree(second.body());
		assertThat(result.path("frameworkId").asLong()).isEqualTo(id);
		JsonNode diff = result.path("diff");
		assertThat(diff.path("added")).extracting((n) -> n.path("code").asString()).containsExactly("TR.2");
		assertThat(diff.path("removed")).extracting((n) -> n.path("code").asString()).containsExactly("RS.2");
		assertThat(diff.path("changed")).hasSize(2);
		assertThat(diff.path("changed").toString()).contains("statement").contains("tier 2 descriptor");
		assertThat(diff.path("unchanged").asInt()).isEqualTo(2);

		JsonNode shown = json.readTree(getAsAdmin("/api/frameworks/" + id).body());
		assertThat(shown.path("version").path("number").asInt()).isEqualTo(result.path("version").asInt());
		assertThat(this.catalogue.capability("a1000000-0000-4000-8000-000000000005")).hasValueSatisfying((c) -> {
			assertThat(c.code()).isEqualTo("TR.1");
			assertThat(c.versionId()).isEqualTo(result.path("versionId").asLong());
			assertThat(c.domainPath()).containsExactly("Thawing and release");
		});
		assertThat(this.catalogue.capability("a1000000-0000-4000-8000-000000000003")).isEmpty();

		HttpResponse<String> again = importAsAdmin("application/json", fixture("case-v2.json"));
		assertThat(again.statusCode()).isEqualTo(200);
		assertThat(json.readTree(again.body()).path("created").asBoolean()).isFalse();
	}

	@Test
	void aDryRunShowsTheDiffAndSavesNothing() {
		Integer before = this.jdbc.queryForObject("SELECT COUNT(*) FROM fw_framework_version", Integer.class);
		HttpResponse<String> preview = post("/api/frameworks/import?dryRun=true", "text/csv",
				fixture("moodle-dryrun.csv"), TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD);
		assertThat(preview.statusCode()).as(preview.body()).isEqualTo(200);
		assertThat(json.readTree(preview.body()).path("diff").path("added").size()).isEqualTo(3);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM fw_framework_version", Integer.class))
			.isEqualTo(before);
	}

	@Test
	void coordinatorsReadButMayNotImport() {
		assertThat(this.client.getWithBasic("/api/frameworks", COORDINATOR, COORDINATOR_PASSWORD).statusCode())
			.isEqualTo(200);
		HttpResponse<String> denied = post("/api/frameworks/import", "application/json", fixture("case-v1.json"),
				COORDINATOR, COORDINATOR_PASSWORD);
		assertThat(denied.statusCode()).isEqualTo(403);
		assertThat(denied.headers().firstValue("Content-Type"))
			.hasValueSatisfying((t) -> assertThat(t).startsWith("application/problem+json"));
	}

	@Test
	void learnersMayNotReadFrameworksAndAnonymousCallersMustAuthenticate() {
		assertThat(this.client.getWithBasic("/api/frameworks", LEARNER, LEARNER_PASSWORD).statusCode()).isEqualTo(403);
		assertThat(this.client.get("/api/frameworks").statusCode()).isEqualTo(401);
	}

	@Test
	void anUnknownFrameworkOrExportFormatIsAProblem() {
		HttpResponse<String> missing = getAsAdmin("/api/frameworks/999999");
		assertThat(missing.statusCode()).isEqualTo(404);
		assertThat(missing.body()).contains("framework-not-found");
		long sample = json.readTree(getAsAdmin("/api/frameworks").body()).get(0).path("id").asLong();
		HttpResponse<String> format = getAsAdmin("/api/frameworks/" + sample + "/export?format=pdf");
		assertThat(format.statusCode()).isEqualTo(400);
		assertThat(format.body()).contains("unknown-export-format").contains("\"parameter\":\"format\"");
	}

	@Test
	void exportsTheNativeFormatWithRoleProfilesThatImportsAgainUnchanged() {
		long sample = sampleId();
		HttpResponse<String> exported = getAsAdmin("/api/frameworks/" + sample + "/export?format=native");
		assertThat(exported.statusCode()).isEqualTo(200);
		JsonNode file = json.readTree(exported.body());
		assertThat(file.path("format").asString()).isEqualTo("attc-capability-framework/1");
		assertThat(file.path("roleProfiles").size()).isBetween(8, 10);
		HttpResponse<String> again = importAsAdmin("application/vnd.attc.framework+json",
				exported.body().getBytes(StandardCharsets.UTF_8));
		assertThat(again.statusCode()).as(again.body()).isIn(200, 201);
		JsonNode diff = json.readTree(again.body()).path("diff");
		assertThat(diff.path("added")).isEmpty();
		assertThat(diff.path("removed")).isEmpty();
		assertThat(diff.path("changed")).isEmpty();
	}

	@Test
	void anAdministratorEditsARoleProfile() {
		long sample = sampleId();
		String body = "{\"name\":\"Research nurse (edited)\",\"requirements\":[{\"capability\":\"D8.1\",\"tier\":\"T3\",\"mandatory\":true},{\"capability\":\"D4.2\",\"tier\":2,\"mandatory\":false}]}";
		HttpResponse<String> saved = this.client
			.send(this.client.request("/api/frameworks/" + sample + "/role-profiles/RN")
				.header("Authorization", HttpTestClient.basic(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD))
				.header("Content-Type", "application/json")
				.PUT(HttpRequest.BodyPublishers.ofString(body)));
		assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
		assertThat(this.catalogue.roleProfile(sample, "RN")).hasValueSatisfying((p) -> {
			assertThat(p.name()).isEqualTo("Research nurse (edited)");
			assertThat(p.requirements()).hasSize(2);
			assertThat(p.requirements()).anySatisfy((r) -> {
				assertThat(r.tierRank()).isEqualTo(3);
				assertThat(r.mandatory()).isTrue();
			});
		});
		String bad = "{\"name\":\"X\",\"requirements\":[{\"capability\":\"D99\",\"tier\":\"T1\"},{\"capability\":\"D1.1\",\"tier\":\"T9\"}]}";
		HttpResponse<String> rejected = this.client
			.send(this.client.request("/api/frameworks/" + sample + "/role-profiles/RN")
				.header("Authorization", HttpTestClient.basic(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD))
				.header("Content-Type", "application/json")
				.PUT(HttpRequest.BodyPublishers.ofString(bad)));
		assertThat(rejected.statusCode()).isEqualTo(422);
		assertThat(rejected.body()).contains("$.requirements[0].capability").contains("$.requirements[1].tier");
	}

	@Test
	void aBrokenFileIsRejectedWithEveryProblemAndNothingIsSaved() {
		Integer frameworks = this.jdbc.queryForObject("SELECT COUNT(*) FROM fw_framework", Integer.class);
		Integer items = this.jdbc.queryForObject("SELECT COUNT(*) FROM fw_item", Integer.class);
		HttpResponse<String> rejected = importAsAdmin("application/json",
				fixture("broken/case-dangling-associations.json"));
		assertThat(rejected.statusCode()).isEqualTo(422);
		assertThat(rejected.headers().firstValue("Content-Type"))
			.hasValueSatisfying((t) -> assertThat(t).startsWith("application/problem+json"));
		JsonNode problem = json.readTree(rejected.body());
		assertThat(problem.path("type").asString())
			.isEqualTo("https://capability-tracker.attc.nhs.uk/problems/invalid-framework");
		assertThat(problem.path("problems").size()).isGreaterThanOrEqualTo(3);
		assertThat(problem.path("problems")).extracting((p) -> p.path("at").asString())
			.contains("$.CFAssociations[1]", "$.CFAssociations[2]", "$.CFAssociations[3].associationType");

		HttpResponse<String> csv = importAsAdmin("text/csv", fixture("broken/moodle-latin1.csv"));
		assertThat(csv.statusCode()).isEqualTo(422);
		assertThat(csv.body()).contains("line 4").contains("UTF-8");

		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM fw_framework", Integer.class)).isEqualTo(frameworks);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM fw_item", Integer.class)).isEqualTo(items);
	}

	@Test
	void anUnsupportedBodyTypeIsRefused() {
		HttpResponse<String> refused = importAsAdmin("application/xml", "<x/>".getBytes(StandardCharsets.UTF_8));
		assertThat(refused.statusCode()).isEqualTo(415);
	}

	@Test
	void importingAVersionPublishesFrameworkPublishedAndReimportingTheSameFileDoesNot() {
		FrameworkDocument document = this.imports.read(fixture("moodle-events.csv"), "text/csv", null);
		ImportResult result = this.imports.commit(document, "test");
		assertThat(this.events.stream(FrameworkPublished.class))
			.containsExactly(new FrameworkPublished(result.frameworkId(), result.versionId(), document.identifier()));
		this.imports.commit(document, "test");
		assertThat(this.events.stream(FrameworkPublished.class)).hasSize(1);
	}

	long sampleId() {
		for (JsonNode framework : json.readTree(getAsAdmin("/api/frameworks").body())) {
			if (framework.path("illustrative").asBoolean()) {
				return framework.path("id").asLong();
			}
		}
		throw new IllegalStateException("no sample");
	}

	static java.util.List<java.util.List<String>> rows(String csv) {
		return CsvTable.parse(csv, ',').stream().filter((r) -> !r.isBlank()).map(CsvTable.Row::fields).toList();
	}

}
