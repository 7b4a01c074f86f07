package org.attc.tracker.identity.internal;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;

import com.nimbusds.jwt.JWTClaimsSet;
import org.attc.tracker.identity.Learners;
import org.attc.tracker.shared.AgentIdentifier;
import org.attc.tracker.shared.LearnerId;
import org.attc.tracker.support.FakeOpenIdProvider;
import org.attc.tracker.support.HttpTestClient;
import org.attc.tracker.support.OpenIdProviderContextCustomizerFactory;
import org.attc.tracker.support.TestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Staff sign in through an OpenID Connect provider (a fake one on WireMock, over real
 * HTTP): the authorization code flow with state, nonce and PKCE; the id_token verified
 * (signature, issuer, audience, expiry, nonce: OpenID Connect Core 1.0 §3.1.3.7); the
 * person mapped to their local account and given exactly what a password sign-in gives,
 * or refused with a message they understand and no session.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SingleSignOnHttpTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final String START = "/oauth2/authorization/" + FakeOpenIdProvider.REGISTRATION_ID;

	private static final String CALLBACK = "/login/oauth2/code/" + FakeOpenIdProvider.REGISTRATION_ID;

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	Learners learners;

	final FakeOpenIdProvider provider = FakeOpenIdProvider.running();

	final String suffix = UUID.randomUUID().toString().substring(0, 8);

	HttpTestClient admin;

	String trustA;

	String trustB;

	LearnerId learnerA;

	LearnerId learnerB;

	@BeforeEach
	void setUp() {
		this.provider.serveMetadata();
		this.admin = new HttpTestClient(this.port);
		this.trustA = "SA" + this.suffix;
		this.trustB = "SB" + this.suffix;
		for (String trust : new String[] { this.trustA, this.trustB }) {
			HttpResponse<String> org = asAdmin("POST", "/api/organisations",
					"{\"code\":\"" + trust + "\",\"name\":\"SSO Trust " + trust + "\",\"kind\":\"TRUST\"}");
			assertThat(org.statusCode()).as(org.body()).isEqualTo(201);
		}
		String csv = "identifier,name,email,organisations,jobRoles\r\n" + "mailto:ann-" + this.suffix
				+ "@nhs.net,Ann Aye " + this.suffix + ",," + this.trustA + ",\r\n" + "mailto:bob-" + this.suffix
				+ "@nhs.net,Bob Bee " + this.suffix + ",," + this.trustB + ",\r\n";
		HttpResponse<String> imported = this.admin.send(this.admin.request("/api/learners/import")
			.header("Authorization", HttpTestClient.basic(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD))
			.header("Content-Type", "text/csv")
			.POST(HttpRequest.BodyPublishers.ofString(csv)));
		assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
		this.learnerA = this.learners.find(AgentIdentifier.mbox("mailto:ann-" + this.suffix + "@nhs.net"))
			.orElseThrow();
		this.learnerB = this.learners.find(AgentIdentifier.mbox("mailto:bob-" + this.suffix + "@nhs.net"))
			.orElseThrow();
	}

	@Test
	void theSignInPageOffersTheConfiguredProviderBesideThePasswordForm() {
		String page = new HttpTestClient(this.port).get("/login").body();
		assertThat(page).contains(FakeOpenIdProvider.LABEL)
			.contains("href=\"" + START + "\"")
			.contains("name=\"password\"");
	}

	@Test
	void theRedirectToTheProviderCarriesStateNonceAndPkce() {
		HttpTestClient browser = new HttpTestClient(this.port);
		HttpResponse<String> response = browser.get(START);
		assertThat(response.statusCode()).isEqualTo(302);
		URI location = URI.create(response.headers().firstValue("Location").orElseThrow());
		assertThat(location.toString()).startsWith(this.provider.issuer() + "/authorize?");
		Map<String, String> query = query(location);
		assertThat(query).containsEntry("response_type", "code")
			.containsEntry("client_id", FakeOpenIdProvider.CLIENT_ID)
			.containsEntry("redirect_uri", "http://127.0.0.1:" + this.port + CALLBACK)
			.containsEntry("code_challenge_method", "S256")
			.containsKeys("state", "nonce", "code_challenge");
		assertThat(query.get("scope").split(" ")).contains("openid", "profile", "email");
		assertThat(query.get("state")).hasSizeGreaterThanOrEqualTo(20);
		assertThat(query.get("nonce")).hasSizeGreaterThanOrEqualTo(20);
		// a second sign-in gets fresh values
		Map<String, String> again = query(
				URI.create(new HttpTestClient(this.port).get(START).headers().firstValue("Location").orElseThrow()));
		assertThat(again.get("state")).isNotEqualTo(query.get("state"));
		assertThat(again.get("nonce")).isNotEqualTo(query.get("nonce"));
	}

	@Test
	void aCoordinatorSignedInThroughTheProviderSeesOnlyTheLearnersOfTheirOrganisation() {
		String username = "sso-cora-" + this.suffix;
		long id = createAccount(username, "cora-" + this.suffix + "@trust.nhs.uk", "COORDINATOR", this.trustA);
		HttpTestClient browser = new HttpTestClient(this.port);
		String subject = "sub-" + this.suffix;

		// the e-mail claim matches the account's e-mail whatever its case
		HttpResponse<String> signedIn = signIn(browser,
				(sub, nonce) -> this.provider.claims(subject, nonce)
					.claim("email", "Cora-" + this.suffix + "@Trust.NHS.uk")
					.build());
		assertThat(signedIn.statusCode()).isEqualTo(302);
		assertThat(signedIn.headers().firstValue("Location").orElseThrow()).doesNotContain("/login");

		// the same principal a password sign-in gives: the local username and its scope
		assertThat(browser.get("/").body()).contains(username);
		HttpResponse<String> visible = browser.get("/api/learners");
		assertThat(visible.statusCode()).as(visible.body()).isEqualTo(200);
		assertThat(visible.body()).contains("Ann Aye " + this.suffix).doesNotContain("Bob Bee " + this.suffix);
		assertThat(browser.get("/api/learners/" + this.learnerA).statusCode()).isEqualTo(200);
		assertThat(browser.get("/api/learners/" + this.learnerB).statusCode()).isEqualTo(404);
		assertThat(browser.get("/api/users").statusCode()).isEqualTo(403);

		// the provider's subject is linked to the account, and the link is audited
		assertThat(this.jdbc.queryForObject(
				"SELECT account_id FROM id_user_account_sso_link WHERE issuer = ? AND subject = ?", Long.class,
				this.provider.issuer(), subject))
			.isEqualTo(id);
		JsonNode account = json.readTree(asAdmin("GET", "/api/users/" + id, null).body());
		assertThat(account.get("audit").findValuesAsString("action")).contains("SSO_LINKED");

		// a later e-mail change at the provider does not orphan the account: the link
		// (issuer, subject) is followed
		HttpTestClient later = new HttpTestClient(this.port);
		signIn(later,
				(sub, nonce) -> this.provider.claims(subject, nonce)
					.claim("email", "cora.renamed-" + this.suffix + "@trust.nhs.uk")
					.build());
		assertThat(later.get("/api/learners").body()).contains("Ann Aye " + this.suffix);

		// another person at the provider who is given Cora's old address does not reach
		// her account
		HttpTestClient stranger = new HttpTestClient(this.port);
		HttpResponse<String> refused = signIn(stranger,
				(sub, nonce) -> this.provider.claims("someone-else-" + this.suffix, nonce)
					.claim("email", "cora-" + this.suffix + "@trust.nhs.uk")
					.build());
		assertRefused(stranger, refused, "already linked to a different account");

		// administrators see the link on the account, through the API and the page
		JsonNode linked = json.readTree(asAdmin("GET", "/api/users/" + id, null).body()).get("singleSignOn");
		assertThat(linked).hasSize(1);
		assertThat(linked.get(0).get("subject").asString()).isEqualTo(subject);
		assertThat(linked.get(0).get("issuer").asString()).isEqualTo(this.provider.issuer());
		HttpTestClient adminPages = new HttpTestClient(this.port);
		adminPages.login(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD);
		assertThat(adminPages.get("/admin/users/" + id).body()).contains(subject)
			.contains("Remove organisation sign-in links");

		// Cora's account at the provider is recreated (a new subject): an administrator
		// removes the old link, and her next sign-in links the new one
		HttpResponse<String> unlinked = asAdmin("DELETE", "/api/users/" + id + "/sso-links", null);
		assertThat(unlinked.statusCode()).as(unlinked.body()).isEqualTo(200);
		assertThat(json.readTree(unlinked.body()).get("removed").asInt()).isEqualTo(1);
		HttpTestClient recreated = new HttpTestClient(this.port);
		signIn(recreated,
				(sub, nonce) -> this.provider.claims("recreated-" + this.suffix, nonce)
					.claim("email", "cora-" + this.suffix + "@trust.nhs.uk")
					.build());
		assertThat(recreated.get("/api/learners").body()).contains("Ann Aye " + this.suffix);
		assertThat(json.readTree(asAdmin("GET", "/api/users/" + id, null).body())
			.get("audit")
			.findValuesAsString("action")).contains("SSO_UNLINKED");
		// only an administrator may remove links
		assertThat(recreated.get("/api/users/" + id).statusCode()).isEqualTo(403);

		// the account page removes them too
		String page = adminPages.get("/admin/users/" + id).body();
		JsonNode relinked = json.readTree(asAdmin("GET", "/api/users/" + id, null).body()).get("singleSignOn");
		assertThat(relinked).hasSize(1);
		assertThat(relinked.get(0).get("subject").asString()).isNotEqualTo(subject);
		assertThat(page).contains(relinked.get(0).get("subject").asString());
		HttpResponse<String> removed = adminPages.postForm("/admin/users/" + id + "/sso-links/delete",
				Map.of("_csrf", HttpTestClient.csrfToken(page)));
		assertThat(removed.statusCode()).isEqualTo(302);
		assertThat(adminPages.get("/admin/users/" + id).body()).contains("1 organisation sign-in link removed")
			.contains("No organisation account");
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM id_user_account_sso_link WHERE account_id = ?",
				Integer.class, id))
			.isZero();
	}

	@Test
	void signingOutEndsTheSessionHereAndAtTheProvider() {
		String username = "sso-otto-" + this.suffix;
		createAccount(username, "otto-" + this.suffix + "@trust.nhs.uk", "COORDINATOR", this.trustA);
		HttpTestClient browser = new HttpTestClient(this.port);
		String[] token = new String[1];
		signInWithToken(browser,
				(code, nonce) -> token[0] = this.provider.sign(this.provider.claims("otto-" + this.suffix, nonce)
					.claim("email", "otto-" + this.suffix + "@trust.nhs.uk")
					.build()));
		assertThat(browser.get("/api/learners").statusCode()).isEqualTo(200);

		HttpResponse<String> home = browser.get("/");
		// a browser follows the sign-out form's redirect to the provider only if the
		// pages' CSP form-action names it
		URI issuer = URI.create(this.provider.issuer());
		assertThat(home.headers().firstValue("Content-Security-Policy").orElseThrow())
			.contains("form-action 'self' " + issuer.getScheme() + "://" + issuer.getRawAuthority() + ";");
		String csrf = HttpTestClient.csrfToken(home.body());
		HttpResponse<String> signedOut = browser.postForm("/logout", Map.of("_csrf", csrf));
		assertThat(signedOut.statusCode()).isEqualTo(302);
		URI location = URI.create(signedOut.headers().firstValue("Location").orElseThrow());
		// OpenID Connect RP-Initiated Logout 1.0 §2, at the end_session_endpoint the
		// discovery document gave
		assertThat(location.getScheme() + "://" + location.getRawAuthority() + location.getRawPath())
			.isEqualTo(this.provider.issuer() + "/logout");
		Map<String, String> query = query(location);
		assertThat(query).containsEntry("id_token_hint", token[0])
			.containsEntry("client_id", FakeOpenIdProvider.CLIENT_ID)
			.containsEntry("post_logout_redirect_uri", "http://127.0.0.1:" + this.port + "/login?logout");
		assertThat(browser.get("/api/learners").statusCode()).isEqualTo(401);

		// a password sign-in of the same browser later signs out here only
		browser.login(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD);
		HttpResponse<String> passwordOut = browser.postForm("/logout",
				Map.of("_csrf", HttpTestClient.csrfToken(browser.get("/").body())));
		assertThat(passwordOut.headers().firstValue("Location").orElseThrow()).endsWith("/login?logout")
			.doesNotContain(this.provider.issuer());
	}

	@Test
	void aProviderThatCannotBeReachedSendsThePersonBackWithAMessage() {
		HttpTestClient browser = new HttpTestClient(this.port);
		assertThat(browser.get("/login").body())
			.contains("href=\"/oauth2/authorization/" + OpenIdProviderContextCustomizerFactory.UNREACHABLE_ID + "\"");
		HttpResponse<String> response = browser
			.get("/oauth2/authorization/" + OpenIdProviderContextCustomizerFactory.UNREACHABLE_ID);
		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(response.headers().firstValue("Location").orElseThrow()).endsWith("/login?sso-error");
		assertThat(browser.get("/login?sso-error").body()).contains("could not be reached");
		// a provider that is not configured is not found
		assertThat(browser.get("/oauth2/authorization/no-such-trust").statusCode()).isEqualTo(404);
		// the other provider and the password form are unaffected
		assertThat(browser.get(START).statusCode()).isEqualTo(302);
		assertThat(browser.login(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD).statusCode()).isEqualTo(302);
		assertThat(browser.get("/api/users").statusCode()).isEqualTo(200);
	}

	@Test
	void anAdministratorSignedInThroughTheProviderHasAdministratorRights() {
		String username = "sso-ada-" + this.suffix;
		createAccount(username, "ada-" + this.suffix + "@trust.nhs.uk", "ADMIN", null);
		HttpTestClient browser = new HttpTestClient(this.port);
		signIn(browser,
				(sub, nonce) -> this.provider.claims("ada-" + this.suffix, nonce)
					.claim("email", "ada-" + this.suffix + "@trust.nhs.uk")
					.build());
		HttpResponse<String> users = browser.get("/api/users");
		assertThat(users.statusCode()).isEqualTo(200);
		assertThat(users.body()).contains(username);
		// the national list, searched: its first page holds the oldest records of the run
		assertThat(browser.get("/api/learners?q=Ann+Aye+" + this.suffix).body()).contains("Ann Aye " + this.suffix);
		assertThat(browser.get("/api/learners?q=Bob+Bee+" + this.suffix).body()).contains("Bob Bee " + this.suffix);
	}

	@Test
	void aPersonWithoutAnAccountGetsNoSessionAndAMessageSayingWhy() {
		HttpTestClient browser = new HttpTestClient(this.port);
		String email = "nobody-" + this.suffix + "@trust.nhs.uk";
		HttpResponse<String> response = signIn(browser,
				(sub, nonce) -> this.provider.claims("nobody-" + this.suffix, nonce).claim("email", email).build());
		String page = assertRefused(browser, response, "is not registered for Capability Tracker");
		assertThat(page).contains(email);
		// nothing was created or linked
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM id_user_account WHERE email = ? OR username = ?",
				Integer.class, email, email))
			.isZero();
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM id_user_account_sso_link WHERE subject = ?",
				Integer.class, "nobody-" + this.suffix))
			.isZero();
		// the message is shown once
		assertThat(browser.get("/login").body()).doesNotContain("is not registered");
	}

	@Test
	void aDisabledAccountCannotSignInThroughTheProvider() {
		String email = "dora-" + this.suffix + "@trust.nhs.uk";
		long id = createAccount("sso-dora-" + this.suffix, email, "COORDINATOR", this.trustA);
		assertThat(asAdmin("DELETE", "/api/users/" + id, null).statusCode()).isEqualTo(200);
		HttpTestClient browser = new HttpTestClient(this.port);
		HttpResponse<String> response = signIn(browser,
				(sub, nonce) -> this.provider.claims("dora-" + this.suffix, nonce).claim("email", email).build());
		assertRefused(browser, response, "is disabled");
	}

	@Test
	void anUnverifiedEmailIsNotTrusted() {
		String email = "una-" + this.suffix + "@trust.nhs.uk";
		createAccount("sso-una-" + this.suffix, email, "COORDINATOR", this.trustA);
		HttpTestClient browser = new HttpTestClient(this.port);
		HttpResponse<String> response = signIn(browser,
				(sub, nonce) -> this.provider.claims("una-" + this.suffix, nonce)
					.claim("email", email)
					.claim("email_verified", false)
					.build());
		assertRefused(browser, response, "has not verified the e-mail address");
	}

	@Test
	void idTokensThatFailVerificationGiveNoSession() {
		String email = "vera-" + this.suffix + "@trust.nhs.uk";
		createAccount("sso-vera-" + this.suffix, email, "ADMIN", null);
		String subject = "vera-" + this.suffix;
		Date past = new Date(System.currentTimeMillis() - 600_000);
		Map<String, BiFunction<String, String, String>> cases = new LinkedHashMap<>();
		cases.put("wrong audience", (code, nonce) -> this.provider
			.sign(this.provider.claims(subject, nonce).claim("email", email).audience("another-client").build()));
		cases.put("wrong issuer",
				(code, nonce) -> this.provider.sign(this.provider.claims(subject, nonce)
					.claim("email", email)
					.issuer("https://login.microsoftonline.com/another-tenant/v2.0")
					.build()));
		cases.put("expired",
				(code, nonce) -> this.provider.sign(this.provider.claims(subject, nonce)
					.claim("email", email)
					.issueTime(new Date(past.getTime() - 300_000))
					.expirationTime(past)
					.build()));
		cases.put("wrong nonce", (code, nonce) -> this.provider
			.sign(this.provider.claims(subject, "not-" + nonce).claim("email", email).build()));
		cases.put("no nonce", (code, nonce) -> this.provider
			.sign(this.provider.claims(subject, nonce).claim("email", email).claim("nonce", null).build()));
		cases.put("signed by another key with the provider's key id",
				(code, nonce) -> FakeOpenIdProvider.sign(
						this.provider.claims(subject, nonce).claim("email", email).build(),
						FakeOpenIdProvider.newKey(this.provider.key().getKeyID())));
		this.provider.server().resetRequests();
		cases.forEach((name, token) -> {
			HttpTestClient browser = new HttpTestClient(this.port);
			HttpResponse<String> response = signInWithToken(browser, token);
			assertThat(response.headers().firstValue("Location").orElseThrow()).as(name).endsWith("/login?sso-error");
			assertThat(browser.get("/api/users").statusCode()).as(name).isEqualTo(401);
			assertThat(browser.get("/login").body()).as(name).contains("could not be verified");
		});
		// every token above was fetched from the token endpoint (client id, secret and
		// PKCE verifier matched) and then refused by its checks
		assertThat(this.provider.server().findAllUnmatchedRequests()).isEmpty();
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM id_user_account_sso_link WHERE subject = ?",
				Integer.class, subject))
			.isZero();

		// the same person with a good token is let in: the refusals above were the
		// token's
		HttpTestClient browser = new HttpTestClient(this.port);
		signIn(browser, (sub, nonce) -> this.provider.claims(subject, nonce).claim("email", email).build());
		assertThat(browser.get("/api/users").statusCode()).isEqualTo(200);
	}

	@Test
	void aCallbackWithAStateThisBrowserWasNotGivenIsRefused() {
		String email = "stan-" + this.suffix + "@trust.nhs.uk";
		createAccount("sso-stan-" + this.suffix, email, "ADMIN", null);
		// the attacker's browser starts a sign-in; the victim's browser gets the callback
		HttpTestClient attacker = new HttpTestClient(this.port);
		Map<String, String> query = query(
				URI.create(attacker.get(START).headers().firstValue("Location").orElseThrow()));
		String code = "code-" + UUID.randomUUID();
		this.provider.answerCode(code, this.provider
			.sign(this.provider.claims("stan-" + this.suffix, query.get("nonce")).claim("email", email).build()));
		HttpTestClient victim = new HttpTestClient(this.port);
		victim.get("/login");
		HttpResponse<String> response = victim.get(
				CALLBACK + "?code=" + code + "&state=" + URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8));
		assertThat(response.headers().firstValue("Location").orElseThrow()).endsWith("/login?sso-error");
		assertThat(victim.get("/api/users").statusCode()).isEqualTo(401);
	}

	@Test
	void aLearnerWithALocalAccountSignsInAsThatLearner() {
		String email = "lena-" + this.suffix + "@trust.nhs.uk";
		HttpResponse<String> created = asAdmin("POST", "/api/users",
				"{\"username\":\"sso-lena-" + this.suffix + "\",\"displayName\":\"Lena\",\"email\":\"" + email
						+ "\",\"roles\":[\"LEARNER\"],\"learnerId\":" + this.learnerA.value() + "}");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		HttpTestClient browser = new HttpTestClient(this.port);
		signIn(browser,
				(sub, nonce) -> this.provider.claims("lena-" + this.suffix, nonce).claim("email", email).build());
		HttpResponse<String> own = browser.get("/my/capabilities");
		assertThat(own.statusCode()).isEqualTo(200);
		assertThat(browser.get("/api/learners").statusCode()).isEqualTo(403);
	}

	/**
	 * The whole flow as a browser and the provider would run it; answers the callback.
	 */
	private HttpResponse<String> signIn(HttpTestClient browser,
			BiFunction<String, String, JWTClaimsSet> claimsForSubjectAndNonce) {
		return signInWithToken(browser,
				(code, nonce) -> this.provider.sign(claimsForSubjectAndNonce.apply(code, nonce)));
	}

	private HttpResponse<String> signInWithToken(HttpTestClient browser, BiFunction<String, String, String> token) {
		HttpResponse<String> start = browser.get(START);
		assertThat(start.statusCode()).isEqualTo(302);
		Map<String, String> query = query(URI.create(start.headers().firstValue("Location").orElseThrow()));
		// the provider authenticates the person and sends the browser back with a code
		String code = "code-" + UUID.randomUUID();
		this.provider.answerCode(code, token.apply(code, query.get("nonce")));
		HttpResponse<String> callback = browser.get(
				CALLBACK + "?code=" + code + "&state=" + URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8));
		assertThat(callback.statusCode()).isEqualTo(302);
		return callback;
	}

	private String assertRefused(HttpTestClient browser, HttpResponse<String> callback, String message) {
		assertThat(callback.headers().firstValue("Location").orElseThrow()).endsWith("/login?sso-error");
		assertThat(browser.get("/api/users").statusCode()).isEqualTo(401);
		assertThat(browser.get("/api/learners").statusCode()).isEqualTo(401);
		String page = browser.get("/login?sso-error").body();
		assertThat(page).contains("You are not signed in").contains(message);
		return page;
	}

	private long createAccount(String username, String email, String role, String organisation) {
		String body = "{\"username\":\"" + username + "\",\"displayName\":\"" + username + "\",\"email\":\"" + email
				+ "\",\"roles\":[\"" + role + "\"]"
				+ ((organisation != null) ? ",\"organisations\":[\"" + organisation + "\"]" : "") + "}";
		HttpResponse<String> response = asAdmin("POST", "/api/users", body);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return json.readTree(response.body()).get("account").get("id").asLong();
	}

	private HttpResponse<String> asAdmin(String method, String path, String body) {
		return this.admin.send(this.admin.request(path)
			.header("Authorization", HttpTestClient.basic(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD))
			.header("Content-Type", "application/json")
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody()));
	}

	private static Map<String, String> query(URI location) {
		Map<String, String> values = new LinkedHashMap<>();
		for (String pair : location.getRawQuery().split("&")) {
			int equals = pair.indexOf('=');
			values.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
					URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
		}
		return values;
	}

}
