package org.attc.tracker.lti;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.attc.tracker.support.HttpTestClient;

/**
 * What a browser does between a platform and the tool in an LTI 1.3 launch, over real
 * HTTP. The state cookie is {@code Secure}, which Java's cookie store never sends over
 * http, so it is carried by hand like the browser would on https.
 */
public final class LtiHttp {

	private LtiHttp() {
	}

	/** What the login initiation answered. */
	public record Login(HttpResponse<String> response, Map<String, String> authParams, String stateCookie) {

		public String state() {
			return this.authParams.get("state");
		}

		public String nonce() {
			return this.authParams.get("nonce");
		}

		/** The {@code Cookie} header value a browser would send back. */
		public String cookieHeader() {
			return this.stateCookie.substring(0, this.stateCookie.indexOf(';'));
		}

	}

	public static Login login(HttpTestClient browser, TestPlatform platform, Map<String, String> extra) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("iss", platform.issuer);
		fields.put("login_hint", "42");
		fields.put("target_link_uri", "https://tool.example/lti/launch");
		fields.put("lti_message_hint", "hint-123");
		fields.put("client_id", platform.clientId);
		fields.put("lti_deployment_id", platform.deploymentId);
		fields.putAll(extra);
		fields.values().removeIf((v) -> v == null);
		HttpResponse<String> response = browser.postForm("/lti/login", fields);
		String cookie = response.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter((c) -> c.startsWith("lti_state_"))
			.findFirst()
			.orElse(null);
		Map<String, String> params = new LinkedHashMap<>();
		response.headers().firstValue("Location").ifPresent((location) -> params.putAll(query(location)));
		return new Login(response, params, cookie);
	}

	public static Login login(HttpTestClient browser, TestPlatform platform) {
		return login(browser, platform, Map.of());
	}

	public static HttpResponse<String> launch(HttpTestClient browser, String idToken, String state, String cookie) {
		Map<String, String> fields = new LinkedHashMap<>();
		if (idToken != null) {
			fields.put("id_token", idToken);
		}
		if (state != null) {
			fields.put("state", state);
		}
		HttpRequest.Builder request = browser.request("/lti/launch")
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form(fields)));
		if (cookie != null) {
			request.header("Cookie", cookie);
		}
		return browser.send(request);
	}

	public static String form(Map<String, String> fields) {
		return fields.entrySet()
			.stream()
			.map((e) -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

	public static Map<String, String> query(String url) {
		Map<String, String> params = new LinkedHashMap<>();
		String query = URI.create(url).getRawQuery();
		if (query == null) {
			return params;
		}
		for (String pair : query.split("&")) {
			int eq = pair.indexOf('=');
			params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
					URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
		}
		return params;
	}

}
