package org.attc.tracker.xapi.internal.documents;

import java.util.List;

import org.attc.tracker.xapi.internal.protocol.XapiProblems.XapiRequestRefused;
import org.attc.tracker.xapi.internal.validation.XapiVersion;

/**
 * The concurrency rules of the document resources (xAPI 1.0.3 Communication §3.1; IEEE
 * 9274.1.1 §4.1.4): {@code If-Match} and {@code If-None-Match} as RFC 9110 §13.1.1 and
 * §13.1.2 define them (412 on mismatch), and what a PUT without either meets.
 */
final class DocumentPreconditions {

	private DocumentPreconditions() {
	}

	/**
	 * RFC 9110 §13.1.1 and §13.1.2: {@code If-Match} needs the document to exist with one
	 * of the listed ETags (or {@code *}); {@code If-None-Match} needs it absent or with
	 * none of them. Weak and strong tags compare alike.
	 * @param etag the stored document's ETag, or {@code null} when there is none
	 * @param ifMatch the header, or {@code null}
	 * @param ifNoneMatch the header, or {@code null}
	 * @throws XapiRequestRefused 412 when a condition fails
	 */
	static void check(String etag, String ifMatch, String ifNoneMatch) {
		if (ifMatch != null && (etag == null || !matches(ifMatch, etag))) {
			throw new XapiRequestRefused(412, "precondition-failed", "If-Match",
					"The document's ETag does not match If-Match.");
		}
		if (ifNoneMatch != null && etag != null && matches(ifNoneMatch, etag)) {
			throw new XapiRequestRefused(412, "precondition-failed", "If-None-Match",
					"The document exists (If-None-Match).");
		}
	}

	private static boolean matches(String header, String etag) {
		return header.trim().equals("*")
				|| List.of(header.split(",")).stream().map(DocumentPreconditions::unquote).anyMatch(etag::equals);
	}

	static String unquote(String etag) {
		String value = etag.trim();
		if (value.startsWith("W/")) {
			value = value.substring(2);
		}
		return (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\""))
				? value.substring(1, value.length() - 1) : value;
	}

	/**
	 * A PUT with neither {@code If-Match} nor {@code If-None-Match}.
	 * <ul>
	 * <li>To an existing profile document: 409 with both versions (1.0.3 Communication
	 * §3.1; IEEE 9274.1.1 §4.1.4).</li>
	 * <li>To an existing State document: 409 for 2.0 requests, whose §4.1.4 lists the
	 * State Resource among the resources under concurrency control with no exemption;
	 * 1.0.3 leaves the State Resource out of §3.1, so 1.0.3 clients keep overwriting
	 * state without headers.</li>
	 * <li>To a new profile document: 400 for 1.0.3 requests. 1.0.3 Communication §3.1
	 * says a client PUTting to the Activity Profile or Agent Profile Resource MUST
	 * include If-Match or If-None-Match, and ADL's 1.0.3 conformance suite (XAPI-00273
	 * and its activity-profile twin) and ADL's reference LRS refuse one without either,
	 * and TinCanJS sends {@code If-None-Match: *} to create. 2.0 keeps only the 409 rule
	 * for existing documents, so a 2.0 PUT creating a document needs no header.</li>
	 * </ul>
	 */
	static void unconditionalPut(DocumentResource resource, boolean exists, XapiVersion version) {
		boolean profile = resource != DocumentResource.STATE;
		if (exists && (profile || version == XapiVersion.V2_0_0)) {
			throw new XapiRequestRefused(409, "document-conflict", "If-Match",
					"The document exists: send If-Match with its ETag (or If-None-Match: *).");
		}
		if (!exists && profile && version != XapiVersion.V2_0_0) {
			throw XapiRequestRefused.badRequest("If-Match",
					"xAPI 1.0.3 asks for If-Match or If-None-Match on a profile PUT: send If-None-Match: * to create "
							+ "the document.");
		}
	}

}
