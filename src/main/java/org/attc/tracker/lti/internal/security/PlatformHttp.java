package org.attc.tracker.lti.internal.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.attc.tracker.lti.internal.LtiProperties;

import org.springframework.stereotype.Component;

/**
 * Outbound HTTP to a platform (JWKS, token, AGS, NRPS, dynamic registration). Only the
 * URLs of the registration in use are called (callers pass them); every call has a
 * connect and a request timeout, follows no redirect (a 3xx is an answer like any other,
 * so a platform cannot bounce the tool to another host) and reads at most
 * {@code app.lti.max-response-bytes}.
 */
@Component
public class PlatformHttp {

	private final HttpClient client;

	private final LtiProperties properties;

	public PlatformHttp(LtiProperties properties) {
		this.properties = properties;
		this.client = HttpClient.newBuilder()
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(properties.connectTimeout())
			.build();
	}

	/** A platform's answer. */
	public record Answer(int status, HttpHeaders headers, String body) {

		public boolean ok() {
			return this.status >= 200 && this.status < 300;
		}

	}

	public Answer get(String url, Map<String, String> headers) {
		return send(builder(url, headers).GET());
	}

	public Answer post(String url, String contentType, String body, Map<String, String> headers) {
		return send(builder(url, headers).header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
	}

	private HttpRequest.Builder builder(String url, Map<String, String> headers) {
		URI uri = URI.create(url);
		String scheme = (uri.getScheme() == null) ? "" : uri.getScheme().toLowerCase();
		if (!(scheme.equals("https") || (scheme.equals("http") && this.properties.allowInsecurePlatformUrls()))) {
			throw new PlatformUnreachable(url, "only https URLs are called");
		}
		HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(this.properties.readTimeout());
		headers.forEach(builder::header);
		return builder;
	}

	private Answer send(HttpRequest.Builder builder) {
		HttpRequest request = builder.build();
		try {
			HttpResponse<InputStream> response = this.client.send(request, HttpResponse.BodyHandlers.ofInputStream());
			try (InputStream in = response.body()) {
				return new Answer(response.statusCode(), response.headers(), limited(in, request.uri()));
			}
		}
		catch (IOException ex) {
			throw new PlatformUnreachable(request.uri().toString(), ex.getClass().getSimpleName());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new PlatformUnreachable(request.uri().toString(), "interrupted");
		}
	}

	private String limited(InputStream in, URI uri) throws IOException {
		int max = this.properties.maxResponseBytes();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		int read;
		while ((read = in.read(buffer)) != -1) {
			if (out.size() + read > max) {
				throw new PlatformUnreachable(uri.toString(), "answer larger than " + max + " bytes");
			}
			out.write(buffer, 0, read);
		}
		return out.toString(StandardCharsets.UTF_8);
	}

	/** A platform endpoint could not be called or answered too much. */
	public static class PlatformUnreachable extends RuntimeException {

		public PlatformUnreachable(String url, String reason) {
			super("Calling " + url + " failed: " + reason);
		}

	}

}
