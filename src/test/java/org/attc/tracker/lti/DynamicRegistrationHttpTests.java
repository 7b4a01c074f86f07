package org.attc.tracker.lti;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.attc.tracker.lti.internal.platform.PlatformRegistration;
import org.attc.tracker.lti.internal.platform.PlatformRegistrations;
import org.attc.tracker.support.HttpTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * LTI Dynamic Registration 1.0 as Moodle 4.5 drives it ("register tool by URL"), against
 * a WireMock platform over real HTTP.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class DynamicRegistrationHttpTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	PlatformRegistrations registrations;

	TestPlatform platform;

	HttpTestClient browser;

	String issuer;

	@BeforeEach
	void setUp() {
		this.platform = new TestPlatform();
		this.browser = new HttpTestClient(this.port);
		// Moodle's issuer is its wwwroot, the host the configuration is served from
		this.issuer = this.platform.baseUrl();
		openidConfiguration(this.issuer);
		this.platform.server.stubFor(post(urlPathEqualTo("/mod/lti/openid-registration.php"))
			.withHeader("Authorization", equalTo("Bearer one-hour-token"))
			.willReturn(aResponse().withStatus(200)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"client_id\":\"dyn-" + this.platform.server.port()
						+ "\",\"response_types\":[\"id_token\"],"
						+ "\"https://purl.imsglobal.org/spec/lti-tool-configuration\":{\"deployment_id\":\"7\"}}")));
	}

	void openidConfiguration(String issuer) {
		String base = this.platform.baseUrl();
		this.platform.server.stubFor(get(urlPathEqualTo("/mod/lti/openid-configuration.php")).willReturn(aResponse()
			.withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"issuer\":\"" + issuer + "\",\"token_endpoint\":\"" + base + "/mod/lti/token.php\","
					+ "\"token_endpoint_auth_methods_supported\":[\"private_key_jwt\"]," + "\"jwks_uri\":\"" + base
					+ this.platform.jwksPath + "\",\"authorization_endpoint\":\"" + base
					+ "/mod/lti/auth.php\",\"registration_endpoint\":\"" + base
					+ "/mod/lti/openid-registration.php\",\"scopes_supported\":["
					+ "\"https://purl.imsglobal.org/spec/lti-ags/scope/lineitem\","
					+ "\"https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly\","
					+ "\"https://purl.imsglobal.org/spec/lti-ags/scope/score\","
					+ "\"https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly\",\"openid\"],"
					+ "\"https://purl.imsglobal.org/spec/lti-platform-configuration\":{\"product_family_code\":\"moodle\","
					+ "\"version\":\"4.5\",\"messages_supported\":[{\"type\":\"LtiResourceLinkRequest\"},"
					+ "{\"type\":\"LtiDeepLinkingRequest\"}]}}")));
	}

	@AfterEach
	void tearDown() {
		this.platform.close();
	}

	HttpResponse<String> register(String token) {
		String config = URLEncoder.encode(this.platform.baseUrl() + "/mod/lti/openid-configuration.php",
				StandardCharsets.UTF_8);
		return this.browser.get("/lti/register?openid_configuration=" + config
				+ ((token != null) ? "&registration_token=" + token : ""));
	}

	@Test
	void registersTheToolStoresThePlatformAndShowsTheAdminWhatWasRegistered() {
		HttpResponse<String> page = register("one-hour-token");
		assertThat(page.statusCode()).isEqualTo(200);
		String clientId = "dyn-" + this.platform.server.port();
		assertThat(page.body()).contains(clientId)
			.contains(">7<")
			.contains("pending")
			.contains("/js/lti-close.js")
			.contains("LtiDeepLinkingRequest");
		PlatformRegistration stored = this.registrations.find(this.issuer, clientId).orElseThrow();
		assertThat(stored.origin()).isEqualTo(PlatformRegistration.Origin.DYNAMIC);
		assertThat(stored.deploymentIds()).containsExactly("7");
		assertThat(stored.jwksUrl()).isEqualTo(this.platform.jwksUrl());

		// §3.6: what the tool asked for
		String body = this.platform.server.findAll(postRequestedFor(urlPathEqualTo("/mod/lti/openid-registration.php")))
			.get(0)
			.getBodyAsString();
		JsonNode request = json.readTree(body);
		String base = "http://127.0.0.1:" + this.port;
		assertThat(request.get("initiate_login_uri").asString()).isEqualTo(base + "/lti/login");
		assertThat(request.get("redirect_uris").get(0).asString()).isEqualTo(base + "/lti/launch");
		assertThat(request.get("jwks_uri").asString()).isEqualTo(base + "/.well-known/jwks.json");
		assertThat(request.get("token_endpoint_auth_method").asString()).isEqualTo("private_key_jwt");
		assertThat(request.get("grant_types").toString()).contains("client_credentials").contains("implicit");
		assertThat(request.get("scope").asString()).contains("https://purl.imsglobal.org/spec/lti-ags/scope/score")
			.contains("contextmembership.readonly");
		JsonNode tool = request.get("https://purl.imsglobal.org/spec/lti-tool-configuration");
		assertThat(tool.get("domain").asString()).isEqualTo("127.0.0.1:" + this.port);
		assertThat(tool.get("messages").toString()).contains("LtiResourceLinkRequest")
			.contains("LtiDeepLinkingRequest");
		this.platform.server.verify(postRequestedFor(urlPathEqualTo("/mod/lti/openid-registration.php"))
			.withHeader("Content-Type", equalTo("application/json")));
	}

	@Test
	void theDynamicallyRegisteredPlatformCanLaunch() {
		assertThat(register("one-hour-token").statusCode()).isEqualTo(200);
		String clientId = "dyn-" + this.platform.server.port();
		LtiHttp.Login login = LtiHttp.login(this.browser, this.platform,
				Map.of("iss", this.issuer, "client_id", clientId, "lti_deployment_id", "7"));
		assertThat(login.response().statusCode()).isEqualTo(302);
		String token = this.platform.signedLaunch(login.nonce(),
				(c) -> c.issuer(this.issuer).audience(clientId).claim(TestPlatform.LTI + "deployment_id", "7"));
		HttpResponse<String> launched = LtiHttp.launch(this.browser, token, login.state(), login.cookieHeader());
		assertThat(launched.statusCode()).isEqualTo(200);
		assertThat(launched.body()).contains("signed in as a <strong>learner</strong>");
	}

	@Test
	void anIssuerOnAnotherDomainIsRefusedAndNothingIsRegistered() {
		openidConfiguration("https://evil.example");
		HttpResponse<String> page = register("one-hour-token");
		assertThat(page.statusCode()).isEqualTo(400);
		assertThat(page.body()).contains("The tool could not be registered").contains("is not on the domain");
		assertThat(this.platform.server.findAll(postRequestedFor(urlPathEqualTo("/mod/lti/openid-registration.php"))))
			.isEmpty();
		assertThat(this.registrations.findByIssuer("https://evil.example")).isEmpty();
	}

	@Test
	void aRefusedRegistrationIsShownAndNothingIsStored() {
		HttpResponse<String> page = register("wrong-token");
		assertThat(page.statusCode()).isEqualTo(400);
		assertThat(page.body()).contains("The platform refused the registration (HTTP 404)");
		assertThat(this.registrations.findByIssuer(this.issuer)).isEmpty();
	}

	@Test
	void openingTheUrlWithoutThePlatformsParametersExplainsWhatItIsFor() {
		HttpResponse<String> page = this.browser.get("/lti/register");
		assertThat(page.statusCode()).isEqualTo(400);
		assertThat(page.body()).contains("Dynamic Registration").contains("Tool URL");
	}

	@Test
	void aConfigurationThatIsNotJsonIsRefused() {
		this.platform.server.stubFor(get(urlPathEqualTo("/mod/lti/openid-configuration.php"))
			.willReturn(aResponse().withStatus(200).withBody("<html>login</html>")));
		HttpResponse<String> page = register("one-hour-token");
		assertThat(page.statusCode()).isEqualTo(400);
		assertThat(page.body()).contains("is not JSON");
	}

	@Test
	void registeringTheSamePlatformTwiceIsRefusedClearly() {
		assertThat(register("one-hour-token").statusCode()).isEqualTo(200);
		HttpResponse<String> again = register("one-hour-token");
		assertThat(again.statusCode()).isEqualTo(400);
		assertThat(again.body()).contains("registered already");
		assertThat(this.registrations.findByIssuer(this.issuer)).hasSize(1);
	}

}
