package org.attc.tracker.framework.internal.web;

import java.net.http.HttpResponse;

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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The read-only CASE REST paths over real HTTP. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class CaseEndpointsHttpTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final String DOCUMENT = "6e2f7c63-8b4d-4d2f-8a1b-2c3e4e5f6a71";

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	PasswordEncoder passwordEncoder;

	HttpTestClient client;

	@BeforeEach
	void imported() {
		this.client = new HttpTestClient(this.port);
		FrameworkApiHttpTests.account(this.jdbc, this.passwordEncoder, FrameworkApiHttpTests.COORDINATOR,
				FrameworkApiHttpTests.COORDINATOR_PASSWORD, AppRole.COORDINATOR);
		FrameworkApiHttpTests.account(this.jdbc, this.passwordEncoder, FrameworkApiHttpTests.LEARNER,
				FrameworkApiHttpTests.LEARNER_PASSWORD, AppRole.LEARNER);
		HttpResponse<String> imported = this.client.send(this.client.request("/api/frameworks/import")
			.header("Authorization", HttpTestClient.basic(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD))
			.header("Content-Type", "application/json")
			.POST(java.net.http.HttpRequest.BodyPublishers
				.ofByteArray(FrameworkApiHttpTests.fixture("case-api.json"))));
		assertThat(imported.statusCode()).isIn(200, 201);
	}

	HttpResponse<String> read(String path) {
		return this.client.getWithBasic("/ims/case/v1p1" + path, FrameworkApiHttpTests.COORDINATOR,
				FrameworkApiHttpTests.COORDINATOR_PASSWORD);
	}

	@Test
	void servesThePackageAsImported() {
		HttpResponse<String> response = read("/CFPackages/" + DOCUMENT);
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode original = json.readTree(new String(FrameworkApiHttpTests.fixture("case-api.json"))).get("CFPackage");
		assertThat(json.readTree(response.body())).isEqualTo(original);
	}

	@Test
	void listsDocumentsAndServesOneDocumentItemAndAssociation() {
		JsonNode documents = json.readTree(read("/CFDocuments").body()).path("CFDocuments");
		assertThat(documents).extracting((d) -> d.path("identifier").asString()).contains(DOCUMENT);
		assertThat(json.readTree(read("/CFDocuments/" + DOCUMENT).body()).path("title").asString())
			.isEqualTo("Cell Therapy Pharmacy Competencies (API copy)");
		JsonNode item = json.readTree(read("/CFItems/a1aaaaaa-0000-4000-8000-000000000002").body());
		assertThat(item.path("humanCodingScheme").asString()).isEqualTo("RS.1");
		JsonNode association = json.readTree(read("/CFAssociations/b2bbbbbb-0000-4000-8000-000000000006").body());
		assertThat(association.path("associationType").asString()).isEqualTo("precedes");
	}

	@Test
	void anUnknownSourcedIdIsAnImsxFailure() {
		HttpResponse<String> response = read("/CFItems/no-such-item");
		assertThat(response.statusCode()).isEqualTo(404);
		JsonNode status = json.readTree(response.body());
		assertThat(status.path("imsx_codeMajor").asString()).isEqualTo("failure");
		assertThat(status.toString()).contains("unknownobject");
	}

	@Test
	void readersMustAuthenticateAsCoordinatorOrAdministrator() {
		assertThat(this.client.get("/ims/case/v1p1/CFDocuments").statusCode()).isEqualTo(401);
		assertThat(this.client
			.getWithBasic("/ims/case/v1p1/CFDocuments", FrameworkApiHttpTests.LEARNER,
					FrameworkApiHttpTests.LEARNER_PASSWORD)
			.statusCode()).isEqualTo(403);
	}

	@Test
	void theSurfaceIsReadOnly() {
		HttpResponse<String> response = this.client.send(this.client.request("/ims/case/v1p1/CFDocuments")
			.header("Authorization", HttpTestClient.basic(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD))
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")));
		assertThat(response.statusCode()).isEqualTo(403);
	}

}
