package org.attc.tracker.lti;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One HTTP exchange recorded between a real Moodle 4.5.6 and this tool
 * ({@code src/test/resources/moodle-4.5-lti/}, copied from the shared fixtures; their
 * README lists the facts they show). The recording ran with Moodle at
 * {@code http://127.0.0.1:18290} and the tool at {@code http://127.0.0.1:18280}; both are
 * rewritten to the addresses of this run when the file is read, nothing else.
 */
final class MoodleRecording {

	static final String RECORDED_MOODLE = "http://127.0.0.1:18290";

	static final String RECORDED_TOOL = "http://127.0.0.1:18280";

	/** Stands in for Moodle's redacted session keys (ten letters and digits). */
	static final String SESSKEY = "Rd4ctdSk3y";

	private static final JsonMapper json = JsonMapper.builder().build();

	private final String file;

	private final JsonNode root;

	private MoodleRecording(String file, JsonNode root) {
		this.file = file;
		this.root = root;
	}

	/** The recording as it was, addresses unchanged. */
	static MoodleRecording raw(String file) {
		return new MoodleRecording(file, json.readTree(text(file)));
	}

	/** The recording with Moodle's and the tool's addresses replaced by these. */
	static MoodleRecording load(String file, String moodleBase, String toolBase) {
		// Moodle's sesskey was redacted; a URL carries one of the same form again
		String text = text(file).replace("sesskey=<redacted>", "sesskey=" + SESSKEY)
			.replace(RECORDED_MOODLE, moodleBase)
			.replace(RECORDED_TOOL, toolBase)
			.replace("127.0.0.1:18290", hostPort(moodleBase))
			.replace("127.0.0.1:18280", hostPort(toolBase));
		return new MoodleRecording(file, json.readTree(text));
	}

	private static String hostPort(String base) {
		return base.substring(base.indexOf("://") + 3);
	}

	private static String text(String file) {
		try (InputStream in = MoodleRecording.class.getResourceAsStream("/moodle-4.5-lti/" + file)) {
			if (in == null) {
				throw new IllegalArgumentException("no recording " + file);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	String file() {
		return this.file;
	}

	JsonNode request() {
		return this.root.path("request");
	}

	JsonNode response() {
		return this.root.path("response");
	}

	/** The form fields of the request body, in the order they were sent. */
	List<Map.Entry<String, String>> form() {
		List<Map.Entry<String, String>> fields = new ArrayList<>();
		for (JsonNode field : request().path("body").path("form")) {
			fields.add(Map.entry(field.path("name").asString(), field.path("value").asString()));
		}
		return fields;
	}

	/** The form fields as a map (the last value of a repeated name wins). */
	Map<String, String> formMap() {
		Map<String, String> fields = new LinkedHashMap<>();
		form().forEach((f) -> fields.put(f.getKey(), f.getValue()));
		return fields;
	}

	/** The query parameters of the request, in order. */
	List<Map.Entry<String, String>> query() {
		List<Map.Entry<String, String>> params = new ArrayList<>();
		for (JsonNode param : request().path("query")) {
			params.add(Map.entry(param.path("name").asString(), param.path("value").asString()));
		}
		return params;
	}

	/** The decoded payload of the JWT sent in this form field (a copy to change). */
	ObjectNode jwtPayload(String field) {
		for (JsonNode entry : request().path("body").path("form")) {
			if (entry.path("name").asString().equals(field)) {
				return (ObjectNode) entry.path("jwt").path("payload").deepCopy();
			}
		}
		throw new IllegalArgumentException(this.file + " has no JWT in field " + field);
	}

	/** The decoded header of the JWT sent in this form field. */
	JsonNode jwtHeader(String field) {
		for (JsonNode entry : request().path("body").path("form")) {
			if (entry.path("name").asString().equals(field)) {
				return entry.path("jwt").path("header");
			}
		}
		throw new IllegalArgumentException(this.file + " has no JWT in field " + field);
	}

	JsonNode requestJson() {
		return request().path("body").path("json");
	}

	int status() {
		return response().path("status").asInt();
	}

	/** A response header as recorded (name compared without case), or {@code null}. */
	String responseHeader(String name) {
		for (JsonNode header : response().path("headers")) {
			if (header.get(0).asString().equalsIgnoreCase(name)) {
				return header.get(1).asString();
			}
		}
		return null;
	}

	/**
	 * The exact header name as recorded (Moodle writes {@code Content-type} sometimes).
	 */
	String responseHeaderName(String name) {
		for (JsonNode header : response().path("headers")) {
			if (header.get(0).asString().equalsIgnoreCase(name)) {
				return header.get(0).asString();
			}
		}
		return null;
	}

	/** The response body as text: the recorded text, or the recorded JSON serialised. */
	String responseBody() {
		JsonNode body = response().path("body");
		if (body.has("text")) {
			return body.path("text").asString();
		}
		return json.writeValueAsString(body.path("json"));
	}

	JsonNode responseJson() {
		return response().path("body").path("json");
	}

	static String write(JsonNode node) {
		return json.writeValueAsString(node);
	}

	static JsonNode read(String text) {
		return json.readTree(text);
	}

}
