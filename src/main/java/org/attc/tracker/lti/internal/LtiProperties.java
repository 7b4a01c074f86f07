package org.attc.tracker.lti.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the LTI tool ({@code app.lti.*}).
 *
 * @param baseUrl public base URL of the tool as platforms see it (e.g.
 * {@code https://tracker.example.nhs.uk}); when empty, taken from each request (with the
 * proxy's forwarded headers)
 * @param toolName name shown to platforms
 * @param keyEncryptionKey base64 of 32 random bytes that encrypt the tool's private keys
 * at rest; set it from the environment ({@code APP_LTI_KEY_ENCRYPTION_KEY})
 * @param keyEncryptionKeyFile where a generated key is kept when none is configured
 * (outside the database and outside the application's resources)
 * @param keyGracePeriod how long a retired tool key stays published after rotation
 * @param allowInsecurePlatformUrls accept {@code http:} platform URLs (tests and local
 * trials only)
 * @param clockSkew tolerance for {@code exp} and {@code iat}
 * @param loginStateTtl how long a login's state and nonce stay usable
 * @param jwksRefreshInterval the least time between two fetches of one platform's JWKS
 * @param jwksCacheTtl how long a fetched platform JWKS is used before it is fetched again
 * @param connectTimeout outbound connect timeout
 * @param readTimeout outbound request timeout
 * @param maxResponseBytes largest outbound response body read
 */
@ConfigurationProperties("app.lti")
public record LtiProperties(String baseUrl, @DefaultValue("ATTC Capability Tracker") String toolName,
		String keyEncryptionKey, @DefaultValue("./data/lti-key-encryption.key") String keyEncryptionKeyFile,
		@DefaultValue("7d") Duration keyGracePeriod, @DefaultValue("false") boolean allowInsecurePlatformUrls,
		@DefaultValue("30s") Duration clockSkew, @DefaultValue("10m") Duration loginStateTtl,
		@DefaultValue("30s") Duration jwksRefreshInterval, @DefaultValue("1h") Duration jwksCacheTtl,
		@DefaultValue("5s") Duration connectTimeout, @DefaultValue("10s") Duration readTimeout,
		@DefaultValue("1048576") int maxResponseBytes) {

	public LtiProperties {
		if (baseUrl != null && !baseUrl.isBlank() && !baseUrl.matches("https?://[^\\s?#]+")) {
			throw new IllegalArgumentException(
					"app.lti.base-url: empty, or an http(s) address without query or fragment, was " + baseUrl);
		}
		if (toolName == null || toolName.isBlank()) {
			throw new IllegalArgumentException("app.lti.tool-name: must not be blank");
		}
		if (keyEncryptionKeyFile == null || keyEncryptionKeyFile.isBlank()) {
			throw new IllegalArgumentException("app.lti.key-encryption-key-file: must not be blank");
		}
		notNegative("app.lti.key-grace-period", keyGracePeriod);
		notNegative("app.lti.clock-skew", clockSkew);
		positive("app.lti.login-state-ttl", loginStateTtl);
		positive("app.lti.jwks-refresh-interval", jwksRefreshInterval);
		positive("app.lti.jwks-cache-ttl", jwksCacheTtl);
		positive("app.lti.connect-timeout", connectTimeout);
		positive("app.lti.read-timeout", readTimeout);
		if (maxResponseBytes < 1024) {
			throw new IllegalArgumentException("app.lti.max-response-bytes: at least 1024, was " + maxResponseBytes);
		}
	}

	private static void positive(String property, Duration value) {
		if (value.isZero() || value.isNegative()) {
			throw new IllegalArgumentException(property + ": positive, was " + value);
		}
	}

	private static void notNegative(String property, Duration value) {
		if (value.isNegative()) {
			throw new IllegalArgumentException(property + ": zero or positive, was " + value);
		}
	}

}
