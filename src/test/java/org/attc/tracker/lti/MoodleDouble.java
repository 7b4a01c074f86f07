package org.attc.tracker.lti;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * A Moodle 4.5.6 platform double on WireMock, built from the recorded exchanges in
 * {@code src/test/resources/moodle-4.5-lti/} (facts list: that folder's README): the same
 * URLs (slash arguments, {@code ?type_id=} in AGS URLs), the same content types (the
 * token endpoint's JSON served as {@code text/html}, CRLF line breaks), the same
 * parameters and the same id_token claim layout, re-signed with a test key under Moodle's
 * recorded key id.
 * <p>
 * The front channel is replayed too: {@link #loginForm} is the auto-submitting form
 * Moodle's {@code launch.php} (or {@code contentitem.php}) served, and
 * {@code /mod/lti/auth.php} checks the tool's authentication request like Moodle does,
 * then answers Moodle's recorded auto-submitting form with a fresh id_token carrying the
 * tool's nonce. Recorded AGS traffic is missing (README "Gaps"); the line item and score
 * endpoints follow what the README says was observed.
 */
final class MoodleDouble implements AutoCloseable {

	/** Moodle's key id in the recorded id_token headers and JWKS (file 11). */
	static final String KID = "af1c5771bb664a1c6120";

	/** Tool type 1 of the recorded site. */
	static final String CLIENT_ID = "A0E1ntSqK1LqQaY";

	static final String DEPLOYMENT_ID = "1";

	static final String COURSE_ID = "2";

	/** The graded activity (cmid 5, lti instance 1, line item 4). */
	static final String LINE_ITEM_PATH = "/mod/lti/services.php/2/lineitems/4/lineitem";

	static final String MEMBERSHIPS_PATH = "/mod/lti/services.php/CourseSection/2/bindings/1/memberships";

	/** Recorded launches: login initiation, authentication request, launch (id_token). */
	enum Launch {

		DEEP_LINKING("12-deeplink2-POST-mod-lti-contentitem-php.json", "13-deeplink2-POST-lti-login.json",
				"14-deeplink2-GET-mod-lti-auth-php.json", "15-deeplink2-POST-lti-launch.json"),
		TEACHER("22-teacher-launch-GET-mod-lti-launch-php.json", "23-teacher-launch-POST-lti-login.json",
				"24-teacher-launch-GET-mod-lti-auth-php.json", "25-teacher-launch-POST-lti-launch.json"),
		STUDENT_EMBEDDED("27-student-launch-embedded-GET-mod-lti-launch-php.json",
				"28-student-launch-embedded-POST-lti-login.json",
				"29-student-launch-embedded-GET-mod-lti-auth-php.json",
				"30-student-launch-embedded-POST-lti-launch.json"),
		STUDENT_NEW_WINDOW("32-student-launch-newwindow-GET-mod-lti-launch-php.json",
				"33-student-launch-newwindow-POST-lti-login.json",
				"34-student-launch-newwindow-GET-mod-lti-auth-php.json",
				"35-student-launch-newwindow-POST-lti-launch.json");

		final String launchPage;

		final String login;

		final String auth;

		final String idToken;

		Launch(String launchPage, String login, String auth, String idToken) {
			this.launchPage = launchPage;
			this.login = login;
			this.auth = auth;
			this.idToken = idToken;
		}

	}

	final WireMockServer server;

	final String wwwroot;

	final String toolBase;

	final RSAKey key;

	/** The registration token Moodle hands the tool (redacted in the recording). */
	final String registrationToken = "moodle-registration-" + hex(16);

	/** Moodle's access tokens are 32 hex characters. */
	final String accessToken = hex(16);

	private final Map<String, Launch> launchesByHint = new ConcurrentHashMap<>();

	private final Map<Launch, Consumer<ObjectNode>> changes = new ConcurrentHashMap<>();

	MoodleDouble(String toolBase) {
		this.toolBase = toolBase;
		this.key = TestPlatform.newKey(KID);
		this.server = new WireMockServer(
				WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1").extensions(new AuthEndpoint()));
		this.server.start();
		this.wwwroot = "http://127.0.0.1:" + this.server.port();
		for (Launch launch : Launch.values()) {
			this.launchesByHint.put(recording(launch.login).formMap().get("lti_message_hint"), launch);
		}
		stubJwks();
		stubOpenIdConfiguration();
		stubRegistration();
		stubTokenEndpoint();
		stubMemberships();
		stubLineItemAndScores();
		this.server.stubFor(
				get(urlPathEqualTo("/mod/lti/auth.php")).willReturn(aResponse().withTransformers(AuthEndpoint.NAME)));
	}

	MoodleRecording recording(String file) {
		return MoodleRecording.load(file, this.wwwroot, this.toolBase);
	}

	/** The site's registration of tool type 1, as the launches were recorded with. */
	Map<String, Object> toolTypeOne() {
		return Map.of("name", "Moodle 4.5 double", "issuer", this.wwwroot, "clientId", CLIENT_ID, "deploymentIds",
				List.of(DEPLOYMENT_ID), "authUrl", this.wwwroot + "/mod/lti/auth.php", "tokenUrl",
				this.wwwroot + "/mod/lti/token.php", "jwksUrl", this.wwwroot + "/mod/lti/certs.php");
	}

	/**
	 * The fields of the login initiation form Moodle served for this launch (files 12,
	 * 22, 27, 32), in the form's order, HTML entities decoded as a browser does.
	 */
	List<Map.Entry<String, String>> loginForm(Launch launch) {
		String html = recording(launch.launchPage).responseBody();
		Matcher input = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"/>").matcher(html);
		List<Map.Entry<String, String>> fields = new java.util.ArrayList<>();
		while (input.find()) {
			fields.add(Map.entry(input.group(1), org.springframework.web.util.HtmlUtils.htmlUnescape(input.group(2))));
		}
		return fields;
	}

	/** Where the login form posts (the tool's initiate_login_uri as Moodle knows it). */
	String loginFormAction(Launch launch) {
		Matcher action = Pattern.compile("<form action=\"([^\"]+)\"")
			.matcher(recording(launch.launchPage).responseBody());
		return action.find() ? action.group(1) : null;
	}

	/** Changes the claims of the next id_token issued for this launch, once. */
	void changeNextToken(Launch launch, Consumer<ObjectNode> change) {
		this.changes.put(launch, change);
	}

	private void stubJwks() {
		// the recorded member layout (file 11), this run's public key
		MoodleRecording certs = recording("11-deeplink-GET-mod-lti-certs-php.json");
		ObjectNode jwks = (ObjectNode) certs.responseJson().deepCopy();
		ObjectNode first = (ObjectNode) jwks.path("keys").get(0);
		first.put("n", this.key.getModulus().toString());
		first.put("e", this.key.getPublicExponent().toString());
		this.server.stubFor(get(urlPathEqualTo("/mod/lti/certs.php")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", certs.responseHeader("Content-Type"))
			.withBody(MoodleRecording.write(jwks))));
	}

	private void stubOpenIdConfiguration() {
		MoodleRecording config = recording("07-register-GET-mod-lti-openid-configuration-php.json");
		this.server.stubFor(get(urlPathEqualTo("/mod/lti/openid-configuration.php"))
			.withHeader("Authorization", equalTo("Bearer " + this.registrationToken))
			.willReturn(aResponse().withStatus(config.status())
				.withHeader("Content-Type", config.responseHeader("Content-Type"))
				.withBody(config.responseBody())));
	}

	private void stubRegistration() {
		MoodleRecording registration = recording("08-register-POST-mod-lti-openid-registration-php.json");
		this.server.stubFor(post(urlPathEqualTo("/mod/lti/openid-registration.php"))
			.withHeader("Authorization", equalTo("Bearer " + this.registrationToken))
			.withHeader("Content-Type", containing("application/json"))
			.willReturn(aResponse().withStatus(registration.status())
				.withHeader("Content-Type", registration.responseHeader("Content-Type"))
				.withBody(registration.responseBody())));
	}

	private void stubTokenEndpoint() {
		MoodleRecording token = recording("09-register-POST-mod-lti-token-php.json");
		// JSON served as text/html, pretty-printed with CRLF, header name as Moodle
		// writes it
		this.server.stubFor(post(urlPathEqualTo("/mod/lti/token.php"))
			.withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
			.withFormParam("grant_type", equalTo("client_credentials"))
			.withFormParam("client_assertion_type", equalTo("urn:ietf:params:oauth:client-assertion-type:jwt-bearer"))
			.willReturn(aResponse().withStatus(token.status())
				.withHeader(token.responseHeaderName("Content-Type"), token.responseHeader("Content-Type"))
				.withBody(token.responseBody().replace("<redacted>", this.accessToken))));
	}

	private void stubMemberships() {
		MoodleRecording memberships = recording("16-deeplink2-GET-services-php-memberships.json");
		this.server.stubFor(
				get(urlPathEqualTo(MEMBERSHIPS_PATH)).withHeader("Authorization", equalTo("Bearer " + this.accessToken))
					.willReturn(aResponse().withStatus(memberships.status())
						.withHeader("Content-Type", memberships.responseHeader("Content-Type"))
						.withBody(memberships.responseBody())));
	}

	/**
	 * Not recorded (README "Gaps"); as observed: the line item URL carries
	 * {@code ?type_id=1}, scores go to {@code …/lineitem/scores?type_id=1}, a student's
	 * score is taken with 200, a teacher's refused with 400. The line item body follows
	 * Moodle's gradebookservices line item resource.
	 */
	private void stubLineItemAndScores() {
		String lineItemUrl = this.wwwroot + LINE_ITEM_PATH + "?type_id=1";
		this.server.stubFor(get(urlPathEqualTo(LINE_ITEM_PATH)).withQueryParam("type_id", equalTo("1"))
			.withHeader("Authorization", equalTo("Bearer " + this.accessToken))
			.willReturn(aResponse().withStatus(200)
				.withHeader("Content-Type", "application/vnd.ims.lis.v2.lineitem+json; charset=utf-8")
				.withBody("{\"id\":\"" + lineItemUrl + "\",\"label\":\"My capability progress\",\"scoreMaximum\":100,"
						+ "\"resourceId\":\"\",\"tag\":\"\",\"resourceLinkId\":\"1\",\"ltiLinkId\":\"1\"}")));
		this.server.stubFor(post(urlPathEqualTo(LINE_ITEM_PATH + "/scores")).atPriority(5)
			.withQueryParam("type_id", equalTo("1"))
			.withHeader("Authorization", equalTo("Bearer " + this.accessToken))
			.willReturn(aResponse().withStatus(200)));
		this.server.stubFor(post(urlPathEqualTo(LINE_ITEM_PATH + "/scores")).atPriority(1)
			.withQueryParam("type_id", equalTo("1"))
			.withRequestBody(matchingJsonPath("$.userId", equalTo("3")))
			.willReturn(aResponse().withStatus(400)));
	}

	/**
	 * Signs claims the way Moodle lays them out: the recorded payload as JSON, in its
	 * order, under the recorded header.
	 */
	String sign(JsonNode payload) {
		try {
			JWSObject jws = new JWSObject(
					new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(KID).build(),
					new Payload(MoodleRecording.write(payload)));
			jws.sign(new RSASSASigner(this.key));
			return jws.serialize();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * {@code /mod/lti/auth.php}: checks the tool's authentication request as Moodle does
	 * (scope, response type and mode, prompt, the client and its redirect URI, the user
	 * and the launch named by the hints), then answers Moodle's recorded auto-submitting
	 * form with a new id_token: the recorded claims, the tool's nonce, iat now and the
	 * recorded 60 s lifetime.
	 */
	final class AuthEndpoint implements ResponseDefinitionTransformerV2 {

		static final String NAME = "moodle-auth";

		@Override
		public String getName() {
			return NAME;
		}

		@Override
		public boolean applyGlobally() {
			return false;
		}

		@Override
		public ResponseDefinition transform(ServeEvent event) {
			Map<String, String> params = phpQuery(event.getRequest().getUrl());
			Launch launch = MoodleDouble.this.launchesByHint.get(params.get("lti_message_hint"));
			if (launch == null) {
				return refuse("invalid_request: lti_message_hint is not a launch of this session: "
						+ params.get("lti_message_hint"));
			}
			MoodleRecording login = recording(launch.login);
			Map<String, String> expected = new LinkedHashMap<>();
			expected.put("scope", "openid");
			expected.put("response_type", "id_token");
			expected.put("response_mode", "form_post");
			expected.put("prompt", "none");
			expected.put("client_id", login.formMap().get("client_id"));
			expected.put("redirect_uri", MoodleDouble.this.toolBase + "/lti/launch");
			expected.put("login_hint", login.formMap().get("login_hint"));
			for (Map.Entry<String, String> rule : expected.entrySet()) {
				if (!rule.getValue().equals(params.get(rule.getKey()))) {
					return refuse("invalid_request: " + rule.getKey() + " is '" + params.get(rule.getKey()) + "'");
				}
			}
			if (params.get("nonce") == null || params.get("state") == null) {
				return refuse("invalid_request: no nonce or state");
			}
			MoodleRecording recorded = recording(launch.idToken);
			ObjectNode claims = recorded.jwtPayload("id_token");
			long lifetime = claims.path("exp").asLong() - claims.path("iat").asLong();
			long now = Instant.now().getEpochSecond();
			claims.put("nonce", params.get("nonce"));
			claims.put("iat", now);
			claims.put("exp", now + lifetime);
			Consumer<ObjectNode> change = MoodleDouble.this.changes.remove(launch);
			if (change != null) {
				change.accept(claims);
			}
			String form = recording(launch.auth).responseBody()
				.replaceFirst("name=\"id_token\" value=\"[^\"]*\"",
						Matcher.quoteReplacement("name=\"id_token\" value=\"" + sign(claims) + "\""))
				.replaceFirst("name=\"state\" value=\"[^\"]*\"",
						Matcher.quoteReplacement("name=\"state\" value=\"" + params.get("state") + "\""));
			return new ResponseDefinitionBuilder().withStatus(200)
				.withHeader("Content-Type", "text/html; charset=utf-8")
				.withBody(form)
				.build();
		}

		private ResponseDefinition refuse(String message) {
			return new ResponseDefinitionBuilder().withStatus(400)
				.withHeader("Content-Type", "text/plain; charset=utf-8")
				.withBody(message)
				.build();
		}

	}

	/** Query parameters as PHP's {@code $_GET} decodes them. */
	static Map<String, String> phpQuery(String url) {
		Map<String, String> params = new LinkedHashMap<>();
		String query = URI.create(url.startsWith("/") ? "http://x" + url : url).getRawQuery();
		if (query == null) {
			return params;
		}
		for (String pair : query.split("&")) {
			int eq = pair.indexOf('=');
			String name = (eq < 0) ? pair : pair.substring(0, eq);
			String value = (eq < 0) ? "" : pair.substring(eq + 1);
			params.put(URLDecoder.decode(name, StandardCharsets.UTF_8),
					URLDecoder.decode(value, StandardCharsets.UTF_8));
		}
		return params;
	}

	private static String hex(int bytes) {
		byte[] random = new byte[bytes];
		new SecureRandom().nextBytes(random);
		return HexFormat.of().formatHex(random);
	}

	@Override
	public void close() {
		this.server.stop();
	}

}
