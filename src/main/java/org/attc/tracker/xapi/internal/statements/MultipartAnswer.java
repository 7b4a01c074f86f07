package org.attc.tracker.xapi.internal.statements;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.attc.tracker.xapi.internal.XapiJson;
import org.attc.tracker.xapi.internal.store.AttachmentPart;
import tools.jackson.databind.JsonNode;

/**
 * A statement answer with {@code attachments=true} (xAPI 1.0.3 Communication §2.1.3 and
 * §1.5.2): {@code multipart/mixed}, the JSON first, then one part per attachment the
 * statements cite, each with its {@code X-Experience-API-Hash} and
 * {@code Content-Transfer-Encoding: binary}.
 *
 * @param boundary the multipart boundary
 * @param body the whole answer
 */
record MultipartAnswer(String boundary, byte[] body) {

	/** The media type of the answer, with its boundary. */
	String contentType() {
		return "multipart/mixed; boundary=" + this.boundary;
	}

	/**
	 * The attachments the statements cite, their own and their SubStatement's, by
	 * lower-case sha2, in order of first citation.
	 */
	static Set<String> citedHashes(List<JsonNode> statements) {
		Set<String> hashes = new LinkedHashSet<>();
		for (JsonNode statement : statements) {
			statement.path("attachments").forEach((a) -> hashes.add(a.path("sha2").stringValue("").toLowerCase()));
			statement.path("object")
				.path("attachments")
				.forEach((a) -> hashes.add(a.path("sha2").stringValue("").toLowerCase()));
		}
		return hashes;
	}

	static MultipartAnswer write(String boundary, JsonNode json, List<AttachmentPart> attachments) {
		List<MultipartMixed.Part> parts = new ArrayList<>();
		parts.add(new MultipartMixed.Part(Map.of("Content-Type", "application/json"),
				XapiJson.MAPPER.writeValueAsBytes(json)));
		for (AttachmentPart attachment : attachments) {
			Map<String, String> headers = new LinkedHashMap<>();
			headers.put("Content-Type", attachment.contentType());
			headers.put("Content-Transfer-Encoding", "binary");
			headers.put("X-Experience-API-Hash", attachment.sha2());
			parts.add(new MultipartMixed.Part(headers, attachment.content()));
		}
		return new MultipartAnswer(boundary, MultipartMixed.write(boundary, parts));
	}

}
