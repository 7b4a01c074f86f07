package org.attc.tracker.lti.internal.services;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.attc.tracker.lti.internal.keys.ToolKeys;
import org.attc.tracker.lti.internal.platform.PlatformRegistration;
import org.attc.tracker.lti.internal.security.LoginStates;
import org.attc.tracker.lti.internal.security.PlatformHttp;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Access tokens for the platform's services: the OAuth 2 client credentials grant with a
 * JWT client assertion signed by the tool key (Security Framework §4.1, RFC 7523), cached
 * per platform and scope set until shortly before they expire.
 */
@Component
public class PlatformTokens {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final PlatformHttp http;

	private final ToolKeys keys;

	private final Clock clock = Clock.systemUTC();

	private final Map<String, Token> cache = new ConcurrentHashMap<>();

	PlatformTokens(PlatformHttp http, ToolKeys keys) {
		this.http = http;
		this.keys = keys;
	}

	private record Token(String value, Instant expiresAt) {
	}

	/**
	 * A bearer token for these scopes.
	 * @throws ServiceCallFailed when the platform refuses or cannot be reached
	 */
	public String accessToken(PlatformRegistration platform, Set<String> scopes) {
		Set<String> sorted = new TreeSet<>(scopes);
		String key = platform.id() + " " + String.join(" ", sorted);
		Instant now = this.clock.instant();
		Token cached = this.cache.get(key);
		if (cached != null && cached.expiresAt().isAfter(now)) {
			return cached.value();
		}
		String body = "grant_type=client_credentials"
				+ "&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer"
				+ "&client_assertion=" + assertion(platform, now) + "&scope="
				+ URLEncoder.encode(String.join(" ", sorted), StandardCharsets.UTF_8);
		PlatformHttp.Answer answer;
		try {
			// Moodle needs exactly this content type, without a charset
			answer = this.http.post(platform.tokenUrl(), "application/x-www-form-urlencoded", body,
					Map.of("Accept", "application/json"));
		}
		catch (PlatformHttp.PlatformUnreachable ex) {
			throw new ServiceCallFailed(0, ex.getMessage());
		}
		if (!answer.ok()) {
			throw new ServiceCallFailed(answer.status(), "The platform's token endpoint " + platform.tokenUrl()
					+ " answered HTTP " + answer.status() + ": " + ServiceCallFailed.abbreviate(answer.body()));
		}
		JsonNode token = json.readTree(answer.body());
		String value = token.path("access_token").asString(null);
		if (value == null || value.isBlank()) {
			throw new ServiceCallFailed(answer.status(), "The platform's token answer has no access_token.");
		}
		long expiresIn = token.path("expires_in").asLong(3600);
		// renew a little early so a token never expires on the way
		this.cache.put(key, new Token(value, now.plusSeconds(Math.max(0, expiresIn - 30))));
		return value;
	}

	/** Drops the platform's cached tokens (the platform refused one). */
	public void forget(PlatformRegistration platform) {
		this.cache.keySet().removeIf((key) -> key.startsWith(platform.id() + " "));
	}

	/** RFC 7523 §3: iss and sub are the client id, aud the token endpoint. */
	private String assertion(PlatformRegistration platform, Instant now) {
		RSAKey key = this.keys.signingKey();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(platform.clientId())
			.subject(platform.clientId())
			.audience(platform.tokenUrl())
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(300)))
			.jwtID(LoginStates.randomToken())
			.build();
		SignedJWT jwt = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
				claims);
		try {
			jwt.sign(new RSASSASigner(key));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Could not sign the client assertion", ex);
		}
		return jwt.serialize();
	}

}
