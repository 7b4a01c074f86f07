package org.attc.tracker.xapi.internal.statements;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

import org.attc.tracker.xapi.internal.XapiJson;
import org.attc.tracker.xapi.internal.protocol.XapiProblems.XapiRequestRefused;
import tools.jackson.databind.JsonNode;

/**
 * The body of a statement PUT or POST: the statement JSON and, for
 * {@code multipart/mixed}, the attachment parts that follow it (xAPI 1.0.3 Communication
 * §1.5.2).
 *
 * @param json one statement or an array of statements
 * @param parts the attachment parts (none for {@code application/json})
 */
record StatementBody(JsonNode json, List<MultipartMixed.Part> parts) {

	/** The bytes of a request body, read only once its content type is acceptable. */
	@FunctionalInterface
	interface Bytes {

		byte[] read() throws IOException;

	}

	/**
	 * Communication §1.5.2.s2: statements travel as {@code application/json} or, with
	 * attachments, as {@code multipart/mixed} whose first part is the JSON.
	 */
	static StatementBody read(String contentType, Bytes bytes) throws IOException {
		if (contentType == null) {
			throw new XapiRequestRefused(400, "unsupported-media-type", "Content-Type",
					"Content-Type is required: application/json or multipart/mixed");
		}
		byte[] content = bytes.read();
		String type = contentType.toLowerCase(Locale.ROOT);
		if (type.startsWith("application/json")) {
			return new StatementBody(XapiJson.MAPPER.readTree(content), List.of());
		}
		if (type.startsWith("multipart/mixed")) {
			List<MultipartMixed.Part> parts = MultipartMixed.parse(content, MultipartMixed.boundary(contentType));
			if (parts.isEmpty()) {
				throw XapiRequestRefused.badRequest("$", "the multipart body has no parts");
			}
			MultipartMixed.Part first = parts.get(0);
			String firstType = first.header("Content-Type");
			if (firstType == null || !firstType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
				throw XapiRequestRefused.badRequest("Content-Type",
						"the first part of a multipart request must be application/json statements");
			}
			return new StatementBody(XapiJson.MAPPER.readTree(first.content()), parts.subList(1, parts.size()));
		}
		// 400, not 415: Communication §1.5.2.s2 admits only these two types, and §3.2
		// lists 400 (invalid argument) for such requests; ADL's conformance suite checks
		// for 400 (Data 2.4.11)
		throw new XapiRequestRefused(400, "unsupported-media-type", "Content-Type",
				"Statements are sent as application/json or multipart/mixed, not " + contentType);
	}

}
