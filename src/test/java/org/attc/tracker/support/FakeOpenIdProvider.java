package org.attc.tracker.support;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import org.attc.tracker.lti.TestPlatform;
import tools.jackson.databind.json.JsonMapper;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * The other side of single sign-on for tests: an OpenID Connect provider served by
 * WireMock over real HTTP (discovery document, JWKS, token endpoint), which signs
 * id_tokens with an RSA key made for the test run. One per test JVM, started when the
 * shared Spring context is built ({@link OpenIdProviderContextCustomizerFactory}), so the
 * context sees it as configured SSO and no second context is needed.
 */
public final class FakeOpenIdProvider {

	/** The registration id configured for the tests. */
	public static final String REGISTRATION_ID = "test-trust";

	public static final String CLIENT_ID = "capability-tracker-test";

	public static final String CLIENT_SECRET = "test-client-secret";

	public static final String LABEL = "Sign in with NHS test trust account";

	private static final JsonMapper json = JsonMapper.builder().build();

	private static FakeOpenIdProvider instance;

	private final WireMockServer server;

	private final RSAKey key;

	private volatile String[] browserPerson;

	private FakeOpenIdProvider() {
		this.server = new WireMockServer(WireMockConfiguration.options()
			.dynamicPort()
			.bindAddress("127.0.0.1")
			.extensions(new BrowserSignIn(this)));
		this.server.start();
		this.key = newKey("test-trust-key");
		Runtime.getRuntime().addShutdownHook(new Thread(this.server::stop));
	}

	/** The provider of this test JVM, started on first use. */
	public static synchronized FakeOpenIdProvider running() {
		if (instance == null) {
			instance = new FakeOpenIdProvider();
		}
		return instance;
	}

	public String issuer() {
		return "http://127.0.0.1:" + this.server.port() + "/" + REGISTRATION_ID;
	}

	public WireMockServer server() {
		return this.server;
	}

	public RSAKey key() {
		return this.key;
	}

