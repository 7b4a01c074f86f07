package org.attc.tracker.xapi.internal;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.UUID;

import org.attc.tracker.xapi.internal.clients.LrsClient.Scope;
import org.attc.tracker.xapi.internal.clients.LrsClients;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * xAPI 1.0.3 Communication §2.2 (documents), §2.3 (State), §2.6/§2.7 (Activity and Agent
 * Profiles) and §3.1 (concurrency); IEEE 9274.1.1 §4.1.4 and §4.1.6.2.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class DocumentResourceTests {

	@LocalServerPort
	int port;

	@Autowired
	LrsClients clients;

	XapiClient lrs;

	String activity;

	String agent;

	@BeforeEach
	void client() {
		this.lrs = XapiClient.create(this.port, this.clients, Scope.ALL);
		this.activity = XapiClient.q("https://x.org/content/" + UUID.randomUUID());
		this.agent = XapiClient.q("{\"mbox\":\"mailto:" + UUID.randomUUID() + "@example.org\"}");
	}

	private String state(String extra) {
		return "/xapi/activities/state?activityId=" + this.activity + "&agent=" + this.agent + extra;
	}

	private HttpResponse<String> send(String path, String method, String contentType, String body, String... headers) {
		HttpRequest.Builder request = this.lrs.request(path)
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return this.lrs.http.send(request);
	}

	@Test
	void stateIsStoredAndReadBackWithItsContentTypeAndEtag() {
		HttpResponse<String> put = send(state("&stateId=bookmark"), "PUT", "text/plain", "slide-7");
		assertThat(put.statusCode()).as(put.body()).isEqualTo(204);
		HttpResponse<String> get = this.lrs.get(state("&stateId=bookmark"));
		assertThat(get.statusCode()).isEqualTo(200);
		assertThat(get.body()).isEqualTo("slide-7");
		assertThat(get.headers().firstValue("Content-Type"))
			.hasValueSatisfying((t) -> assertThat(t).startsWith("text/plain"));
		assertThat(get.headers().firstValue("ETag")).hasValueSatisfying((e) -> assertThat(e).startsWith("\""));
		assertThat(get.headers().firstValue("Last-Modified")).isPresent();
	}

	@Test
	void postMergesJsonObjects() {
		send(state("&stateId=suspend"), "PUT", "application/json", "{\"a\":1,\"b\":{\"x\":1}}");
		HttpResponse<String> post = send(state("&stateId=suspend"), "POST", "application/json",
				"{\"b\":{\"y\":2},\"c\":3}");
		assertThat(post.statusCode()).isEqualTo(204);
		assertThat(XapiClient.json(this.lrs.get(state("&stateId=suspend")).body()))
			.isEqualTo(XapiClient.json("{\"a\":1,\"b\":{\"y\":2},\"c\":3}"));
	}

	@Test
	void postIsRefusedWhenEitherDocumentIsNotAJsonObject() {
		send(state("&stateId=text"), "PUT", "text/plain", "hello");
		assertThat(send(state("&stateId=text"), "POST", "application/json", "{\"a\":1}").statusCode()).isEqualTo(400);
		send(state("&stateId=json"), "PUT", "application/json", "{\"a\":1}");
		assertThat(send(state("&stateId=json"), "POST", "application/json", "[1]").statusCode()).isEqualTo(400);
	}

	@Test
	void postToADocumentThatDoesNotExistStoresItAsAPutWouldWhateverItsType() {
		// Communication §2.2 (JSON Procedure with Requirements): no document yet, so the
		// POST is treated as a PUT; the JSON-object rule applies to application/json
		// bodies and to a merge
		HttpResponse<String> post = send(state("&stateId=new-text"), "POST", "text/plain", "true");
		assertThat(post.statusCode()).as(post.body()).isEqualTo(204);
		HttpResponse<String> get = this.lrs.get(state("&stateId=new-text"));
		assertThat(get.body()).isEqualTo("true");
		assertThat(get.headers().firstValue("Content-Type"))
			.hasValueSatisfying((t) -> assertThat(t).startsWith("text/plain"));
		assertThat(send(state("&stateId=new-text"), "POST", "application/json", "{\"a\":1}").statusCode())
			.isEqualTo(400);
		assertThat(this.lrs.get(state("&stateId=new-text")).body()).isEqualTo("true");
	}

	@Test
	void aPostWithoutADocumentIs400() {
		HttpResponse<String> post = send(state("&stateId=empty"), "POST", null, null);
		assertThat(post.statusCode()).isEqualTo(400);
		assertThat(this.lrs.get(state("&stateId=empty")).statusCode()).isEqualTo(404);
	}

	@Test
	void aMalformedSinceIs400EvenBesideAnId() {
		// Communication §3.2: a bad parameter is refused, not ignored
		assertThat(this.lrs.get(state("&stateId=absent&since=not-a-timestamp")).statusCode()).isEqualTo(400);
		assertThat(this.lrs.get(state("&since=1")).statusCode()).isEqualTo(400);
	}

	@Test
	void aFormEncodedDocumentIsContentNotParameters() {
		// a document may have any content type (Communication §2.2); the xAPI parameters
		// stay those of the query string
		for (String method : new String[] { "PUT", "POST" }) {
			String path = state("&stateId=form-" + method);
			HttpResponse<String> write = send(path, method, "application/x-www-form-urlencoded", "a=1&b=two");
			assertThat(write.statusCode()).as(write.body()).isEqualTo(204);
			HttpResponse<String> get = this.lrs.get(path);
			assertThat(get.body()).isEqualTo("a=1&b=two");
			assertThat(get.headers().firstValue("Content-Type"))
				.hasValueSatisfying((t) -> assertThat(t).startsWith("application/x-www-form-urlencoded"));
		}
	}

	@Test
	void stateIdsAreListedAndFilteredBySince() throws InterruptedException {
		send(state("&stateId=one"), "PUT", "text/plain", "1");
		Thread.sleep(5);
		Instant between = Instant.now();
		Thread.sleep(5);
		send(state("&stateId=two"), "PUT", "text/plain", "2");
		assertThat(XapiClient.json(this.lrs.get(state("")).body()).toString()).isEqualTo("[\"one\",\"two\"]");
		assertThat(XapiClient.json(this.lrs.get(state("&since=" + between)).body()).toString()).isEqualTo("[\"two\"]");
	}

	@Test
	void aVersion2SinceNeedsItsZoneOffset() {
		send(state("&stateId=one"), "PUT", "text/plain", "1");
		HttpResponse<String> local = this.lrs.http
			.send(this.lrs.request(state("&since=2026-01-01T00:00:00")).setHeader("X-Experience-API-Version", "2.0.0"));
		assertThat(local.statusCode()).isEqualTo(400);
		assertThat(local.body()).contains("since");
		assertThat(this.lrs.http
			.send(this.lrs.request(state("&since=2026-01-01T00:00:00Z")).setHeader("X-Experience-API-Version", "2.0.0"))
			.statusCode()).isEqualTo(200);
		// 1.0.3 reads it as UTC
		assertThat(this.lrs.get(state("&since=2026-01-01T00:00:00")).statusCode()).isEqualTo(200);
	}

	@Test
	void stateIsScopedByRegistration() {
		String registration = UUID.randomUUID().toString();
		send(state("&stateId=s&registration=" + registration), "PUT", "text/plain", "with");
		assertThat(this.lrs.get(state("&stateId=s")).statusCode()).isEqualTo(404);
		assertThat(this.lrs.get(state("&stateId=s&registration=" + registration)).body()).isEqualTo("with");
	}

	@Test
	void deleteWithoutStateIdDeletesAllStateOfTheAgentAndActivity() {
		send(state("&stateId=a"), "PUT", "text/plain", "1");
		send(state("&stateId=b"), "PUT", "text/plain", "2");
		assertThat(send(state("&stateId=a"), "DELETE", null, null).statusCode()).isEqualTo(204);
		assertThat(this.lrs.get(state("&stateId=a")).statusCode()).isEqualTo(404);
		assertThat(send(state(""), "DELETE", null, null).statusCode()).isEqualTo(204);
		assertThat(this.lrs.get(state("&stateId=b")).statusCode()).isEqualTo(404);
	}

	@Test
	void stateNeedsAnAgentAndAnActivity() {
		assertThat(this.lrs.get("/xapi/activities/state?activityId=" + this.activity + "&stateId=x").statusCode())
			.isEqualTo(400);
		assertThat(this.lrs.get("/xapi/activities/state?agent=" + this.agent + "&stateId=x").statusCode())
			.isEqualTo(400);
	}

	@Test
	void aProfilePutToAnExistingDocumentWithoutPreconditionsIs409() {
		String profile = "/xapi/activities/profile?activityId=" + this.activity + "&profileId=p";
		assertThat(send(profile, "PUT", "application/json", "{\"v\":1}", "If-None-Match", "*").statusCode())
			.isEqualTo(204);
		assertThat(send(profile, "PUT", "application/json", "{\"v\":2}").statusCode()).isEqualTo(409);
		assertThat(send2(profile, "PUT", "application/json", "{\"v\":2}").statusCode()).as("2.0 too").isEqualTo(409);
		String etag = this.lrs.get(profile).headers().firstValue("ETag").orElseThrow();
		assertThat(send(profile, "PUT", "application/json", "{\"v\":2}", "If-Match", "\"stale\"").statusCode())
			.isEqualTo(412);
		assertThat(send(profile, "PUT", "application/json", "{\"v\":2}", "If-Match", etag).statusCode()).isEqualTo(204);
		assertThat(send(profile, "PUT", "application/json", "{\"v\":3}", "If-None-Match", "*").statusCode())
			.isEqualTo(412);
		assertThat(this.lrs.get(profile).body()).isEqualTo("{\"v\":2}");
	}

	/** The same request as {@link #send}, as an xAPI 2.0 client sends it. */
	private HttpResponse<String> send2(String path, String method, String contentType, String body, String... headers) {
		HttpRequest.Builder request = this.lrs.request(path)
			.setHeader("X-Experience-API-Version", "2.0.0")
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return this.lrs.http.send(request);
	}

	private String activityProfile(String id) {
		return "/xapi/activities/profile?activityId=" + this.activity + "&profileId=" + id;
	}

	private String agentProfile(String id) {
		return "/xapi/agents/profile?agent=" + this.agent + "&profileId=" + id;
	}

	/**
	 * 1.0.3 Communication §3.1: a client PUTting a profile document MUST send If-Match or
	 * If-None-Match, and ADL's 1.0.3 suite (XAPI-00273 and the activity-profile twin)
	 * expects 400 when a new document is PUT with neither; nothing is stored.
	 */
	@Test
	void a103ProfilePutCreatingADocumentWithoutPreconditionsIs400() {
		for (String path : new String[] { activityProfile("new"), agentProfile("new") }) {
			HttpResponse<String> put = send(path, "PUT", "application/json", "{\"v\":1}");
			assertThat(put.statusCode()).as(path).isEqualTo(400);
			assertThat(put.body()).contains("If-None-Match");
			assertThat(this.lrs.get(path).statusCode()).isEqualTo(404);
			assertThat(send(path, "PUT", "application/json", "{\"v\":1}", "If-None-Match", "*").statusCode())
				.isEqualTo(204);
		}
	}

	/**
	 * IEEE 9274.1.1 §4.1.4 keeps only the 409 rule for an existing document, so a 2.0
	 * client may create a profile document by PUT without a precondition.
	 */
	@Test
	void a20ProfilePutCreatingADocumentNeedsNoPrecondition() {
		for (String path : new String[] { activityProfile("new2"), agentProfile("new2") }) {
			HttpResponse<String> put = send2(path, "PUT", "application/json", "{\"v\":1}");
			assertThat(put.statusCode()).as(path + " " + put.body()).isEqualTo(204);
			assertThat(this.lrs.get(path).body()).isEqualTo("{\"v\":1}");
		}
	}

	/**
	 * IEEE 9274.1.1 §4.1.4 lists the State Resource under concurrency control with no
	 * exemption: a 2.0 PUT without preconditions to an existing State document is 409
	 * with a message, and the document is kept. A 1.0.3 client may still overwrite state
	 * without headers (1.0.3 §3.1 names only the profile resources).
	 */
	@Test
	void a20StatePutToAnExistingDocumentWithoutPreconditionsIs409() {
		String path = state("&stateId=concurrent");
		assertThat(send2(path, "PUT", "application/json", "{\"v\":1}").statusCode()).as("a new one").isEqualTo(204);
		HttpResponse<String> conflict = send2(path, "PUT", "application/json", "{\"v\":2}");
		assertThat(conflict.statusCode()).isEqualTo(409);
		assertThat(conflict.body()).contains("If-Match");
		assertThat(this.lrs.get(path).body()).isEqualTo("{\"v\":1}");
		String etag = this.lrs.get(path).headers().firstValue("ETag").orElseThrow();
		assertThat(send2(path, "PUT", "application/json", "{\"v\":2}", "If-Match", etag).statusCode()).isEqualTo(204);
		assertThat(send2(path, "POST", "application/json", "{\"w\":3}").statusCode()).as("POST merges").isEqualTo(204);
		assertThat(send(path, "PUT", "application/json", "{\"v\":4}").statusCode()).as("1.0.3").isEqualTo(204);
		assertThat(this.lrs.get(path).body()).isEqualTo("{\"v\":4}");
	}

	/**
	 * Communication §2.2 (JSON Procedure with Requirements, 2.2.s8.b1), ADL XAPI-00314: a
	 * POST of {@code application/json} that is not a JSON object is 400 and stores
	 * nothing, also when the document does not exist yet; with either version, on all
	 * three document resources.
	 */
	@Test
	void aPostOfBrokenJsonToANewDocumentIs400AndStoresNothing() {
		String[] paths = { state("&stateId=broken"), activityProfile("broken"), agentProfile("broken") };
		for (String path : paths) {
			for (String body : new String[] { "{\"a\":1}[", "{\"a\":", "[1,2]" }) {
				HttpResponse<String> post = send(path, "POST", "application/json", body);
				assertThat(post.statusCode()).as(path + " " + body).isEqualTo(400);
				assertThat(post.body()).contains("\"path\":\"$\"");
				assertThat(send2(path, "POST", "application/json", body).statusCode()).as("2.0 " + path + " " + body)
					.isEqualTo(400);
				assertThat(this.lrs.get(path).statusCode()).as(path).isEqualTo(404);
			}
		}
	}

	@Test
	void ifNoneMatchStarCreatesOnlyWhenAbsent() {
		String profile = "/xapi/agents/profile?agent=" + this.agent + "&profileId=prefs";
		assertThat(send(profile, "PUT", "application/json", "{\"lang\":\"en\"}", "If-None-Match", "*").statusCode())
			.isEqualTo(204);
		assertThat(send(profile, "PUT", "application/json", "{\"lang\":\"de\"}", "If-None-Match", "*").statusCode())
			.isEqualTo(412);
		assertThat(XapiClient.json(this.lrs.get("/xapi/agents/profile?agent=" + this.agent).body()).toString())
			.isEqualTo("[\"prefs\"]");
	}

	@Test
	void aDeleteWithAStaleEtagIs412() {
		String profile = "/xapi/agents/profile?agent=" + this.agent + "&profileId=d";
		assertThat(send(profile, "PUT", "text/plain", "x", "If-None-Match", "*").statusCode()).isEqualTo(204);
		assertThat(send(profile, "DELETE", null, null, "If-Match", "\"stale\"").statusCode()).isEqualTo(412);
		assertThat(this.lrs.get(profile).statusCode()).isEqualTo(200);
	}

	@Test
	void theStateScopeIsNeededForState() {
		XapiClient writer = XapiClient.create(this.port, this.clients, Scope.STATEMENTS_WRITE);
		HttpResponse<String> put = writer.http.send(writer.request(state("&stateId=x"))
			.header("Content-Type", "text/plain")
			.PUT(HttpRequest.BodyPublishers.ofString("x")));
		assertThat(put.statusCode()).isEqualTo(403);
		XapiClient stateOnly = XapiClient.create(this.port, this.clients, Scope.STATE);
		HttpResponse<String> allowed = stateOnly.http.send(stateOnly.request(state("&stateId=x"))
			.header("Content-Type", "text/plain")
			.PUT(HttpRequest.BodyPublishers.ofString("x")));
		assertThat(allowed.statusCode()).isEqualTo(204);
		HttpResponse<String> profile = stateOnly.http
			.send(stateOnly.request("/xapi/activities/profile?activityId=" + this.activity + "&profileId=p")
				.header("Content-Type", "text/plain")
				.PUT(HttpRequest.BodyPublishers.ofString("x")));
		assertThat(profile.statusCode()).isEqualTo(403);
	}

}
