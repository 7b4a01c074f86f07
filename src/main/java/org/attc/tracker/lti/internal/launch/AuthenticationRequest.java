package org.attc.tracker.lti.internal.launch;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The OIDC authentication request a login initiation answers with (LTI Security Framework
 * §5.1.1.2): the platform's auth endpoint plus the query parameters. Values a platform
 * sent (login_hint, lti_message_hint) are opaque and must come back byte for byte, so
 * every value is percent-encoded as UTF-8 except the RFC 3986 §2.3 unreserved characters:
 * braces, quotes, {@code %}, {@code +}, spaces and non-ASCII never reach the platform
 * raw, and no URI template ever sees them (Moodle sends JSON as
 * {@code lti_message_hint}).
 */
final class AuthenticationRequest {

	private final String endpoint;

	private final Map<String, String> parameters = new LinkedHashMap<>();

	AuthenticationRequest(String endpoint) {
		this.endpoint = endpoint;
	}

	/** Adds a parameter; a {@code null} value is left out. */
	AuthenticationRequest with(String name, String value) {
		if (value != null) {
			this.parameters.put(name, value);
		}
		return this;
	}

	/**
	 * The full URI, ready for a {@code Location} header: the endpoint as registered (with
	 * its own query, if it has one) and the encoded parameters after it.
	 */
	String uri() {
		StringBuilder uri = new StringBuilder(this.endpoint);
		int fragment = uri.indexOf("#");
		if (fragment >= 0) {
			uri.setLength(fragment);
		}
		char separator = (uri.indexOf("?") < 0) ? '?'
				: (uri.charAt(uri.length() - 1) == '?' || uri.charAt(uri.length() - 1) == '&') ? 0 : '&';
		for (Map.Entry<String, String> parameter : this.parameters.entrySet()) {
			if (separator != 0) {
				uri.append(separator);
			}
			separator = '&';
			uri.append(encode(parameter.getKey())).append('=').append(encode(parameter.getValue()));
		}
		return uri.toString();
	}

	/** Percent-encodes everything but ALPHA / DIGIT / "-" / "." / "_" / "~". */
	static String encode(String value) {
		StringBuilder out = new StringBuilder(value.length() * 3);
		for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
			int c = b & 0xff;
			if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
					|| c == '_' || c == '~') {
				out.append((char) c);
			}
			else {
				out.append('%')
					.append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
					.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
			}
		}
		return out.toString();
	}

}
