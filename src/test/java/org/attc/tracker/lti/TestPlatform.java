package org.attc.tracker.lti;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * A fake LMS platform for tests: its own RSA key (made here, never stored), its JWKS
 * served by WireMock over real HTTP, and id_tokens it signs with any claims a test wants.
 */
public final class TestPlatform implements AutoCloseable {

	public static final String LTI = "https://purl.imsglobal.org/spec/lti/claim/";

	public static final String INSTRUCTOR = "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor";

	public static final String LEARNER = "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner";

	public final WireMockServer server;

	public final String issuer;

	public final String clientId;

	public final String deploymentId = "deployment-1";

	public final String jwksPath;

	public RSAKey key;

	private final List<RSAKey> published = new ArrayList<>();

	public TestPlatform() {
		this.server = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
		this.server.start();
		String id = UUID.randomUUID().toString().substring(0, 8);
		this.issuer = "https://moodle-" + id + ".example.ac.uk";
		this.clientId = "client-" + id;
		this.jwksPath = "/mod/lti/certs.php";
		this.key = newKey("platform-key-" + id);
		publish(this.key);
	}

	public static RSAKey newKey(String kid) {
		try {
			return new RSAKeyGenerator(2048).keyID(kid).generate();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Adds a key to the published JWKS (and keeps the earlier ones). */
	public void publish(RSAKey key) {
		this.published.add(key);
		this.server.stubFor(get(urlPathEqualTo(this.jwksPath)).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody(new JWKSet(new ArrayList<>(this.published)).toPublicJWKSet().toString())));
	}

	public String baseUrl() {
		return "http://127.0.0.1:" + this.server.port();
	}

	public String jwksUrl() {
		return baseUrl() + this.jwksPath;
	}

	public String authUrl() {
		return this.issuer + "/mod/lti/auth.php";
	}

	public String tokenUrl() {
		return baseUrl() + "/mod/lti/token.php";
	}

	public Map<String, Object> registrationJson() {
		return Map.of("name", "Test Moodle", "issuer", this.issuer, "clientId", this.clientId, "deploymentIds",
				List.of(this.deploymentId), "authUrl", authUrl(), "tokenUrl", tokenUrl(), "jwksUrl", jwksUrl());
	}

	/** The claims of a valid Moodle-like resource link launch for a learner. */
	public JWTClaimsSet.Builder launchClaims(String nonce) {
		Instant now = Instant.now();
		return new JWTClaimsSet.Builder().issuer(this.issuer)
			.audience(this.clientId)
			.subject("42")
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(60)))
			.claim("nonce", nonce)
			.claim("name", "Ada Learner")
			.claim("email", "ada@example.nhs.uk")
			.claim(LTI + "message_type", "LtiResourceLinkRequest")
			.claim(LTI + "version", "1.3.0")
			.claim(LTI + "deployment_id", this.deploymentId)
			.claim(LTI + "target_link_uri", "https://tool.example/lti/launch")
			.claim(LTI + "resource_link", Map.of("id", "link-7", "title", "Cell therapy basics"))
			.claim(LTI + "roles", List.of(LEARNER))
			.claim(LTI + "context", Map.of("id", "course-3", "title", "ATMP induction", "label", "ATMP101", "type",
					List.of("CourseSection")));
	}

	public String sign(JWTClaimsSet claims) {
		return sign(claims, this.key);
	}

	public static String sign(JWTClaimsSet claims, RSAKey key) {
		try {
			SignedJWT jwt = new SignedJWT(
					new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
					claims);
			jwt.sign(new RSASSASigner(key));
			return jwt.serialize();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	public String signedLaunch(String nonce, Consumer<JWTClaimsSet.Builder> change) {
		JWTClaimsSet.Builder claims = launchClaims(nonce);
		change.accept(claims);
		return sign(claims.build());
	}

	@Override
	public void close() {
		this.server.stop();
	}

}
