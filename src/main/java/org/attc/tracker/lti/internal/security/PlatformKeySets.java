package org.attc.tracker.lti.internal.security;

import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import org.attc.tracker.lti.internal.LtiProperties;
import org.attc.tracker.lti.internal.platform.PlatformRegistration;
import org.attc.tracker.lti.internal.platform.PlatformsChanged;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The platforms' public keys, fetched from each registration's JWKS URL and cached
 * (Security Framework §6.3: keys are looked up by {@code kid}). An unknown {@code kid}
 * triggers a refresh (the platform may have rotated), at most once per
 * {@code app.lti.jwks-refresh-interval} per platform, so a stream of forged tokens with
 * made-up key ids cannot turn the tool into a request amplifier.
 */
@Component
public class PlatformKeySets {

	private static final int MAX_KEYS = 50;

	private final PlatformHttp http;

	private final LtiProperties properties;

	private final Map<Long, Cached> cache = new ConcurrentHashMap<>();

	private final Clock clock;

	@Autowired
	PlatformKeySets(PlatformHttp http, LtiProperties properties) {
		this(http, properties, Clock.systemUTC());
	}

	PlatformKeySets(PlatformHttp http, LtiProperties properties, Clock clock) {
		this.http = http;
		this.properties = properties;
		this.clock = clock;
	}

	private record Cached(String jwksUrl, JWKSet keys, Instant fetchedAt) {
	}

	/**
	 * The platform's RSA key with this id.
	 * @throws InvalidLaunch UNKNOWN_KEY or PLATFORM_UNREACHABLE
	 */
	public RSAKey key(PlatformRegistration platform, String kid) {
		Instant now = this.clock.instant();
		Cached cached = this.cache.get(platform.id());
		boolean usable = cached != null && cached.jwksUrl().equals(platform.jwksUrl())
				&& cached.fetchedAt().plus(this.properties.jwksCacheTtl()).isAfter(now);
		if (usable) {
			RSAKey key = find(cached.keys(), kid);
			if (key != null) {
				return key;
			}
			if (cached.fetchedAt().plus(this.properties.jwksRefreshInterval()).isAfter(now)) {
				throw new InvalidLaunch(InvalidLaunch.Reason.UNKNOWN_KEY,
						"No key with kid '" + kid + "' in the key set of " + platform.issuer()
								+ " (fetched moments ago; refreshes are rate-limited). Check the platform's JWKS URL: "
								+ platform.jwksUrl());
			}
		}
		Cached fresh = fetch(platform, now);
		RSAKey key = find(fresh.keys(), kid);
		if (key == null) {
			throw new InvalidLaunch(InvalidLaunch.Reason.UNKNOWN_KEY, "No key with kid '" + kid + "' in the key set at "
					+ platform.jwksUrl() + ". Check the platform's JWKS URL in the registration.");
		}
		return key;
	}

	/** Drops a platform's cached keys (its registration changed or was removed). */
	@EventListener
	public void forget(PlatformsChanged changed) {
		this.cache.remove(changed.platformId());
	}

	private synchronized Cached fetch(PlatformRegistration platform, Instant now) {
		Cached current = this.cache.get(platform.id());
		// another thread refreshed while this one waited: rate limit holds for it too
		if (current != null && current.jwksUrl().equals(platform.jwksUrl())
				&& current.fetchedAt().plus(this.properties.jwksRefreshInterval()).isAfter(now)) {
			return current;
		}
		PlatformHttp.Answer answer;
		try {
			answer = this.http.get(platform.jwksUrl(), Map.of("Accept", "application/json"));
		}
		catch (PlatformHttp.PlatformUnreachable ex) {
			throw new InvalidLaunch(InvalidLaunch.Reason.PLATFORM_UNREACHABLE, ex.getMessage());
		}
		if (!answer.ok()) {
			throw new InvalidLaunch(InvalidLaunch.Reason.PLATFORM_UNREACHABLE,
					"The platform's JWKS URL " + platform.jwksUrl() + " answered HTTP " + answer.status());
		}
		JWKSet keys;
		try {
			keys = JWKSet.parse(answer.body());
		}
		catch (ParseException ex) {
			throw new InvalidLaunch(InvalidLaunch.Reason.PLATFORM_UNREACHABLE,
					"The platform's JWKS URL " + platform.jwksUrl() + " did not answer a JWK Set");
		}
		if (keys.getKeys().size() > MAX_KEYS) {
			throw new InvalidLaunch(InvalidLaunch.Reason.PLATFORM_UNREACHABLE,
					"The platform's key set has more than " + MAX_KEYS + " keys");
		}
		Cached fresh = new Cached(platform.jwksUrl(), keys.toPublicJWKSet(), now);
		this.cache.put(platform.id(), fresh);
		return fresh;
	}

	private static RSAKey find(JWKSet keys, String kid) {
		JWK key = keys.getKeyByKeyId(kid);
		return (key instanceof RSAKey rsa) ? rsa : null;
	}

}
