package org.attc.tracker.lti;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.attc.tracker.lti.internal.platform.PlatformDetails;
import org.attc.tracker.lti.internal.platform.PlatformRegistration;
import org.attc.tracker.lti.internal.platform.PlatformRegistrations;
import org.attc.tracker.support.HttpTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;

/** Deep Linking 2.0 §4.4–4.5: request, the teacher's choice, the signed response. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class DeepLinkingHttpTests {

	@LocalServerPort
	int port;

	@Autowired
	PlatformRegistrations registrations;

	TestPlatform platform;

	HttpTestClient browser;

	String returnUrl;

	@BeforeEach
	void setUp() {
		this.platform = new TestPlatform();
		this.registrations.register(new PlatformDetails("DL Moodle", this.platform.issuer, this.platform.clientId,
				List.of(this.platform.deploymentId), this.platform.authUrl(), this.platform.tokenUrl(),
				this.platform.jwksUrl()), PlatformRegistration.Origin.ADMIN);
		this.browser = new HttpTestClient(this.port);
		this.returnUrl = "https://moodle.example.ac.uk/mod/lti/contentitem_return.php?course=3&id=2";
	}

	@AfterEach
	void tearDown() {
		this.platform.close();
	}

	HttpResponse<String> deepLinkingLaunch() {
		LtiHttp.Login login = LtiHttp.login(this.browser, this.platform);
		String token = this.platform.signedLaunch(login.nonce(),
				(c) -> c.claim(TestPlatform.LTI + "message_type", "LtiDeepLinkingRequest")
					.claim(TestPlatform.LTI + "resource_link", null)
					.claim(TestPlatform.LTI + "roles", List.of(TestPlatform.INSTRUCTOR))
					.claim("https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings",
							Map.of("deep_link_return_url", this.returnUrl, "accept_types", List.of("ltiResourceLink"),
									"accept_presentation_document_targets", List.of("iframe", "window"),
									"accept_lineitem", true, "data", "opaque-123")));
		return LtiHttp.launch(this.browser, token, login.state(), login.cookieHeader());
	}

	static String group(String html, String regex) {
		Matcher matcher = Pattern.compile(regex).matcher(html);
		assertThat(matcher.find()).as(regex).isTrue();
		return HtmlUtils.htmlUnescape(matcher.group(1));
	}

	@Test
	void teacherPicksLinksAndTheToolAnswersWithASignedDeepLinkingResponse() throws Exception {
		HttpResponse<String> picker = deepLinkingLaunch();
		assertThat(picker.statusCode()).isEqualTo(200);
		assertThat(picker.body()).contains("Add capability progress to your course").contains("gradebook");
		String action = group(picker.body(), "action=\"(/lti/deep-link/[^\"]+)\"");
		String csrf = HttpTestClient.csrfToken(picker.body());

		HttpResponse<String> answer = this.browser.send(this.browser.request(action)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(java.net.http.HttpRequest.BodyPublishers
				.ofString(LtiHttp.form(Map.of("_csrf", csrf, "view", "my-progress", "grades", "yes")))));
		assertThat(answer.statusCode()).isEqualTo(200);
		// the auto-post goes to the platform's return URL, which the page's CSP allows
		assertThat(group(answer.body(), "<form (?=[^>]*id=\"lti-autopost\")[^>]*action=\"([^\"]+)\""))
			.isEqualTo(this.returnUrl);
		assertThat(answer.body()).doesNotContain(csrf);
		assertThat(answer.headers().firstValue("Content-Security-Policy"))
			.hasValueSatisfying((csp) -> assertThat(csp).contains("form-action 'self' https://moodle.example.ac.uk;"));
		String jwt = group(answer.body(), "name=\"JWT\" value=\"([^\"]+)\"");

		SignedJWT signed = SignedJWT.parse(jwt);
		assertThat(signed.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
		JWKSet toolKeys = JWKSet.parse(this.browser.get("/.well-known/jwks.json").body());
		RSAKey key = (RSAKey) toolKeys.getKeyByKeyId(signed.getHeader().getKeyID());
		assertThat(signed.verify(new RSASSAVerifier(key))).isTrue();
		JWTClaimsSet claims = signed.getJWTClaimsSet();
		assertThat(claims.getIssuer()).isEqualTo(this.platform.clientId);
		assertThat(claims.getAudience()).containsExactly(this.platform.issuer);
		assertThat(claims.getStringClaim(TestPlatform.LTI + "message_type")).isEqualTo("LtiDeepLinkingResponse");
		assertThat(claims.getStringClaim(TestPlatform.LTI + "version")).isEqualTo("1.3.0");
		assertThat(claims.getStringClaim(TestPlatform.LTI + "deployment_id")).isEqualTo(this.platform.deploymentId);
		assertThat(claims.getStringClaim("https://purl.imsglobal.org/spec/lti-dl/claim/data")).isEqualTo("opaque-123");
		assertThat(claims.getStringClaim("nonce")).isNotBlank();
		assertThat(claims.getExpirationTime()).isAfter(claims.getIssueTime());
		List<Object> items = claims.getListClaim("https://purl.imsglobal.org/spec/lti-dl/claim/content_items");
		assertThat(items).hasSize(1);
		@SuppressWarnings("unchecked")
		Map<String, Object> item = (Map<String, Object>) items.get(0);
		assertThat(item).containsEntry("type", "ltiResourceLink")
			.containsEntry("url", "http://127.0.0.1:" + this.port + "/lti/launch")
			.containsEntry("custom", Map.of("view", "my-progress"));
		assertThat(item.get("lineItem").toString()).contains("scoreMaximum=100");

		// the choice is used once
		HttpResponse<String> again = this.browser.send(this.browser.request(action)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(java.net.http.HttpRequest.BodyPublishers
				.ofString(LtiHttp.form(Map.of("_csrf", csrf, "view", "my-progress")))));
		assertThat(again.body()).contains("This choice has expired").doesNotContain("name=\"JWT\"");
	}

	@Test
	void theChoiceNeedsTheCsrfTokenOfTheTeachersSession() {
		HttpResponse<String> picker = deepLinkingLaunch();
		String action = group(picker.body(), "action=\"(/lti/deep-link/[^\"]+)\"");
		HttpResponse<String> forged = this.browser.postForm(action, Map.of("view", "course-progress"));
		assertThat(forged.statusCode()).isEqualTo(403);
		// another browser (no session) is sent to sign in
		assertThat(new HttpTestClient(this.port).postForm(action, Map.of("view", "course-progress")).statusCode())
			.isIn(302, 403);
	}

}
