package org.attc.tracker.xapi.internal;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.attc.tracker.support.HttpTestClient;
import org.attc.tracker.xapi.internal.LrsClient.Scope;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * xAPI 1.0.3 Communication §1.3 (alternate request syntax, CORS), §2.8 (about), §3.3
 * (version header) and bad input.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class XapiProtocolTests {

	@LocalServerPort
	int port;

	@Autowired
	LrsClients clients;

	XapiClient lrs;

	@BeforeEach
	void client() {
		this.lrs = XapiClient.create(this.port, this.clients, Scope.ALL);
	}

	@Test
	void aboutIsPublicAndListsTheVersions() {
		HttpResponse<String> about = new HttpTestClient(this.port).get("/xapi/about");
		assertThat(about.statusCode()).isEqualTo(200);
		JsonNode body = XapiClient.json(about.body());
		assertThat(body.get("version").toString()).contains("1.0.3").contains("2.0.0");
		assertThat(about.headers().firstValue("X-Experience-API-Version")).isPresent();
	}

	@Test
	void aRequestWithoutTheVersionHeaderIs400() {
		HttpResponse<String> get = this.lrs.http.send(this.lrs.http.request("/xapi/statements")
			.header("Authorization", HttpTestClient.basic(this.lrs.key, this.lrs.secret))
			.GET());
		assertThat(get.statusCode()).isEqualTo(400);
		assertThat(get.body()).contains("X-Experience-API-Version");
	}

	@Test
	void anUnservedVersionIs400() {
		HttpResponse<String> get = this.lrs.http.send(this.lrs.http.request("/xapi/statements")
			.header("Authorization", HttpTestClient.basic(this.lrs.key, this.lrs.secret))
			.header("X-Experience-API-Version", "0.95")
			.GET());
		assertThat(get.statusCode()).isEqualTo(400);
	}

	@Test
	void aVersion2RequestIsAnsweredAs2AndGetsVersion2Statements() {
		HttpResponse<String> post = this.lrs.http.send(this.lrs.http.request("/xapi/statements")
			.header("Authorization", HttpTestClient.basic(this.lrs.key, this.lrs.secret))
			.header("X-Experience-API-Version", "2.0.0")
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(StatementJson.unique())));
		assertThat(post.statusCode()).as(post.body()).isEqualTo(200);
		assertThat(post.headers().firstValue("X-Experience-API-Version")).hasValue("2.0.0");
		String id = XapiClient.json(post.body()).get(0).stringValue();
		assertThat(
				XapiClient.json(this.lrs.get("/xapi/statements?statementId=" + id).body()).get("version").stringValue())
			.isEqualTo("2.0.0");
	}

	@Test
	void corsPreflightIsAnsweredForBrowserContent() {
		HttpResponse<String> preflight = new HttpTestClient(this.port)
			.send(new HttpTestClient(this.port).request("/xapi/statements")
				.header("Origin", "https://content.example.org")
				.header("Access-Control-Request-Method", "POST")
				.header("Access-Control-Request-Headers", "authorization,content-type,x-experience-api-version")
				.method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
		assertThat(preflight.statusCode()).isEqualTo(204);
		assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
			.hasValue("https://content.example.org");
		assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers"))
			.hasValueSatisfying((h) -> assertThat(h).contains("X-Experience-API-Version").contains("Authorization"));
		HttpResponse<String> get = this.lrs.http
			.send(this.lrs.request("/xapi/statements?limit=1").header("Origin", "https://content.example.org").GET());
		assertThat(get.headers().firstValue("Access-Control-Expose-Headers"))
			.hasValueSatisfying((h) -> assertThat(h).contains("X-Experience-API-Consistent-Through"));
	}

	@Test
	void theAlternateRequestSyntaxPutsAStatement() {
		String id = UUID.randomUUID().toString();
		String form = "statementId=" + id + "&content=" + enc(StatementJson.completed("alt", "https://x.org/alt"))
				+ "&Authorization=" + enc(HttpTestClient.basic(this.lrs.key, this.lrs.secret))
				+ "&X-Experience-API-Version=1.0.3&Content-Type=application%2Fjson";
		HttpResponse<String> put = new HttpTestClient(this.port)
			.send(new HttpTestClient(this.port).request("/xapi/statements?method=PUT")
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form)));
		assertThat(put.statusCode()).as(put.body()).isEqualTo(204);
		assertThat(this.lrs.get("/xapi/statements?statementId=" + id).statusCode()).isEqualTo(200);
	}

	@Test
	void theAlternateRequestSyntaxGetsWithCredentialsInTheForm() {
		String id = XapiClient.json(this.lrs.post(StatementJson.unique()).body()).get(0).stringValue();
		String form = "statementId=" + id + "&Authorization=" + enc(HttpTestClient.basic(this.lrs.key, this.lrs.secret))
				+ "&X-Experience-API-Version=1.0.3";
		HttpResponse<String> get = new HttpTestClient(this.port)
			.send(new HttpTestClient(this.port).request("/xapi/statements?method=GET")
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form)));
		assertThat(get.statusCode()).as(get.body()).isEqualTo(200);
		assertThat(XapiClient.json(get.body()).get("id").stringValue()).isEqualTo(id);
	}

	@Test
	void theAlternateRequestSyntaxAllowsNoOtherQueryParameters() {
		HttpResponse<String> response = new HttpTestClient(this.port)
			.send(new HttpTestClient(this.port).request("/xapi/statements?method=GET&limit=1")
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("X-Experience-API-Version=1.0.3")));
		assertThat(response.statusCode()).isEqualTo(400);
	}

	@Test
	void malformedJsonIs400WithItsPosition() {
		HttpResponse<String> post = this.lrs.post("{\"actor\": {\"mbox\": \"mailto:a@b.c\",, }");
		assertThat(post.statusCode()).isEqualTo(400);
		assertThat(XapiClient.json(post.body()).get("detail").stringValue()).contains("line 1, column");
	}

	@Test
	void deeplyNestedJsonIsRefusedWithoutExhaustingTheStack() {
		String nested = "[".repeat(100_000) + "]".repeat(100_000);
		HttpResponse<String> post = this.lrs.post(nested);
		assertThat(post.statusCode()).isEqualTo(400);
	}

	@Test
	void duplicateJsonKeysAreRefused() {
		HttpResponse<String> post = this.lrs.post(StatementJson.unique()
			.replaceFirst("\\{", "{\"version\":\"1.0.0\",")
			.replaceFirst("\"timestamp\"", "\"version\":\"1.0.1\",\"timestamp\""));
		assertThat(post.statusCode()).isEqualTo(400);
	}

	@Test
	void aWrongContentTypeIs415() {
		HttpResponse<String> post = this.lrs.http.send(this.lrs.request("/xapi/statements")
			.header("Content-Type", "text/plain")
			.POST(HttpRequest.BodyPublishers.ofString(StatementJson.unique())));
		assertThat(post.statusCode()).isEqualTo(415);
	}

	@Test
	void aBodyOverTheLimitIs413() {
		byte[] big = new byte[10 * 1024 * 1024 + 1024];
		java.util.Arrays.fill(big, (byte) ' ');
		HttpResponse<String> post = this.lrs.http.send(this.lrs.request("/xapi/statements")
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(big)));
		assertThat(post.statusCode()).isEqualTo(413);
	}

	private static String enc(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
