package org.attc.tracker.identity.internal;

import java.net.http.HttpResponse;

import org.attc.tracker.support.HttpTestClient;
import org.attc.tracker.support.TestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI description and Swagger UI: for signed-in users, covering /api/**. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ApiDocumentationHttpTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	HttpTestClient http;

	@BeforeEach
	void setUp() {
		this.http = new HttpTestClient(this.port);
	}

	@Test
	void theDescriptionListsTheApiPathsAndNotTheLrs() {
		for (String path : new String[] { "/v3/api-docs", "/v3/api-docs/api" }) {
			HttpResponse<String> response = this.http.getWithBasic(path, TestAccounts.ADMIN,
					TestAccounts.ADMIN_PASSWORD);
			assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
			JsonNode paths = json.readTree(response.body()).get("paths");
			assertThat(paths.has("/api/progress/matrix")).as(path).isTrue();
			assertThat(paths.has("/api/mappings")).as(path).isTrue();
			assertThat(paths.has("/api/users")).as(path).isTrue();
			assertThat(paths.has("/api/learners/{id}")).as(path).isTrue();
			assertThat(paths.has("/api/progress/learners/{id}/record.pdf")).as(path).isTrue();
			assertThat(paths.propertyNames()).as(path).allMatch((p) -> p.startsWith("/api/"));
			// the caller's Authentication is not a parameter clients send
			assertThat(paths.get("/api/users").toString()).doesNotContain("\"caller\"");
		}
	}

	@Test
	void aSignedInBrowserReadsTheDescriptionAndSwaggerUi() {
		assertThat(this.http.login(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD).statusCode()).isEqualTo(302);
		assertThat(this.http.get("/v3/api-docs").statusCode()).isEqualTo(200);
		HttpResponse<String> ui = this.http.get("/swagger-ui/index.html");
		assertThat(ui.statusCode()).isEqualTo(200);
		assertThat(ui.body()).contains("swagger-ui");
	}

	@Test
	void anonymousCallersAreRefused() {
		HttpResponse<String> docs = this.http.get("/v3/api-docs");
		assertThat(docs.statusCode()).isEqualTo(401);
		assertThat(docs.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(this.http.get("/v3/api-docs/api").statusCode()).isEqualTo(401);
		HttpResponse<String> ui = this.http.get("/swagger-ui/index.html");
		assertThat(ui.statusCode()).isEqualTo(302);
		assertThat(ui.headers().firstValue("Location")).hasValueSatisfying((l) -> assertThat(l).endsWith("/login"));
		assertThat(this.http.getWithBasic("/v3/api-docs", TestAccounts.ADMIN, "wrong").statusCode()).isEqualTo(401);
	}

}
