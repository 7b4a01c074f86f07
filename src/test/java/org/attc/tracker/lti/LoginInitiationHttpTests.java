package org.attc.tracker.lti;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.attc.tracker.lti.internal.platform.PlatformDetails;
import org.attc.tracker.lti.internal.platform.PlatformRegistration;
import org.attc.tracker.lti.internal.platform.PlatformRegistrations;
import org.attc.tracker.support.HttpTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Security Framework §5.1.1.1 and §5.1.1.2: whatever opaque {@code login_hint} and
 * {@code lti_message_hint} a platform sends, by GET or POST, the authentication request
 * carries them back byte for byte, percent-encoded, without any other parameter being
 * forged by them. Moodle 4.5 sends a JSON object as {@code lti_message_hint}
 * (fixtures/moodle-4.5-lti README, "Login initiation").
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class LoginInitiationHttpTests {

	@LocalServerPort
	int port;

	@Autowired
	PlatformRegistrations registrations;

	TestPlatform platform;

	HttpTestClient browser;

	@BeforeEach
	void registerPlatform() {
		this.platform = new TestPlatform();
		this.registrations.register(new PlatformDetails("Test Moodle", this.platform.issuer, this.platform.clientId,
				List.of(this.platform.deploymentId), this.platform.authUrl(), this.platform.tokenUrl(),
				this.platform.jwksUrl()), PlatformRegistration.Origin.ADMIN);
		this.browser = new HttpTestClient(this.port);
	}

	@AfterEach
	void stopPlatform() {
		this.platform.close();
	}

	/** Values a platform may send as opaque hints; the first two are Moodle 4.5's. */
	static List<String> hostileHints() {
		return List.of("{\"cmid\":5,\"launchid\":\"ltilaunch1_274284843\"}",
				"{\"launchid\":\"ltilaunch_ContentItemSelectionRequest1072394613\"}", "{}", "{cmid}", "100%",
				"%7B%22%7D", "a+b", "a b  c ", " ", "\"double\" 'single'", "ünïcødé ✓ 日本 🙂",
				"x&state=forged&nonce=forged", "a=b;c,d/e?f#frag", "back\\slash", "<script>alert(1)</script>",
				"plain-123");
	}

	@ParameterizedTest
	@MethodSource("hostileHints")
	void postedHintsComeBackUnchanged(String hostile) {
		HttpResponse<String> response = this.browser.postForm("/lti/login", fields(hostile));
		assertEchoed(response, hostile);
	}

	@ParameterizedTest
	@MethodSource("hostileHints")
	void hintsSentByGetComeBackUnchanged(String hostile) {
		String query = fields(hostile).entrySet()
			.stream()
			.map((e) -> strict(e.getKey()) + "=" + strict(e.getValue()))
			.collect(Collectors.joining("&"));
		HttpResponse<String> response = this.browser.get("/lti/login?" + query);
		assertEchoed(response, hostile);
	}

	private Map<String, String> fields(String hostile) {
		// Moodle's order (fixtures 13, 23, 28, 33)
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("iss", this.platform.issuer);
		fields.put("target_link_uri", "https://tool.example/lti/launch");
		fields.put("login_hint", hostile.isBlank() ? "3" + hostile : hostile);
		fields.put("lti_message_hint", hostile);
		fields.put("client_id", this.platform.clientId);
		fields.put("lti_deployment_id", this.platform.deploymentId);
		return fields;
	}

	private void assertEchoed(HttpResponse<String> response, String hostile) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
		String location = response.headers().firstValue("Location").orElseThrow();
		assertThat(location).startsWith(this.platform.authUrl() + "?");
		String query = URI.create(location).getRawQuery();
		// only unreserved characters, percent escapes and the separators: nothing raw
		assertThat(query).matches("[A-Za-z0-9\\-._~%&=]*");
		Map<String, String> params = new LinkedHashMap<>();
		for (String pair : query.split("&")) {
			int eq = pair.indexOf('=');
			String previous = params.put(percentDecode(pair.substring(0, eq)), percentDecode(pair.substring(eq + 1)));
			assertThat(previous).as("parameter %s sent twice", pair).isNull();
		}
		assertThat(params).containsOnlyKeys("scope", "response_type", "response_mode", "prompt", "client_id",
				"redirect_uri", "login_hint", "state", "nonce", "lti_message_hint");
		assertThat(params.get("lti_message_hint")).isEqualTo(hostile);
		assertThat(params.get("login_hint")).isEqualTo(hostile.isBlank() ? "3" + hostile : hostile);
		assertThat(params.get("state")).isNotEqualTo("forged").hasSizeGreaterThan(20);
		assertThat(params.get("nonce")).isNotEqualTo("forged").hasSizeGreaterThan(20);
		assertThat(params.get("client_id")).isEqualTo(this.platform.clientId);
	}

	/** RFC 3986 percent-encoding of UTF-8 bytes (space as %20, never "+"). */
	static String strict(String value) {
		StringBuilder out = new StringBuilder();
		for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
			int c = b & 0xff;
			if (Character.isLetterOrDigit(c) && c < 128 || "-._~".indexOf(c) >= 0) {
				out.append((char) c);
			}
			else {
				out.append(String.format("%%%02X", c));
			}
		}
		return out.toString();
	}

	/** Decodes %XX escapes only: a "+" is a plus here, as RFC 3986 has it. */
	static String percentDecode(String value) {
		byte[] bytes = new byte[value.length()];
		int n = 0;
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '%') {
				bytes[n++] = (byte) Integer.parseInt(value.substring(i + 1, i + 3), 16);
				i += 2;
			}
			else {
				bytes[n++] = (byte) c;
			}
		}
		return new String(bytes, 0, n, StandardCharsets.UTF_8);
	}

}
