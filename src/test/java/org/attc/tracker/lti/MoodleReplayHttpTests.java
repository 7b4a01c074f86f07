package org.attc.tracker.lti;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.attc.tracker.lti.MoodleDouble.Launch;
import org.attc.tracker.lti.internal.grades.ScoreSender;
import org.attc.tracker.lti.internal.platform.PlatformDetails;
import org.attc.tracker.lti.internal.platform.PlatformRegistration;
import org.attc.tracker.lti.internal.platform.PlatformRegistrations;
import org.attc.tracker.support.Eventually;
import org.attc.tracker.support.HttpTestClient;
import org.attc.tracker.support.LrsTestClient;
import org.attc.tracker.support.TestAccounts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.util.HtmlUtils;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays the traffic recorded between a real Moodle 4.5.6 and this tool
 * ({@code src/test/resources/moodle-4.5-lti/}; the facts each test covers are those of
 * the README there) through {@link MoodleDouble}, over real HTTP: dynamic registration,
 * login initiation by POST and GET with Moodle's JSON hint, the teacher's and students'
 * launches, deep linking with and without {@code accept_lineitem}, the NRPS roster, AGS
 * scores, and the log store's xAPI statements crediting the learner the launch created.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class MoodleReplayHttpTests {

	static final String DL = "https://purl.imsglobal.org/spec/lti-dl/claim/";

	static final String LTI = TestPlatform.LTI;

	@LocalServerPort
	int port;

	@Autowired
	PlatformRegistrations registrations;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ScoreSender sender;

	MoodleDouble moodle;

	String tool;

	HttpTestClient admin;

	/**
	 * The browser's side of Moodle: no redirects followed, like {@link HttpTestClient}.
	 */
	final HttpClient toMoodle = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	@BeforeEach
	void startMoodle() {
		this.tool = "http://127.0.0.1:" + this.port;
		this.moodle = new MoodleDouble(this.tool);
		this.admin = new HttpTestClient(this.port);
	}

	@AfterEach
	void stopMoodle() {
		this.moodle.close();
	}

	/** Tool type 1 of the recorded site (the launches were recorded through it). */
	private void registerToolTypeOne() {
		this.registrations.register(
				new PlatformDetails("Moodle 4.5 double", this.moodle.wwwroot, MoodleDouble.CLIENT_ID,
						List.of(MoodleDouble.DEPLOYMENT_ID), this.moodle.wwwroot + "/mod/lti/auth.php",
						this.moodle.wwwroot + "/mod/lti/token.php", this.moodle.wwwroot + "/mod/lti/certs.php"),
				PlatformRegistration.Origin.DYNAMIC);
	}

	// ---- the browser between Moodle and the tool

	/** What one launch went through. */
	record Journey(HttpResponse<String> login, HttpResponse<String> auth, HttpResponse<String> launch,
			HttpTestClient browser) {
	}

	private HttpResponse<String> initiateLogin(HttpTestClient browser, Launch launch, boolean byGet) {
		List<Map.Entry<String, String>> fields = this.moodle.loginForm(launch);
		String body = fields.stream()
			.map((f) -> URLEncoder.encode(f.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(f.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		assertThat(this.moodle.loginFormAction(launch)).isEqualTo(this.tool + "/lti/login");
		if (byGet) {
			return browser.get("/lti/login?" + body);
		}
		return browser.send(browser.request("/lti/login")
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	private Journey launch(Launch launch) {
		return launch(launch, new HttpTestClient(this.port), false);
	}

	private Journey launch(Launch launch, HttpTestClient browser, boolean byGet) {
		HttpResponse<String> login = initiateLogin(browser, launch, byGet);
		assertThat(login.statusCode()).as(login.body()).isEqualTo(302);
		String location = login.headers().firstValue("Location").orElseThrow();
		String stateCookie = login.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter((c) -> c.startsWith("lti_state_"))
			.findFirst()
			.orElseThrow();
		HttpResponse<String> auth = send(HttpRequest.newBuilder(URI.create(location)).GET());
		assertThat(auth.statusCode()).as(auth.body()).isEqualTo(200);
		// Moodle's auto-submitting form: only id_token and state, to the redirect URI
		Map<String, String> form = hiddenFields(auth.body());
		assertThat(form).containsOnlyKeys("id_token", "state");
		assertThat(formAction(auth.body())).isEqualTo(this.tool + "/lti/launch");
		HttpResponse<String> landed = LtiHttp.launch(browser, form.get("id_token"), form.get("state"),
				stateCookie.substring(0, stateCookie.indexOf(';')));
		return new Journey(login, auth, landed, browser);
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return this.toMoodle.send(request.timeout(Duration.ofSeconds(30)).build(),
					HttpResponse.BodyHandlers.ofString());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	static Map<String, String> hiddenFields(String html) {
		Matcher input = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"").matcher(html);
		Map<String, String> fields = new java.util.LinkedHashMap<>();
		while (input.find()) {
			fields.put(input.group(1), HtmlUtils.htmlUnescape(input.group(2)));
		}
		return fields;
	}

	static String formAction(String html) {
		Matcher action = Pattern.compile("<form action=\"([^\"]+)\"").matcher(html);
		assertThat(action.find()).isTrue();
		return HtmlUtils.htmlUnescape(action.group(1));
	}

	private HttpResponse<String> asAdmin(HttpRequest.Builder request) {
		return this.admin.send(
				request.header("Authorization", HttpTestClient.basic(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD)));
	}

	private Long learnerOfLaunch(String subject) {
		return this.jdbc
			.sql("SELECT l.learner_id FROM lti_launch l JOIN lti_platform p ON p.id = l.platform_id "
					+ "WHERE p.issuer = ? AND l.subject = ? ORDER BY l.id DESC LIMIT 1")
			.params(this.moodle.wwwroot, subject)
			.query(Long.class)
			.optional()
			.orElse(null);
	}

	// ---- dynamic registration (files 05-08)

	@Test
	void dynamicRegistrationAsMoodleDrivesItRegistersTheGrantedClientAndStringDeployment() {
		// Moodle sends the browser (in its iframe) to the tool with these two parameters
		MoodleRecording entry = this.moodle.recording("06-register-GET-lti-register.json");
		String query = entry.query()
			.stream()
			.map((p) -> p.getKey() + "="
					+ URLEncoder.encode(
							p.getValue().equals("<redacted>") ? this.moodle.registrationToken : p.getValue(),
							StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		assertThat(entry.query()).extracting(Map.Entry::getKey)
			.containsExactly("openid_configuration", "registration_token");
		HttpResponse<String> page = new HttpTestClient(this.port).get("/lti/register?" + query);
		assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
		MoodleRecording answer = this.moodle.recording("08-register-POST-mod-lti-openid-registration-php.json");
		String clientId = answer.responseJson().path("client_id").asString();
		assertThat(page.body()).contains(clientId).contains("id=\"deployment-id\">2<");

		// the tool asked as it did when recorded: same JSON, Bearer registration token
		LoggedRequest sent = this.moodle.server
			.findAll(postRequestedFor(urlPathEqualTo("/mod/lti/openid-registration.php")))
			.get(0);
		assertThat(sent.getHeader("Authorization")).isEqualTo("Bearer " + this.moodle.registrationToken);
		assertThat(MoodleRecording.read(sent.getBodyAsString())).isEqualTo(answer.requestJson());
		assertThat(this.moodle.server.findAll(getRequestedFor(urlPathEqualTo("/mod/lti/openid-configuration.php")))
			.get(0)
			.getHeader("Authorization")).isEqualTo("Bearer " + this.moodle.registrationToken);

		PlatformRegistration registered = this.registrations.find(this.moodle.wwwroot, clientId).orElseThrow();
		// deployment_id arrives as the string "2"; the endpoints are the configuration's
		assertThat(registered.deploymentIds()).containsExactly("2");
		assertThat(registered.authUrl()).isEqualTo(this.moodle.wwwroot + "/mod/lti/auth.php");
		assertThat(registered.tokenUrl()).isEqualTo(this.moodle.wwwroot + "/mod/lti/token.php");
		assertThat(registered.jwksUrl()).isEqualTo(this.moodle.wwwroot + "/mod/lti/certs.php");
	}

	// ---- login initiation (files 12-14, 22-24, 27-29, 32-34)

	@ParameterizedTest
	@EnumSource(Launch.class)
	void loginInitiationByPostSendsMoodlesAuthRequestWithTheJsonHintUnchanged(Launch launch) {
		registerToolTypeOne();
		assertAuthRequestAsRecorded(launch, initiateLogin(new HttpTestClient(this.port), launch, false));
	}

	@ParameterizedTest
	@EnumSource(Launch.class)
	void loginInitiationByGetSendsTheSameAuthRequest(Launch launch) {
		registerToolTypeOne();
		assertAuthRequestAsRecorded(launch, initiateLogin(new HttpTestClient(this.port), launch, true));
	}

	private void assertAuthRequestAsRecorded(Launch launch, HttpResponse<String> login) {
		assertThat(login.statusCode()).as(login.body()).isEqualTo(302);
		String location = login.headers().firstValue("Location").orElseThrow();
		assertThat(location).startsWith(this.moodle.wwwroot + "/mod/lti/auth.php?");
		// the hint is JSON, as Moodle sent it (README "Login initiation")
		String hint = this.moodle.recording(launch.login).formMap().get("lti_message_hint");
		assertThat(MoodleRecording.read(hint).path("launchid").asString()).startsWith("ltilaunch");
		List<Map.Entry<String, String>> sent = new ArrayList<>(MoodleDouble.phpQuery(location).entrySet());
		List<Map.Entry<String, String>> recorded = this.moodle.recording(launch.auth).query();
		assertThat(sent).extracting(Map.Entry::getKey)
			.containsExactlyElementsOf(recorded.stream().map(Map.Entry::getKey).toList());
		for (int i = 0; i < recorded.size(); i++) {
			String name = recorded.get(i).getKey();
			if (!name.equals("state") && !name.equals("nonce")) {
				assertThat(sent.get(i).getValue()).as(name).isEqualTo(recorded.get(i).getValue());
			}
		}
		assertThat(MoodleDouble.phpQuery(location).get("lti_message_hint")).isEqualTo(hint);
	}

	// ---- launches (files 25, 30, 35)

	@Test
	void theTeacherAndBothStudentsLaunchAsRecorded() {
		registerToolTypeOne();
		Journey teacher = launch(Launch.TEACHER);
		assertThat(teacher.launch().statusCode()).as(teacher.launch().body()).isEqualTo(200);
		assertThat(teacher.launch().body()).contains("<strong>coordinator</strong>").contains("Tess Teacher");

		Journey embedded = launch(Launch.STUDENT_EMBEDDED);
		assertThat(embedded.launch().statusCode()).as(embedded.launch().body()).isEqualTo(200);
		assertThat(embedded.launch().body()).contains("<strong>learner</strong>").contains("Priya Raman");

		// the new-window link (cmid 6): ungraded, no basicoutcome, no line item
		Journey window = launch(Launch.STUDENT_NEW_WINDOW);
		assertThat(window.launch().statusCode()).as(window.launch().body()).isEqualTo(200);
		assertThat(window.launch().body()).contains("<strong>learner</strong>").contains("Sam Student");

		List<String> rows = this.jdbc.sql(
				"SELECT CONCAT(l.subject, ' ', l.app_role, ' ', l.context_id, ' ', l.resource_link_id) FROM lti_launch l "
						+ "JOIN lti_platform p ON p.id = l.platform_id WHERE p.issuer = ? ORDER BY l.id")
			.params(this.moodle.wwwroot)
			.query(String.class)
			.list();
		assertThat(rows).containsExactly("3 COORDINATOR 2 1", "5 LEARNER 2 1", "4 LEARNER 2 2");
		// three people, three learners
		assertThat(List.of(learnerOfLaunch("3"), learnerOfLaunch("4"), learnerOfLaunch("5"))).doesNotHaveDuplicates()
			.doesNotContainNull();

		// inside Moodle's iframe every page of the session may be shown, by Moodle only
		HttpResponse<String> mine = embedded.browser().get("/my/capabilities");
		assertThat(mine.statusCode()).isEqualTo(200);
		assertThat(LaunchFramingHttpTests.frameAncestors(mine)).containsExactlyInAnyOrder("'self'",
				this.moodle.wwwroot);
	}

	@Test
	void theRecordedIdTokensHaveMoodlesShape() throws Exception {
		// what the double re-signs is what Moodle signed: the header, 60 s lifetime, aud
		// a plain string, deployment "1", short claims as listed in the README
		MoodleRecording teacher = MoodleRecording.raw(Launch.TEACHER.idToken);
		assertThat(teacher.jwtHeader("id_token").path("kid").asString()).isEqualTo(MoodleDouble.KID);
		ObjectNode claims = teacher.jwtPayload("id_token");
		assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(60);
		assertThat(claims.path("aud").isString()).isTrue();
		assertThat(claims.path(LTI + "deployment_id").asString()).isEqualTo("1");
		assertThat(claims.path(LTI + "custom").has("context_memberships_url")).isTrue();
		assertThat(claims.path("https://purl.imsglobal.org/spec/lti-ags/claim/endpoint").path("lineitem").asString())
			.endsWith("/mod/lti/services.php/2/lineitems/4/lineitem?type_id=1");
		ObjectNode deepLinking = MoodleRecording.raw(Launch.DEEP_LINKING.idToken).jwtPayload("id_token");
		assertThat(deepLinking.path(DL + "deep_linking_settings").has("accept_lineitem")).isFalse();
		assertThat(deepLinking.has(LTI + "resource_link")).isFalse();

		// and the double's token verifies against its JWKS in the recorded layout
		HttpResponse<String> jwks = send(
				HttpRequest.newBuilder(URI.create(this.moodle.wwwroot + "/mod/lti/certs.php")).GET());
		JsonNode key = MoodleRecording.read(jwks.body()).path("keys").get(0);
		assertThat(key.propertyNames()).containsExactly("kty", "alg", "kid", "e", "n", "use");
		String token = this.moodle.sign(claims);
		SignedJWT jwt = SignedJWT.parse(token);
		assertThat(jwt.verify(new RSASSAVerifier((RSAKey) JWKSet.parse(jwks.body()).getKeyByKeyId(MoodleDouble.KID))))
			.isTrue();
	}

	// ---- deep linking (files 12-15)

	private Map<String, Object> deepLinkingAnswer(Journey journey, boolean grades) throws Exception {
		String picker = journey.launch().body();
		Matcher action = Pattern.compile("action=\"(/lti/deep-link/[^\"]+)\"").matcher(picker);
		assertThat(action.find()).isTrue();
		Map<String, String> choice = new java.util.LinkedHashMap<>();
		choice.put("_csrf", HttpTestClient.csrfToken(picker));
		choice.put("view", "my-progress");
		if (grades) {
			choice.put("grades", "yes");
		}
		HttpResponse<String> answer = journey.browser().postForm(action.group(1), choice);
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
		// posted to deep_link_return_url in the field Moodle reads, "JWT"
		String returnUrl = this.moodle.recording(Launch.DEEP_LINKING.idToken)
			.jwtPayload("id_token")
			.path(DL + "deep_linking_settings")
			.path("deep_link_return_url")
			.asString();
		assertThat(HtmlUtils.htmlUnescape(answer.body())).contains("action=\"" + returnUrl + "\"");
		Matcher jwt = Pattern.compile("name=\"JWT\" value=\"([^\"]+)\"").matcher(answer.body());
		assertThat(jwt.find()).isTrue();
		SignedJWT signed = SignedJWT.parse(jwt.group(1));
		JWKSet toolKeys = JWKSet.parse(this.admin.get("/.well-known/jwks.json").body());
		assertThat(signed.verify(new RSASSAVerifier((RSAKey) toolKeys.getKeyByKeyId(signed.getHeader().getKeyID()))))
			.isTrue();
		JWTClaimsSet claims = signed.getJWTClaimsSet();
		assertThat(claims.getIssuer()).isEqualTo(MoodleDouble.CLIENT_ID);
		assertThat(claims.getAudience()).containsExactly(this.moodle.wwwroot);
		assertThat(claims.getStringClaim(LTI + "deployment_id")).isEqualTo(MoodleDouble.DEPLOYMENT_ID);
		assertThat(claims.getStringClaim(LTI + "message_type")).isEqualTo("LtiDeepLinkingResponse");
		List<Object> items = claims.getListClaim(DL + "content_items");
		assertThat(items).hasSize(1);
		@SuppressWarnings("unchecked")
		Map<String, Object> item = (Map<String, Object>) items.get(0);
		assertThat(item).containsEntry("type", "ltiResourceLink")
			.containsEntry("url", this.tool + "/lti/launch")
			.containsEntry("custom", Map.of("view", "my-progress"));
		return item;
	}

	@Test
	void deepLinkingWithoutAcceptLineItemOffersGradesAndAnswersWithALineItem() throws Exception {
		registerToolTypeOne();
		Journey journey = launch(Launch.DEEP_LINKING);
		assertThat(journey.launch().statusCode()).as(journey.launch().body()).isEqualTo(200);
		assertThat(journey.launch().body()).contains("Add capability progress to your course")
			.contains("id=\"grades\"");
		Map<String, Object> item = deepLinkingAnswer(journey, true);
		@SuppressWarnings("unchecked")
		Map<String, Object> lineItem = (Map<String, Object>) item.get("lineItem");
		assertThat(lineItem).isNotNull();
		assertThat(((Number) lineItem.get("scoreMaximum")).doubleValue()).isEqualTo(100.0);
		assertThat(lineItem.get("label")).isEqualTo(item.get("title"));
	}

	@Test
	void deepLinkingWithoutTheGradesChoiceAnswersWithoutALineItem() throws Exception {
		registerToolTypeOne();
		Map<String, Object> item = deepLinkingAnswer(launch(Launch.DEEP_LINKING), false);
		assertThat(item).doesNotContainKey("lineItem");
	}

	@Test
	void deepLinkingWithAcceptLineItemTrueOffersGrades() throws Exception {
		registerToolTypeOne();
		this.moodle.changeNextToken(Launch.DEEP_LINKING,
				(claims) -> ((ObjectNode) claims.path(DL + "deep_linking_settings")).put("accept_lineitem", true));
		Journey journey = launch(Launch.DEEP_LINKING);
		assertThat(journey.launch().body()).contains("id=\"grades\"");
		assertThat(deepLinkingAnswer(journey, true)).containsKey("lineItem");
	}

	@Test
	void deepLinkingWithAcceptLineItemFalseNeverSendsALineItem() throws Exception {
		registerToolTypeOne();
		this.moodle.changeNextToken(Launch.DEEP_LINKING,
				(claims) -> ((ObjectNode) claims.path(DL + "deep_linking_settings")).put("accept_lineitem", false));
		Journey journey = launch(Launch.DEEP_LINKING);
		assertThat(journey.launch().body()).doesNotContain("id=\"grades\"");
		assertThat(deepLinkingAnswer(journey, true)).doesNotContainKey("lineItem");
	}

	@Test
	void deepLinkingWithoutAcceptLineItemOrTheLineItemScopeOffersNoGrades() throws Exception {
		registerToolTypeOne();
		this.moodle.changeNextToken(Launch.DEEP_LINKING,
				(claims) -> ((ObjectNode) claims.path("https://purl.imsglobal.org/spec/lti-ags/claim/endpoint"))
					.putArray("scope")
					.add("https://purl.imsglobal.org/spec/lti-ags/scope/score"));
		Journey journey = launch(Launch.DEEP_LINKING);
		assertThat(journey.launch().body()).doesNotContain("id=\"grades\"");
		assertThat(deepLinkingAnswer(journey, true)).doesNotContainKey("lineItem");
	}

	// ---- NRPS (files 09, 10, 16)

	@Test
	void aTeacherLaunchFetchesTheRosterWithMoodlesTokenAndSlashArgumentUrl() throws Exception {
		registerToolTypeOne();
		assertThat(launch(Launch.TEACHER).launch().statusCode()).isEqualTo(200);
		List<String> roster = Eventually.value(() -> this.jdbc
			.sql("SELECT CONCAT(m.user_id, ' ', m.roles, ' ', m.status) FROM lti_roster_member m "
					+ "JOIN lti_platform p ON p.id = m.platform_id WHERE p.issuer = ? AND m.context_id = ? "
					+ "ORDER BY m.user_id")
			.params(this.moodle.wwwroot, MoodleDouble.COURSE_ID)
			.query(String.class)
			.list(), (list) -> list.size() == 4);
		// short role names, as Moodle sends them
		assertThat(roster).containsExactly("3 Instructor Active", "4 Learner Active", "5 Learner Active",
				"6 Learner Active");

		// the token: client_credentials with a private_key_jwt assertion the tool signed
		LoggedRequest tokenRequest = this.moodle.server.findAll(postRequestedFor(urlPathEqualTo("/mod/lti/token.php")))
			.get(0);
		Map<String, String> form = LtiHttp.query("http://x/?" + tokenRequest.getBodyAsString());
		MoodleRecording recorded = this.moodle.recording("09-register-POST-mod-lti-token-php.json");
		assertThat(form.keySet()).containsExactlyInAnyOrderElementsOf(recorded.formMap().keySet());
		assertThat(form.get("scope"))
			.contains("https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly");
		SignedJWT assertion = SignedJWT.parse(form.get("client_assertion"));
		JWKSet toolKeys = JWKSet.parse(this.admin.get("/.well-known/jwks.json").body());
		assertThat(
				assertion.verify(new RSASSAVerifier((RSAKey) toolKeys.getKeyByKeyId(assertion.getHeader().getKeyID()))))
			.isTrue();
		assertThat(assertion.getJWTClaimsSet().getIssuer()).isEqualTo(MoodleDouble.CLIENT_ID);
		assertThat(assertion.getJWTClaimsSet().getSubject()).isEqualTo(MoodleDouble.CLIENT_ID);
		assertThat(assertion.getJWTClaimsSet().getAudience())
			.containsExactly(this.moodle.wwwroot + "/mod/lti/token.php");
		// the NRPS call: the slash-argument URL from the launch, the bearer token from
		// the text/html answer, the membership container media type
		LoggedRequest nrps = this.moodle.server.findAll(getRequestedFor(urlPathEqualTo(MoodleDouble.MEMBERSHIPS_PATH)))
			.get(0);
		assertThat(nrps.getHeader("Authorization")).isEqualTo("Bearer " + this.moodle.accessToken);
		assertThat(nrps.getHeader("Accept")).contains("application/vnd.ims.lti-nrps.v2.membershipcontainer+json");
		// students who never launched are learners now (resolved after the roster is
		// stored)
		Eventually.value(() -> this.jdbc
			.sql("SELECT COUNT(*) FROM lti_user u JOIN lti_platform p ON p.id = u.platform_id WHERE p.issuer = ? "
					+ "AND u.subject IN ('4', '5', '6')")
			.params(this.moodle.wwwroot)
			.query(Integer.class)
			.single(), (count) -> count == 3);
	}

	// ---- "refresh roster now" (issue 15, item 4) against the recorded NRPS answer

	private HttpResponse<String> refreshAsAdmin(String body) {
		return asAdmin(this.admin.request("/api/lti/courses/roster-refresh")
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	private long toolTypeOneId() {
		return this.registrations.find(this.moodle.wwwroot, MoodleDouble.CLIENT_ID).orElseThrow().id();
	}

	private HttpResponse<String> refreshInSession(Journey journey, String body) {
		String csrf = HttpTestClient.csrfToken(journey.launch().body());
		return journey.browser()
			.send(journey.browser()
				.request("/api/lti/courses/roster-refresh")
				.header("Content-Type", "application/json")
				.header("X-CSRF-TOKEN", csrf)
				.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	private static void assertProblem(HttpResponse<String> response, int status, String field) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		JsonNode problem = MoodleRecording.read(response.body());
		assertThat(problem.path("status").asInt()).isEqualTo(status);
		if (field != null) {
			assertThat(problem.path("field").asString()).isEqualTo(field);
		}
	}

	@Test
	void administratorsRefreshAnyCourseRosterNowAndTeachersTheirOwn() {
		registerToolTypeOne();
		Journey teacher = launch(Launch.TEACHER);
		Journey student = launch(Launch.STUDENT_EMBEDDED);
		long platformId = toolTypeOneId();
		String course = "{\"platformId\":" + platformId + ",\"contextId\":\"2\"}";
		int before = this.moodle.server.findAll(getRequestedFor(urlPathEqualTo(MoodleDouble.MEMBERSHIPS_PATH))).size();

		HttpResponse<String> refreshed = refreshAsAdmin(course);
		assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
		JsonNode answer = MoodleRecording.read(refreshed.body());
		assertThat(answer.path("members").asInt()).isEqualTo(4);
		assertThat(answer.path("contextId").asString()).isEqualTo("2");
		assertThat(this.moodle.server.findAll(getRequestedFor(urlPathEqualTo(MoodleDouble.MEMBERSHIPS_PATH))))
			.hasSizeGreaterThan(before);
		JsonNode courses = MoodleRecording.read(asAdmin(this.admin.request("/api/lti/courses").GET()).body());
		assertThat(courses.toString()).contains("\"contextId\":\"2\"").contains("\"rosterAvailable\":true");

		// the course's teacher, in their launch session (CSRF token from their page)
		HttpResponse<String> byTeacher = refreshInSession(teacher, course);
		assertThat(byTeacher.statusCode()).as(byTeacher.body()).isEqualTo(200);
		// not another course, not as a student, not without a session
		assertProblem(refreshInSession(teacher, "{\"platformId\":" + platformId + ",\"contextId\":\"99\"}"), 403, null);
		assertProblem(refreshInSession(student, course), 403, null);
		HttpResponse<String> anonymous = new HttpTestClient(this.port)
			.send(new HttpTestClient(this.port).request("/api/lti/courses/roster-refresh")
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(course)));
		assertThat(anonymous.statusCode()).isEqualTo(401);
		// a student lists no course
		HttpResponse<String> studentCourses = student.browser().get("/api/lti/courses");
		assertThat(studentCourses.statusCode()).isEqualTo(200);
		assertThat(MoodleRecording.read(studentCourses.body())).isEmpty();

		// problems name the field, or say what is unknown
		assertProblem(refreshAsAdmin("{\"platformId\":" + platformId + "}"), 400, "contextId");
		assertProblem(refreshAsAdmin("{\"contextId\":\"2\"}"), 400, "platformId");
		assertProblem(refreshAsAdmin("{\"platformId\":" + platformId + ",\"contextId\":\"404\"}"), 404, null);

		// the platform refusing is a 502 that says so
		this.moodle.server
			.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo(MoodleDouble.MEMBERSHIPS_PATH))
				.atPriority(1)
				.willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(500)));
		assertProblem(refreshAsAdmin(course), 502, null);
	}

	@Test
	void theTeachersPageAndTheAdminPageRefreshTheRosterNow() {
		registerToolTypeOne();
		Journey teacher = launch(Launch.TEACHER);
		assertThat(teacher.launch().body()).contains("id=\"refresh-roster\"");
		HttpResponse<String> page = teacher.browser()
			.postForm("/lti/home/roster", Map.of("_csrf", HttpTestClient.csrfToken(teacher.launch().body())));
		assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
		assertThat(page.body()).contains("id=\"roster-message\"").contains("lists 4 members");
		// the course is not mapped yet: its learners are still listed by name
		assertThat(page.body()).contains("id=\"course-learners\"").contains("Sam Student");

		HttpTestClient administrator = new HttpTestClient(this.port);
		administrator.login(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD);
		HttpResponse<String> list = administrator.get("/lti/admin/courses");
		assertThat(list.statusCode()).isEqualTo(200);
		assertThat(list.body()).contains("ATMP Handling Induction");
		HttpResponse<String> done = administrator.postForm("/lti/admin/courses/roster-refresh",
				Map.of("_csrf", HttpTestClient.csrfToken(list.body()), "platformId", String.valueOf(toolTypeOneId()),
						"contextId", "2"));
		assertThat(done.statusCode()).isEqualTo(302);
		assertThat(administrator.get("/lti/admin/courses").body()).contains("id=\"roster-done\"").contains("4 members");
		// a launched teacher is no administrator
		assertThat(teacher.browser().get("/lti/admin/courses").statusCode()).isIn(302, 403);
	}

	// ---- AGS scores and the log store's statements (files 01, 03, 19, 21)

	private void map(String body) {
		HttpResponse<String> response = asAdmin(this.admin.request("/api/mappings")
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
	}

	/** The body Moodle's log store posted (a JSON array), addresses rewritten. */
	private String logStoreBatch(String file) {
		MoodleRecording recording = this.moodle.recording(file);
		assertThat(recording.request().path("method").asString()).isEqualTo("POST");
		assertThat(recording.requestJson().isArray()).isTrue();
		return MoodleRecording.write(recording.requestJson());
	}

	private static boolean achieved(JsonNode attainment, String code) {
		for (JsonNode capability : attainment.path("capabilities")) {
			if (code.equals(capability.path("capability").path("code").asString(""))
					&& "achieved".equals(capability.path("status").asString(""))) {
				return true;
			}
		}
		return false;
	}

	@Test
	void theLogStoresStatementsCreditTheLearnerTheLaunchCreatedAndScoresReachTheLineItem() throws Exception {
		registerToolTypeOne();
		String viewed = this.moodle.wwwroot + "/mod/lti/view.php?id=5";
		// the course grades D1.1; viewing the activity credits it (file 21's verb)
		map("{\"platformIssuer\":\"" + this.moodle.wwwroot + "\",\"contextId\":\"2\",\"capability\":\"D1.1\","
				+ "\"tier\":\"T1\"}");
		map("{\"activityId\":\"" + viewed + "\",\"capability\":\"D1.1\",\"tier\":\"T1\","
				+ "\"verbs\":[\"http://id.tincanapi.com/verb/viewed\"]}");
		Journey teacher = launch(Launch.TEACHER);
		assertThat(teacher.launch().statusCode()).isEqualTo(200);
		Journey student = launch(Launch.STUDENT_EMBEDDED);
		assertThat(student.launch().statusCode()).isEqualTo(200);
		Long teacherLearner = learnerOfLaunch("3");

		LrsTestClient lrs = LrsTestClient.create(this.admin);
		for (String file : List.of("01-register-POST-xapi-statements.json", "03-register-POST-xapi-statements.json",
				"19-teacher-launch-POST-xapi-statements.json", "21-teacher-launch-POST-xapi-statements.json")) {
			HttpResponse<String> stored = lrs.postBody(logStoreBatch(file));
			assertThat(stored.statusCode()).as(file + ": " + stored.body()).isEqualTo(200);
			assertThat(MoodleRecording.read(stored.body())).hasSize(1);
		}
		// the account {homePage: wwwroot, name: "3"} is the teacher the launch created
		HttpResponse<String> byAccount = asAdmin(this.admin.request("/api/learners?identifier=" + URLEncoder.encode(
				"{\"account\":{\"homePage\":\"" + this.moodle.wwwroot + "\",\"name\":\"3\"}}", StandardCharsets.UTF_8))
			.GET());
		assertThat(byAccount.statusCode()).as(byAccount.body()).isEqualTo(200);
		assertThat(MoodleRecording.read(byAccount.body()).path("id").asLong()).isEqualTo(teacherLearner);
		Eventually.answer(() -> asAdmin(this.admin.request("/api/learners/" + teacherLearner + "/attainment").GET()),
				(r) -> r.statusCode() == 200 && achieved(MoodleRecording.read(r.body()), "D1.1"));

		// the same statement for student2, in the log store's exact shape, sends a full
		// score to the line item of the graded link; the teacher's score is refused
		ObjectNode forStudent = (ObjectNode) this.moodle.recording("21-teacher-launch-POST-xapi-statements.json")
			.requestJson()
			.get(0)
			.deepCopy();
		forStudent.put("timestamp", java.time.Instant.now().toString());
		((ObjectNode) forStudent.path("actor")).put("name", "Priya Raman");
		((ObjectNode) forStudent.path("actor").path("account")).put("name", "5");
		assertThat(lrs.postBody("[" + MoodleRecording.write(forStudent) + "]").statusCode()).isEqualTo(200);
		List<LoggedRequest> scores = Eventually.value(() -> {
			this.sender.sendDue();
			return this.moodle.server
				.findAll(postRequestedFor(urlPathEqualTo(MoodleDouble.LINE_ITEM_PATH + "/scores")));
		}, (posts) -> posts.stream()
			.map((p) -> MoodleRecording.read(p.getBodyAsString()))
			.anyMatch((s) -> s.path("userId").asString().equals("5")
					&& s.path("scoreGiven").asDouble() == s.path("scoreMaximum").asDouble()));
		LoggedRequest full = scores.stream()
			.filter((p) -> MoodleRecording.read(p.getBodyAsString()).path("scoreGiven").asDouble() > 0)
			.reduce((a, b) -> b)
			.orElseThrow();
		// the query stays the query: …/lineitem/scores?type_id=1
		assertThat(full.getUrl()).isEqualTo(MoodleDouble.LINE_ITEM_PATH + "/scores?type_id=1");
		assertThat(full.getHeader("Content-Type")).isEqualTo("application/vnd.ims.lis.v1.score+json");
		assertThat(full.getHeader("Authorization")).isEqualTo("Bearer " + this.moodle.accessToken);
		JsonNode failed = Eventually.answer(() -> {
			this.sender.sendDue();
			return asAdmin(this.admin.request("/api/lti/score-deliveries?status=failed").GET());
		}, (r) -> r.body().contains(this.moodle.wwwroot) && r.body().contains("\"userId\":\"3\""));
		assertThat(failed.toString()).contains("\"lastHttpStatus\":400");
	}

}
