package org.attc.tracker.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A statement producer over real HTTP: an LRS client created through the admin API,
 * posting statements with Basic credentials and the version header.
 */
public final class LrsTestClient {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpTestClient http;

	private final String key;

	private final String secret;

	private LrsTestClient(HttpTestClient http, String key, String secret) {
		this.http = http;
		this.key = key;
		this.secret = secret;
	}

	/**
	 * Creates a client with statements/write and statements/read through the admin API.
	 */
	public static LrsTestClient create(HttpTestClient http) {
		HttpResponse<String> response = http.send(http.request("/api/lrs-clients")
			.header("Authorization", HttpTestClient.basic(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers
				.ofString("{\"name\":\"test producer\",\"scopes\":[\"statements/write\",\"statements/read\"]}")));
		if (response.statusCode() != 201) {
			throw new IllegalStateException("could not create an LRS client: " + response.body());
		}
		JsonNode created = json.readTree(response.body());
		return new LrsTestClient(http, created.get("key").asString(), created.get("secret").asString());
	}

	/** The {@code Authorization} header value of this client. */
	public String authorization() {
		return HttpTestClient.basic(this.key, this.secret);
	}

	/** Posts statements as one batch; returns their ids in order. */
	public List<String> post(String... statements) {
		HttpResponse<String> response = this.http.send(this.http.request("/xapi/statements")
			.header("Authorization", HttpTestClient.basic(this.key, this.secret))
			.header("X-Experience-API-Version", "1.0.3")
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("[" + String.join(",", statements) + "]")));
		if (response.statusCode() != 200) {
			throw new IllegalStateException("statements refused: " + response.statusCode() + " " + response.body());
		}
		List<String> ids = new ArrayList<>();
		json.readTree(response.body()).forEach((id) -> ids.add(id.asString()));
		return ids;
	}

	/** Posts a body as it is (a recorded batch, say) and answers what the LRS said. */
	public HttpResponse<String> postBody(String body) {
		return this.http.send(this.http.request("/xapi/statements")
			.header("Authorization", HttpTestClient.basic(this.key, this.secret))
			.header("X-Experience-API-Version", "1.0.3")
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	/**
	 * A statement Moodle sent (src/test/resources/xapi/moodle-live), moved to another
	 * site address so that a test has learners and activities of its own; optionally
	 * re-dated.
	 */
	public static String moodleLive(String file, String site, String timestamp) {
		try (InputStream in = LrsTestClient.class.getResourceAsStream("/xapi/moodle-live/statements/" + file)) {
			String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("http://127.0.0.1:8181", site);
			if (timestamp == null) {
				return text;
			}
			ObjectNode node = (ObjectNode) json.readTree(text);
			node.put("timestamp", timestamp);
			return json.writeValueAsString(node);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
