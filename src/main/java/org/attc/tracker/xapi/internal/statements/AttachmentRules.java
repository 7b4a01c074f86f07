package org.attc.tracker.xapi.internal.statements;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.attc.tracker.xapi.internal.protocol.XapiProblems.XapiRequestRefused;
import org.attc.tracker.xapi.internal.store.AttachmentPart;
import org.attc.tracker.xapi.internal.validation.InvalidStatement;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Communication §1.5.2 (attachments): every attachment without a fileUrl has a part,
 * every part belongs to an attachment, each part's hash matches its content; signature
 * attachments are verified (Data §2.6).
 */
final class AttachmentRules {

	private AttachmentRules() {
	}

	/**
	 * @param statements the validated statements of the request
	 * @param received the attachment parts of the request
	 * @param array whether the body was an array (for the JSON paths of faults)
	 * @return the parts by lower-case sha2
	 */
	static Map<String, AttachmentPart> match(List<ObjectNode> statements, List<MultipartMixed.Part> received,
			boolean array) {
		Map<String, AttachmentPart> parts = new TreeMap<>();
		for (int i = 0; i < received.size(); i++) {
			MultipartMixed.Part part = received.get(i);
			String hash = part.header("X-Experience-API-Hash");
			if (hash == null) {
				throw XapiRequestRefused.badRequest("X-Experience-API-Hash",
						"attachment part " + (i + 1) + " has no X-Experience-API-Hash header");
			}
			String encoding = part.header("Content-Transfer-Encoding");
			if (encoding != null && !encoding.equalsIgnoreCase("binary")) {
				throw XapiRequestRefused.badRequest("Content-Transfer-Encoding",
						"attachment parts are sent with Content-Transfer-Encoding: binary");
			}
			String actual = sha2(part.content(), hash.length());
			if (!actual.equalsIgnoreCase(hash)) {
				throw XapiRequestRefused.badRequest("X-Experience-API-Hash",
						"attachment part " + (i + 1) + " does not match its hash " + hash);
			}
			String contentType = (part.header("Content-Type") != null) ? part.header("Content-Type")
					: "application/octet-stream";
			parts.put(hash.toLowerCase(), new AttachmentPart(hash.toLowerCase(), contentType, part.content()));
		}
		Set<String> cited = new LinkedHashSet<>();
		for (int s = 0; s < statements.size(); s++) {
			ObjectNode statement = statements.get(s);
			String path = array ? "$[" + s + "]" : "$";
			JsonNode list = statement.path("attachments");
			for (int a = 0; a < list.size(); a++) {
				JsonNode attachment = list.get(a);
				String sha2 = attachment.get("sha2").stringValue().toLowerCase();
				AttachmentPart part = parts.get(sha2);
				if (part == null && !attachment.has("fileUrl")) {
					throw new InvalidStatement(path + ".attachments[" + a + "].sha2",
							"no attachment part has this sha2, and there is no fileUrl");
				}
				if (part != null) {
					cited.add(sha2);
				}
				if (StatementSignature.USAGE.equals(attachment.get("usageType").stringValue())) {
					if (part == null) {
						throw new InvalidStatement(path + ".attachments[" + a + "]",
								"a signature attachment must be sent with the statement");
					}
					if (!attachment.get("contentType").stringValue().equals("application/octet-stream")) {
						throw new InvalidStatement(path + ".attachments[" + a + "].contentType",
								"a signature attachment has contentType application/octet-stream");
					}
					StatementSignature.verify(statement, path, part.content(), a);
				}
			}
			statement.path("object").path("attachments").forEach((attachment) -> {
				String sha2 = attachment.get("sha2").stringValue().toLowerCase();
				if (parts.containsKey(sha2)) {
					cited.add(sha2);
				}
			});
		}
		for (String hash : parts.keySet()) {
			if (!cited.contains(hash)) {
				throw XapiRequestRefused.badRequest("X-Experience-API-Hash",
						"attachment part " + hash + " belongs to no statement");
			}
		}
		return parts;
	}

	/** The SHA-2 variant is told by the hash's length (Communication §1.5.2: SHA-2). */
	private static String sha2(byte[] content, int hexLength) {
		String algorithm = switch (hexLength) {
			case 56 -> "SHA-224";
			case 96 -> "SHA-384";
			case 128 -> "SHA-512";
			default -> "SHA-256";
		};
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(content));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
