package org.attc.tracker.lti;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.jwk.JWKSet;
import org.attc.tracker.support.HttpTestClient;
import org.attc.tracker.support.TestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Platform registrations through the admin API and page, and the tool's keys at
 * {@code /.well-known/jwks.json}, over real HTTP.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class PlatformAdministrationHttpTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	HttpTestClient client;

	@BeforeEach
	void newClient() {
		this.client = new HttpTestClient(this.port);
	}

	Map<String, Object> platform() {
		String id = UUID.randomUUID().toString().substring(0, 8);
		Map<String, Object> body = new HashMap<>();
		body.put("name", "Moodle " + id);
		body.put("issuer", "https://moodle-" + id + ".example.ac.uk");
		body.put("clientId", "client-" + id);
		body.put("deploymentIds", List.of("1", "2"));
		body.put("authUrl", "https://moodle-" + id + ".example.ac.uk/mod/lti/auth.php");
		body.put("tokenUrl", "https://moodle-" + id + ".example.ac.uk/mod/lti/token.php");
		body.put("jwksUrl", "https://moodle-" + id + ".example.ac.uk/mod/lti/certs.php");
		return body;
	}

	HttpResponse<String> post(String path, Object body, String user, String password) {
		HttpRequest.Builder request = this.client.request(path)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
		if (user != null) {
			request.header("Authorization", HttpTestClient.basic(user, password));
		}
		return this.client.send(request);
	}

	HttpResponse<String> asAdmin(HttpRequest.Builder request) {
		return this.client.send(
				request.header("Authorization", HttpTestClient.basic(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD)));
	}

	@Test
	void adminRegistersListsAndDeletesAPlatform() {
		Map<String, Object> body = platform();
		HttpResponse<String> created = post("/api/lti/platforms", body, TestAccounts.ADMIN,
				TestAccounts.ADMIN_PASSWORD);
		assertThat(created.statusCode()).isEqualTo(201);
		JsonNode platform = json.readTree(created.body());
		long id = platform.get("id").asLong();
		assertThat(created.headers().firstValue("Location")).hasValue("/api/lti/platforms/" + id);
		assertThat(platform.get("issuer").asString()).isEqualTo(body.get("issuer"));
		assertThat(platform.get("deploymentIds").toString()).isEqualTo("[\"1\",\"2\"]");
		assertThat(platform.get("origin").asString()).isEqualTo("ADMIN");

		HttpResponse<String> list = asAdmin(this.client.request("/api/lti/platforms").GET());
		assertThat(list.statusCode()).isEqualTo(200);
		assertThat(list.body()).contains((String) body.get("clientId"));

		assertThat(asAdmin(this.client.request("/api/lti/platforms/" + id).DELETE()).statusCode()).isEqualTo(204);
		HttpResponse<String> again = asAdmin(this.client.request("/api/lti/platforms/" + id).DELETE());
		assertThat(again.statusCode()).isEqualTo(404);
		assertThat(again.body()).contains("https://capability-tracker.attc.nhs.uk/problems/unknown-platform");
	}

	@Test
	void aMissingFieldIsNamedInProblemJson() {
		Map<String, Object> body = platform();
		body.remove("jwksUrl");
		HttpResponse<String> response = post("/api/lti/platforms", body, TestAccounts.ADMIN,
				TestAccounts.ADMIN_PASSWORD);
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		JsonNode problem = json.readTree(response.body());
		assertThat(problem.get("field").asString()).isEqualTo("jwksUrl");
		assertThat(problem.get("type").asString())
			.isEqualTo("https://capability-tracker.attc.nhs.uk/problems/invalid-platform-field");
	}

	@Test
	void noDeploymentIsRefused() {
		Map<String, Object> body = platform();
		body.put("deploymentIds", List.of());
		HttpResponse<String> response = post("/api/lti/platforms", body, TestAccounts.ADMIN,
				TestAccounts.ADMIN_PASSWORD);
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(json.readTree(response.body()).get("field").asString()).isEqualTo("deploymentIds");
	}

	@Test
	void theSameIssuerAndClientTwiceIsAConflict() {
		Map<String, Object> body = platform();
		assertThat(post("/api/lti/platforms", body, TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD).statusCode())
			.isEqualTo(201);
		HttpResponse<String> second = post("/api/lti/platforms", body, TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD);
		assertThat(second.statusCode()).isEqualTo(409);
		assertThat(second.body()).contains("problems/platform-conflict");
	}

	@Test
	void anonymousCallersGet401AndNothingIsRegistered() {
		Map<String, Object> body = platform();
		HttpResponse<String> response = post("/api/lti/platforms", body, null, null);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body()).contains("problems/unauthenticated");
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM lti_platform WHERE issuer = ?")
			.param(body.get("issuer"))
			.query(Long.class)
			.single()).isZero();
		assertThat(this.client.get("/api/lti/platforms").statusCode()).isEqualTo(401);
	}

	@Test
	void adminPageListsPlatformsAndToolUrlsAndRegistersFromTheForm() {
		this.client.login(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD);
		HttpResponse<String> page = this.client.get("/lti/admin/platforms");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("/lti/login")
			.contains("/lti/launch")
			.contains("/.well-known/jwks.json")
			.contains("/lti/register");
		String csrf = HttpTestClient.csrfToken(page.body());
		String id = UUID.randomUUID().toString().substring(0, 8);
		HttpResponse<String> bad = this.client.postForm("/lti/admin/platforms",
				Map.of("_csrf", csrf, "name", "x", "issuer", "not a url", "clientId", "c", "deploymentIds", "1",
						"authUrl", "https://a.example/auth", "tokenUrl", "https://a.example/token", "jwksUrl",
						"https://a.example/jwks"));
		assertThat(bad.statusCode()).isEqualTo(200);
		assertThat(bad.body()).contains("There is a problem").contains("issuer");
		HttpResponse<String> good = this.client.postForm("/lti/admin/platforms",
				Map.of("_csrf", csrf, "name", "Form Moodle " + id, "issuer", "https://form-" + id + ".example",
						"clientId", "c-" + id, "deploymentIds", "1, 5", "authUrl", "https://a.example/auth", "tokenUrl",
						"https://a.example/token", "jwksUrl", "https://a.example/jwks"));
		assertThat(good.statusCode()).isEqualTo(302);
		assertThat(this.client.get("/lti/admin/platforms").body()).contains("Form Moodle " + id).contains("1, 5");
	}

	@Test
	void registeredPlatformsMayFrameTheLtiPagesAtOnce() {
		Map<String, Object> body = platform();
		assertThat(post("/api/lti/platforms", body, TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD).statusCode())
			.isEqualTo(201);
		HttpResponse<String> page = this.client.get("/lti/login");
		assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
				(csp) -> assertThat(csp).contains("frame-ancestors 'self'").contains((String) body.get("issuer")));
	}

	@Test
	void adminPageNeedsAnAdministrator() {
		HttpResponse<String> response = this.client.get("/lti/admin/platforms");
		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(response.headers().firstValue("Location"))
			.hasValueSatisfying((l) -> assertThat(l).endsWith("/login"));
	}

	@Test
	void jwksPublishesOnlyPublicRs256KeysAndRotationKeepsTheOldOne() throws Exception {
		HttpResponse<String> before = this.client.get("/.well-known/jwks.json");
		assertThat(before.statusCode()).isEqualTo(200);
		JWKSet keys = JWKSet.parse(before.body());
		assertThat(keys.getKeys()).isNotEmpty();
		assertThat(keys.getKeys()).allSatisfy((key) -> {
			assertThat(key.isPrivate()).isFalse();
			assertThat(key.getAlgorithm().getName()).isEqualTo("RS256");
			assertThat(key.getKeyID()).isNotBlank();
		});
		assertThat(before.body()).doesNotContain("\"d\"").doesNotContain("\"p\"");
		String oldKid = keys.getKeys().get(0).getKeyID();

		HttpResponse<String> rotated = asAdmin(
				this.client.request("/api/lti/keys/rotate").POST(HttpRequest.BodyPublishers.noBody()));
		assertThat(rotated.statusCode()).isEqualTo(200);
		String newKid = json.readTree(rotated.body()).get("kid").asString();
		JWKSet after = JWKSet.parse(this.client.get("/.well-known/jwks.json").body());
		assertThat(after.getKeyByKeyId(newKid)).isNotNull();
		assertThat(after.getKeyByKeyId(oldKid)).as("retired key still published in the grace period").isNotNull();
	}

	@Test
	void privateKeysAreStoredEncrypted() throws Exception {
		this.client.get("/.well-known/jwks.json");
		List<String> stored = this.jdbc.sql("SELECT private_key_encrypted FROM lti_tool_key")
			.query(String.class)
			.list();
		assertThat(stored).isNotEmpty().allSatisfy((value) -> {
			assertThat(value).startsWith("v1:");
			// a PKCS#8 RSA key in clear starts with this DER prefix (base64 "MIIE")
			assertThat(value).doesNotContain("MIIE");
		});
	}

	@Test
	void onlyAdministratorsRotateKeys() {
		HttpResponse<String> response = this.client
			.send(this.client.request("/api/lti/keys/rotate").POST(HttpRequest.BodyPublishers.noBody()));
		assertThat(response.statusCode()).isIn(401, 403);
	}

}
