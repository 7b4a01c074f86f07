package org.attc.tracker.xapi.internal;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.attc.tracker.support.HttpTestClient;
import org.attc.tracker.xapi.internal.clients.LrsClient.Scope;
import org.attc.tracker.xapi.internal.clients.LrsClients;
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

	/**
	 * Communication §3.3: the 400 for a missing version still carries the version header;
	 * it is the version this client last declared (ADL's 2.0 suite expects 2.0.0 there,
	 * its 1.0.3 suite 1.0.3), else 1.0.3. Without credentials the request is 401 first.
	 */
	@Test
	void aRequestWithoutTheVersionIsAnsweredInTheVersionItsClientSpeaks() {
		XapiClient speaks2 = XapiClient.create(this.port, this.clients, Scope.ALL);
		HttpResponse<String> declared = speaks2.http
			.send(speaks2.request("/xapi/statements?limit=1").setHeader("X-Experience-API-Version", "2.0.0").GET());
		assertThat(declared.statusCode()).isEqualTo(200);
		for (String method : new String[] { "GET", "POST", "PUT" }) {
			HttpResponse<String> unversioned = speaks2.http.send(speaks2.http
				.request("/xapi/statements" + (method.equals("PUT") ? "?statementId=" + UUID.randomUUID() : ""))
				.header("Authorization", HttpTestClient.basic(speaks2.key, speaks2.secret))
				.header("Content-Type", "application/json")
				.method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody()
						: HttpRequest.BodyPublishers.ofString(StatementJson.unique())));
			assertThat(unversioned.statusCode()).as(method).isEqualTo(400);
			assertThat(unversioned.headers().firstValue("X-Experience-API-Version")).as(method).hasValue("2.0.0");
			assertThat(unversioned.body()).contains("\"path\":\"X-Experience-API-Version\"");
		}
		XapiClient speaks103 = XapiClient.create(this.port, this.clients, Scope.ALL);
		assertThat(speaks103.get("/xapi/statements?limit=1").statusCode()).isEqualTo(200);
		HttpResponse<String> unversioned103 = speaks103.http.send(speaks103.http.request("/xapi/statements")
			.header("Authorization", HttpTestClient.basic(speaks103.key, speaks103.secret))
			.GET());
		assertThat(unversioned103.statusCode()).isEqualTo(400);
		assertThat(unversioned103.headers().firstValue("X-Experience-API-Version")).hasValue("1.0.3");
		XapiClient silent = XapiClient.create(this.port, this.clients, Scope.ALL);
		HttpResponse<String> first = silent.http.send(silent.http.request("/xapi/statements")
			.header("Authorization", HttpTestClient.basic(silent.key, silent.secret))
			.GET());
		assertThat(first.statusCode()).isEqualTo(400);
		assertThat(first.headers().firstValue("X-Experience-API-Version")).hasValue("1.0.3");
		HttpResponse<String> anonymous = new HttpTestClient(this.port).get("/xapi/statements");
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(anonymous.headers().firstValue("X-Experience-API-Version")).isPresent();
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
		HttpResponse<String> as2 = this.lrs.http.send(this.lrs.http.request("/xapi/statements?statementId=" + id)
			.header("Authorization", HttpTestClient.basic(this.lrs.key, this.lrs.secret))
			.header("X-Experience-API-Version", "2.0.0")
			.GET());
		assertThat(XapiClient.json(as2.body()).get("version").stringValue()).isEqualTo("2.0.0");
		// a 1.0.3 reader refuses any version but 1.0.x: it is told 1.0.0
		assertThat(
				XapiClient.json(this.lrs.get("/xapi/statements?statementId=" + id).body()).get("version").stringValue())
			.isEqualTo("1.0.0");
	}

	@Test
	void aVersion2StatementIsDowngradedForA103Reader() {
		String statement = StatementJson.unique()
			.replace("\"contextActivities\"", "\"contextAgents\":[{\"objectType\":\"contextAgent\","
					+ "\"agent\":{\"mbox\":\"mailto:tutor@example.org\"}}],\"contextActivities\"");
		HttpResponse<String> post = this.lrs.http.send(this.lrs.http.request("/xapi/statements")
			.header("Authorization", HttpTestClient.basic(this.lrs.key, this.lrs.secret))
			.header("X-Experience-API-Version", "2.0.0")
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(statement)));
		assertThat(post.statusCode()).as(post.body()).isEqualTo(200);
		String id = XapiClient.json(post.body()).get(0).stringValue();
		JsonNode as103 = XapiClient.json(this.lrs.get("/xapi/statements?statementId=" + id).body());
		assertThat(as103.get("context").has("contextAgents")).isFalse();
		assertThat(as103.get("version").stringValue()).isEqualTo("1.0.0");
		HttpResponse<String> as2 = this.lrs.http.send(this.lrs.http.request("/xapi/statements?statementId=" + id)
			.header("Authorization", HttpTestClient.basic(this.lrs.key, this.lrs.secret))
			.header("X-Experience-API-Version", "2.0.0")
			.GET());
		assertThat(XapiClient.json(as2.body()).get("context").has("contextAgents")).isTrue();
		assertThat(XapiClient.json(as2.body()).get("version").stringValue()).isEqualTo("2.0.0");
		// a 1.0.3 writer may not send 2.0 properties at all
		assertThat(this.lrs.post(statement).statusCode()).isEqualTo(400);
	}

	private HttpResponse<String> post2(String json) {
		return this.lrs.http.send(this.lrs.http.request("/xapi/statements")
			.header("Authorization", HttpTestClient.basic(this.lrs.key, this.lrs.secret))
			.header("X-Experience-API-Version", "2.0.0")
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json)));
	}

	@Test
	void aVersion2TimestampNeedsItsZoneOffset() {
		String local = StatementJson.unique().replace("2026-11-25T10:00:00.000Z", "2026-11-25T10:00:00.000");
		HttpResponse<String> refused = post2(local);
		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
		assertThat(XapiClient.json(refused.body()).get("path").stringValue()).isEqualTo("$.timestamp");
		assertThat(refused.body()).contains("time zone offset");
		// 1.0.3 reads a timestamp without offset as UTC
		assertThat(this.lrs.post(local).statusCode()).isEqualTo(200);
		// in a SubStatement too
		String sub = """
				{"actor":{"mbox":"mailto:a@example.org"},"verb":{"id":"http://x.org/v/planned"},
				 "object":{"objectType":"SubStatement","actor":{"mbox":"mailto:a@example.org"},
				 "verb":{"id":"http://x.org/v/attend"},"object":{"id":"http://x.org/a/1"},
				 "timestamp":"2026-11-25T10:00:00"}}""";
		HttpResponse<String> subRefused = post2(sub);
		assertThat(subRefused.statusCode()).isEqualTo(400);
		assertThat(XapiClient.json(subRefused.body()).get("path").stringValue()).isEqualTo("$.object.timestamp");
		// -00:00 is refused with both versions
		String unknown = StatementJson.unique().replace("2026-11-25T10:00:00.000Z", "2026-11-25T10:00:00.000-00:00");
		assertThat(post2(unknown).statusCode()).isEqualTo(400);
		assertThat(this.lrs.post(unknown).statusCode()).isEqualTo(400);
	}

	@Test
	void aVersion2TimestampMayUseAnyOffsetTheSpaceFormAndExtraPrecision() {
		for (String timestamp : new String[] { "2026-11-25T10:00:00+01:00", "2026-11-25 10:00:00.601+00:00",
				"2026-11-25T10:00:00.123456789Z" }) {
			String statement = StatementJson.unique().replace("2026-11-25T10:00:00.000Z", timestamp);
			HttpResponse<String> post = post2(statement);
			assertThat(post.statusCode()).as(timestamp + " " + post.body()).isEqualTo(200);
			String id = XapiClient.json(post.body()).get(0).stringValue();
			JsonNode stored = XapiClient.json(this.lrs.get("/xapi/statements?statementId=" + id).body());
			// the timestamp reads back as sent (no precision lost); stored is UTC with
			// milliseconds
			assertThat(stored.get("timestamp").stringValue()).isEqualTo(timestamp);
			assertThat(stored.get("stored").stringValue())
				.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
		}
	}

	@Test
	void aVersion2QueryTimeNeedsItsZoneOffsetToo() {
		HttpResponse<String> get = this.lrs.http
			.send(this.lrs.http.request("/xapi/statements?since=2026-11-25T10:00:00")
				.header("Authorization", HttpTestClient.basic(this.lrs.key, this.lrs.secret))
				.header("X-Experience-API-Version", "2.0.0")
				.GET());
		assertThat(get.statusCode()).isEqualTo(400);
		assertThat(XapiClient.json(get.body()).get("path").stringValue()).isEqualTo("since");
		assertThat(this.lrs.get("/xapi/statements?since=2026-11-25T10:00:00").statusCode()).isEqualTo(200);
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
	void theAlternateRequestSyntaxTakesHeadersSentAsRealHeadersToo() {
		// Communication §1.3 (1.3.s3.b6): the listed headers MAY be form parameters, so
		// credentials and version in the HTTP header still count
		String id = UUID.randomUUID().toString();
		String form = "statementId=" + id + "&content=" + enc(StatementJson.completed("alt", "https://x.org/alt"));
		HttpResponse<String> put = new HttpTestClient(this.port)
			.send(new HttpTestClient(this.port).request("/xapi/statements?method=PUT")
				.header("Content-Type", "application/x-www-form-urlencoded")
				.header("Authorization", HttpTestClient.basic(this.lrs.key, this.lrs.secret))
				.header("X-Experience-API-Version", "1.0.3")
				.POST(HttpRequest.BodyPublishers.ofString(form)));
		assertThat(put.statusCode()).as(put.body()).isEqualTo(204);
		assertThat(this.lrs.get("/xapi/statements?statementId=" + id).statusCode()).isEqualTo(200);
		HttpResponse<String> old = new HttpTestClient(this.port)
			.send(new HttpTestClient(this.port).request("/xapi/statements?method=GET")
				.header("Content-Type", "application/x-www-form-urlencoded")
				.header("Authorization", HttpTestClient.basic(this.lrs.key, this.lrs.secret))
				.header("X-Experience-API-Version", "1.0.3")
				.POST(HttpRequest.BodyPublishers.ofString("statementId=" + id + "&X-Experience-API-Version=0.95")));
		assertThat(old.statusCode()).as("the form's version wins over the header").isEqualTo(400);
		HttpResponse<String> noForm = new HttpTestClient(this.port)
			.send(new HttpTestClient(this.port).request("/xapi/statements?method=PUT")
				.header("Authorization", HttpTestClient.basic(this.lrs.key, this.lrs.secret))
				.header("X-Experience-API-Version", "1.0.3")
				.POST(HttpRequest.BodyPublishers.noBody()));
		assertThat(noForm.statusCode()).as("no form, no content: a missing argument").isEqualTo(400);
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
	void aWrongContentTypeIs400NamingContentType() {
		HttpResponse<String> post = this.lrs.http.send(this.lrs.request("/xapi/statements")
			.header("Content-Type", "text/plain")
			.POST(HttpRequest.BodyPublishers.ofString(StatementJson.unique())));
		assertThat(post.statusCode()).isEqualTo(400);
		assertThat(post.body()).contains("\"path\":\"Content-Type\"");
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
