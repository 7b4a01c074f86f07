package org.attc.tracker.lti.internal.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import com.nimbusds.jose.jwk.RSAKey;
import org.attc.tracker.lti.TestPlatform;
import org.attc.tracker.lti.internal.LtiProperties;
import org.attc.tracker.lti.internal.platform.PlatformDetails;
import org.attc.tracker.lti.internal.platform.PlatformRegistration;
import org.attc.tracker.lti.internal.platform.PlatformRegistrations;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The platform key cache (Security Framework §6.3): refresh on an unknown kid, bounded
 * and rate-limited, on a clock the test moves, against a JWKS served over real HTTP.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class PlatformKeySetsTests {

	@Autowired
	PlatformRegistrations registrations;

	@Autowired
	LtiProperties properties;

	TestPlatform platform;

	PlatformRegistration registration;

	MovableClock clock = new MovableClock();

	PlatformKeySets keySets;

	static final class MovableClock extends Clock {

		Instant now = Instant.parse("2026-01-01T10:00:00Z");

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

	@BeforeEach
	void setUp() {
		this.platform = new TestPlatform();
		this.registration = this.registrations.register(
				new PlatformDetails("Keys", this.platform.issuer, this.platform.clientId, List.of("1"),
						this.platform.authUrl(), this.platform.tokenUrl(), this.platform.jwksUrl()),
				PlatformRegistration.Origin.ADMIN);
		LtiProperties thirtySeconds = new LtiProperties(null, "t", null, "x", Duration.ofDays(7), true,
				Duration.ofSeconds(30), Duration.ofMinutes(10), Duration.ofSeconds(30), Duration.ofHours(1),
				Duration.ofSeconds(5), Duration.ofSeconds(5), 1024 * 1024);
		this.keySets = new PlatformKeySets(new PlatformHttp(thirtySeconds), thirtySeconds, this.clock);
	}

	@AfterEach
	void tearDown() {
		this.platform.close();
	}

	int fetches() {
		return this.platform.server.findAll(getRequestedFor(urlPathEqualTo(this.platform.jwksPath))).size();
	}

	@Test
	void keysAreFetchedOnceAndServedFromTheCache() {
		RSAKey first = this.keySets.key(this.registration, this.platform.key.getKeyID());
		RSAKey again = this.keySets.key(this.registration, this.platform.key.getKeyID());
		assertThat(first.toPublicJWK()).isEqualTo(this.platform.key.toPublicJWK());
		assertThat(again).isEqualTo(first);
		assertThat(first.isPrivate()).isFalse();
		assertThat(fetches()).isEqualTo(1);
	}

	@Test
	void unknownKidsWithinTheRefreshIntervalFetchNothing() {
		this.keySets.key(this.registration, this.platform.key.getKeyID());
		for (int i = 0; i < 5; i++) {
			String kid = "forged-" + i;
			assertThatThrownBy(() -> this.keySets.key(this.registration, kid)).isInstanceOf(InvalidLaunch.class)
				.extracting((ex) -> ((InvalidLaunch) ex).reason())
				.isEqualTo(InvalidLaunch.Reason.UNKNOWN_KEY);
			this.clock.now = this.clock.now.plusSeconds(5);
		}
		assertThat(fetches()).isEqualTo(1);
	}

	@Test
	void anUnknownKidAfterTheIntervalRefreshesAndFindsARotatedKey() {
		this.keySets.key(this.registration, this.platform.key.getKeyID());
		RSAKey rotated = TestPlatform.newKey("rotated");
		this.platform.publish(rotated);
		this.clock.now = this.clock.now.plusSeconds(31);
		assertThat(this.keySets.key(this.registration, "rotated").toPublicJWK()).isEqualTo(rotated.toPublicJWK());
		assertThat(fetches()).isEqualTo(2);
	}

	@Test
	void theCacheExpiresAfterItsTimeToLive() {
		this.keySets.key(this.registration, this.platform.key.getKeyID());
		this.clock.now = this.clock.now.plus(Duration.ofHours(1)).plusSeconds(1);
		this.keySets.key(this.registration, this.platform.key.getKeyID());
		assertThat(fetches()).isEqualTo(2);
	}

	@Test
	void aRedirectIsNotFollowed() {
		this.platform.server.stubFor(get(urlPathEqualTo(this.platform.jwksPath))
			.willReturn(aResponse().withStatus(302).withHeader("Location", "https://elsewhere.example/jwks")));
		assertThatThrownBy(() -> this.keySets.key(this.registration, this.platform.key.getKeyID()))
			.isInstanceOf(InvalidLaunch.class)
			.hasMessageContaining("HTTP 302");
	}

	@Test
	void anOversizedKeySetIsRefused() {
		this.platform.server.stubFor(get(urlPathEqualTo(this.platform.jwksPath))
			.willReturn(aResponse().withStatus(200).withBody("{\"keys\":[" + "x".repeat(2 * 1024 * 1024) + "]}")));
		assertThatThrownBy(() -> this.keySets.key(this.registration, this.platform.key.getKeyID()))
			.isInstanceOf(InvalidLaunch.class)
			.hasMessageContaining("larger than");
	}

	@Test
	void anHmacKeyInTheSetIsNeverUsed() throws Exception {
		com.nimbusds.jose.jwk.OctetSequenceKey secret = new com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator(256)
			.keyID("hmac")
			.generate();
		this.platform.server.stubFor(get(urlPathEqualTo(this.platform.jwksPath))
			.willReturn(aResponse().withStatus(200).withBody("{\"keys\":[" + secret.toJSONString() + "]}")));
		assertThatThrownBy(() -> this.keySets.key(this.registration, "hmac")).isInstanceOf(InvalidLaunch.class)
			.extracting((ex) -> ((InvalidLaunch) ex).reason())
			.isEqualTo(InvalidLaunch.Reason.UNKNOWN_KEY);
	}

}
