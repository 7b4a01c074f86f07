package org.attc.tracker.notifications.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.attc.tracker.crediting.AttainmentStatus;
import org.attc.tracker.crediting.CapabilityAttainment;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which reminder horizon an expiry is inside. */
class DueRuleTests {

	static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

	static final List<Integer> HORIZONS = List.of(60, 30, 7);

	static CapabilityAttainment held(AttainmentStatus status, Duration untilExpiry) {
		return new CapabilityAttainment("urn:c", "D1.1", "Title", 2, 1, status, NOW.minus(Duration.ofDays(700)),
				NOW.plus(untilExpiry));
	}

	static Integer horizon(CapabilityAttainment a) {
		return DueRule.horizon(a, HORIZONS, 30, NOW);
	}

	@Test
	void theSmallestHorizonReachedCounts() {
		assertThat(horizon(held(AttainmentStatus.EXPIRING, Duration.ofDays(10)))).isEqualTo(30);
		assertThat(horizon(held(AttainmentStatus.EXPIRING, Duration.ofDays(45)))).isEqualTo(60);
		assertThat(horizon(held(AttainmentStatus.EXPIRING, Duration.ofDays(7)))).isEqualTo(7);
		assertThat(horizon(held(AttainmentStatus.EXPIRING, Duration.ofDays(3)))).isEqualTo(7);
	}

	@Test
	void nothingIsDueBeforeTheLargestHorizon() {
		assertThat(horizon(held(AttainmentStatus.ACHIEVED, Duration.ofDays(61)))).isNull();
		assertThat(horizon(held(AttainmentStatus.ACHIEVED, Duration.ofDays(60).plusSeconds(1)))).isNull();
	}

	@Test
	void justExpiredIsHorizonZeroAndOlderLapsesAreNotAnnounced() {
		assertThat(horizon(held(AttainmentStatus.EXPIRED, Duration.ofDays(-3)))).isZero();
		assertThat(horizon(held(AttainmentStatus.EXPIRED, Duration.ofDays(-31)))).isNull();
	}

	@Test
	void aTierBelowTheRequiredOneIsNotARenewal() {
		assertThat(horizon(held(AttainmentStatus.IN_PROGRESS, Duration.ofDays(10)))).isNull();
		assertThat(horizon(held(AttainmentStatus.NOT_STARTED, Duration.ofDays(10)))).isNull();
	}

}
