package org.attc.tracker.xapi.internal.protocol;

import java.io.IOException;
import java.io.InputStream;

import jakarta.servlet.http.HttpServletRequest;
import org.attc.tracker.xapi.internal.protocol.XapiProblems.XapiRequestRefused;

/**
 * A request body, refused with 413 past the configured limit
 * ({@code app.xapi.max-body-size}; xAPI 1.0.3 Communication §3.2 lists 413), read no
 * further than the limit.
 */
public final class LimitedBody {

	private LimitedBody() {
	}

	public static byte[] read(HttpServletRequest request, long max) throws IOException {
		if (request.getContentLengthLong() > max) {
			throw tooLarge(max);
		}
		try (InputStream in = request.getInputStream()) {
			byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
			if (bytes.length > max) {
				throw tooLarge(max);
			}
			return bytes;
		}
	}

	private static XapiRequestRefused tooLarge(long max) {
		return new XapiRequestRefused(413, "payload-too-large", null,
				"The body is larger than the limit of " + max + " bytes.");
	}

}
