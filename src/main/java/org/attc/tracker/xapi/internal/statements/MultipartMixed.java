package org.attc.tracker.xapi.internal.statements;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.attc.tracker.xapi.internal.protocol.XapiProblems.XapiRequestRefused;

/**
 * {@code multipart/mixed} bodies (RFC 2046 §5.1) as xAPI uses them for attachments (xAPI
 * 1.0.3 Communication §1.5.2): the statements first, then one part per attachment.
 */
final class MultipartMixed {

	/** One body part: its headers (case-insensitive names) and raw content. */
	record Part(Map<String, String> headers, byte[] content) {

		String header(String name) {
			return this.headers.get(name);
		}

	}

	private MultipartMixed() {
	}

	static String boundary(String contentType) {
		for (String parameter : contentType.split(";")) {
			String trimmed = parameter.trim();
			if (trimmed.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
				String value = trimmed.substring("boundary=".length());
				if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
					value = value.substring(1, value.length() - 1);
				}
				if (!value.isEmpty()) {
					return value;
				}
			}
		}
		throw XapiRequestRefused.badRequest("Content-Type", "multipart/mixed needs a boundary parameter");
	}

	static List<Part> parse(byte[] body, String boundary) {
		byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
		List<Part> parts = new ArrayList<>();
		int position = indexOf(body, delimiter, 0);
		if (position < 0) {
			throw XapiRequestRefused.badRequest("$", "multipart body without its boundary");
		}
		while (true) {
			int after = position + delimiter.length;
			if (after + 1 < body.length && body[after] == '-' && body[after + 1] == '-') {
				return parts;
			}
			int headersStart = skipLineBreak(body, after);
			int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), headersStart);
			int contentStart;
			Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
			if (headersStart + 1 < body.length && body[headersStart] == '\r' && body[headersStart + 1] == '\n') {
				contentStart = headersStart + 2;
			}
			else {
				if (headersEnd < 0) {
					throw XapiRequestRefused.badRequest("$", "multipart part without the blank line after its headers");
				}
				String text = new String(body, headersStart, headersEnd - headersStart, StandardCharsets.UTF_8);
				for (String line : text.split("\r\n")) {
					int colon = line.indexOf(':');
					if (colon > 0) {
						headers.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
					}
				}
				contentStart = headersEnd + 4;
			}
			byte[] next = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
			int contentEnd = indexOf(body, next, contentStart);
			if (contentEnd < 0) {
				throw XapiRequestRefused.badRequest("$", "multipart body without its closing boundary");
			}
			byte[] content = new byte[contentEnd - contentStart];
			System.arraycopy(body, contentStart, content, 0, content.length);
			parts.add(new Part(headers, content));
			position = contentEnd + 2;
		}
	}

	static byte[] write(String boundary, List<Part> parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (Part part : parts) {
			out.writeBytes(("--" + boundary + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
			part.headers()
				.forEach((name, value) -> out
					.writeBytes((name + ": " + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
			out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
			out.writeBytes(part.content());
			out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
		}
		out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1));
		return out.toByteArray();
	}

	private static int skipLineBreak(byte[] body, int position) {
		int p = position;
		while (p < body.length && (body[p] == ' ' || body[p] == '\t')) {
			p++;
		}
		if (p + 1 < body.length && body[p] == '\r' && body[p + 1] == '\n') {
			return p + 2;
		}
		return p;
	}

	private static int indexOf(byte[] data, byte[] pattern, int from) {
		outer: for (int i = Math.max(0, from); i <= data.length - pattern.length; i++) {
			for (int j = 0; j < pattern.length; j++) {
				if (data[i + j] != pattern[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

}