	/**
	 * Serves the discovery document and the JWKS; everything else is stubbed by tests.
	 */
	public void serveMetadata() {
		String issuer = issuer();
		Map<String, Object> discovery = Map.of("issuer", issuer, "authorization_endpoint", issuer + "/authorize",
				"token_endpoint", issuer + "/token", "jwks_uri", issuer + "/keys", "response_types_supported",
				List.of("code"), "subject_types_supported", List.of("public"), "id_token_signing_alg_values_supported",
				List.of("RS256"), "token_endpoint_auth_methods_supported", List.of("client_secret_basic"),
				"end_session_endpoint", issuer + "/logout");
		this.server.stubFor(get(urlPathEqualTo("/" + REGISTRATION_ID + "/.well-known/openid-configuration"))
			.willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody(json.writeValueAsString(discovery))));
		this.server.stubFor(get(urlPathEqualTo("/" + REGISTRATION_ID + "/keys"))
			.willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody(new JWKSet(this.key.toPublicJWK()).toString())));
	}

	/**
	 * The token endpoint answers this code (sent with the client's id and secret) with
	 * the id_token.
	 */
	public void answerCode(String code, String idToken) {
		this.server
			.stubFor(post(urlPathEqualTo("/" + REGISTRATION_ID + "/token")).withBasicAuth(CLIENT_ID, CLIENT_SECRET)
				.withRequestBody(containing("code=" + code))
				.withRequestBody(containing("code_verifier="))
				.willReturn(aResponse().withHeader("Content-Type", "application/json")
					.withHeader("Cache-Control", "no-store")
					.withBody(json.writeValueAsString(Map.of("access_token", "at-" + code, "token_type", "Bearer",
							"expires_in", 300, "id_token", idToken)))));
	}

	/**
	 * For a real browser: the provider's authorization endpoint signs this person in at
	 * once and sends the browser back with a code, which the token endpoint answers with
	 * an id_token for the person and the nonce of that sign-in.
	 */
	public void signsInInBrowser(String subject, String email) {
		this.browserPerson = new String[] { subject, email };
		this.server.stubFor(get(urlPathEqualTo("/" + REGISTRATION_ID + "/authorize"))
			.willReturn(aResponse().withTransformers(BrowserSignIn.NAME)));
		this.server
			.stubFor(post(urlPathEqualTo("/" + REGISTRATION_ID + "/token")).withBasicAuth(CLIENT_ID, CLIENT_SECRET)
				.withRequestBody(containing("code=" + BrowserSignIn.CODE_PREFIX))
				.withRequestBody(containing("code_verifier="))
				.willReturn(aResponse().withHeader("Content-Type", "application/json")
					.withHeader("Cache-Control", "no-store")
					.withTransformers(BrowserSignIn.NAME)));
	}

	/**
	 * The end-session endpoint signs the browser out and sends it back to the post-logout
	 * address it was given.
	 */
	public void endsSessionsInBrowser() {
		this.server.stubFor(get(urlPathEqualTo("/" + REGISTRATION_ID + "/logout"))
			.willReturn(aResponse().withTransformers(BrowserSignIn.NAME)));
	}

	/** How many sign-outs reached the end-session endpoint with an id_token_hint. */
	public int signOuts() {
		return this.server
			.findAll(getRequestedFor(urlPathEqualTo("/" + REGISTRATION_ID + "/logout")).withQueryParam("id_token_hint",
					matching(".+")))
			.size();
	}

	/** Claims of a good id_token for this client, nonce and subject. */
	public JWTClaimsSet.Builder claims(String subject, String nonce) {
		Date now = new Date();
		return new JWTClaimsSet.Builder().issuer(issuer())
			.subject(subject)
			.audience(CLIENT_ID)
			.issueTime(now)
			.expirationTime(new Date(now.getTime() + 300_000))
			.claim("nonce", nonce);
	}

	public String sign(JWTClaimsSet claims) {
		return sign(claims, this.key);
	}

	/**
	 * An RS256 JWT with the key's id in its header (the LTI tests' platform signs alike).
	 */
	public static String sign(JWTClaimsSet claims, RSAKey key) {
		return TestPlatform.sign(claims, key);
	}

	public static RSAKey newKey(String kid) {
		return TestPlatform.newKey(kid);
	}

	/**
	 * The provider's side of a browser sign-in: the authorization endpoint redirects back
	 * at once (the nonce travels inside the code), the token endpoint signs the id_token.
	 */
	private static final class BrowserSignIn implements ResponseTransformerV2 {

		static final String NAME = "fake-openid-browser-sign-in";

		static final String CODE_PREFIX = "browser.";

		private final FakeOpenIdProvider provider;

		BrowserSignIn(FakeOpenIdProvider provider) {
			this.provider = provider;
		}

		@Override
		public String getName() {
			return NAME;
		}

		@Override
		public boolean applyGlobally() {
			return false;
		}

		@Override
		public Response transform(Response response, ServeEvent event) {
			Request request = event.getRequest();
			if (request.getUrl().contains("/logout")) {
				// RP-Initiated Logout 1.0 §3: back to the registered post-logout address
				return Response.Builder.like(response)
					.but()
					.status(302)
					.headers(new HttpHeaders(new HttpHeader("Location",
							request.queryParameter("post_logout_redirect_uri").firstValue())))
					.build();
			}
			if (request.getUrl().contains("/authorize")) {
				String code = CODE_PREFIX + request.queryParameter("nonce").firstValue();
				String location = request.queryParameter("redirect_uri").firstValue() + "?code="
						+ URLEncoder.encode(code, StandardCharsets.UTF_8) + "&state="
						+ URLEncoder.encode(request.queryParameter("state").firstValue(), StandardCharsets.UTF_8);
				return Response.Builder.like(response)
					.but()
					.status(302)
					.headers(new HttpHeaders(new HttpHeader("Location", location)))
					.build();
			}
			String code = null;
			for (String pair : request.getBodyAsString().split("&")) {
				if (pair.startsWith("code=")) {
					code = URLDecoder.decode(pair.substring(5), StandardCharsets.UTF_8);
				}
			}
			String nonce = code.substring(CODE_PREFIX.length());
			String[] person = this.provider.browserPerson;
			String idToken = this.provider
				.sign(this.provider.claims(person[0], nonce).claim("email", person[1]).build());
			return Response.Builder.like(response)
				.but()
				.body(json.writeValueAsString(Map.of("access_token", "at-browser", "token_type", "Bearer", "expires_in",
						300, "id_token", idToken)))
				.build();
		}

	}

}
