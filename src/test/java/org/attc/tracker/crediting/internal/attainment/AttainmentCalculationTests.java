package org.attc.tracker.crediting.internal.attainment;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.attc.tracker.crediting.AttainmentStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AttainmentCalculationTests {

	private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

	private final AttainmentCalculation calculation = new AttainmentCalculation(Duration.ofDays(90));

	private static EvidenceItem credit(int tier, String achieved, String expires) {
		return new EvidenceItem(EvidenceKind.CREDIT, tier, 1L, null, null, Instant.parse(achieved),
				(expires != null) ? Instant.parse(expires) : null);
	}

	private static EvidenceItem points(long mapping, int points, int threshold, String expires) {
		return new EvidenceItem(EvidenceKind.POINTS, 2, mapping, points, threshold,
				Instant.parse("2026-06-01T00:00:00Z"), (expires != null) ? Instant.parse(expires) : null);
	}

	@Test
	void withNoEvidenceACapabilityIsNotStarted() {
		assertThat(this.calculation.attainment(List.of(), 2, NOW).status()).isEqualTo(AttainmentStatus.NOT_STARTED);
	}

	@Test
	void aFailedAttemptIsInProgress() {
		EvidenceItem attempt = new EvidenceItem(EvidenceKind.ATTEMPT, 1, 1L, null, null, NOW, null);
		assertThat(this.calculation.attainment(List.of(attempt), null, NOW).status())
			.isEqualTo(AttainmentStatus.IN_PROGRESS);
	}

	@Test
	void theHighestValidTierIsHeld() {
		Attainment attainment = this.calculation.attainment(List.of(credit(1, "2026-01-01T00:00:00Z", null),
				credit(3, "2026-05-01T00:00:00Z", "2028-05-01T00:00:00Z")), 2, NOW);
		assertThat(attainment.tierRank()).isEqualTo(3);
		assertThat(attainment.status()).isEqualTo(AttainmentStatus.ACHIEVED);
		assertThat(attainment.expiresAt()).isEqualTo(Instant.parse("2028-05-01T00:00:00Z"));
	}

	@Test
	void aTierBelowTheRequiredOneIsInProgress() {
		Attainment attainment = this.calculation.attainment(List.of(credit(1, "2026-01-01T00:00:00Z", null)), 2, NOW);
		assertThat(attainment.tierRank()).isEqualTo(1);
		assertThat(attainment.status()).isEqualTo(AttainmentStatus.IN_PROGRESS);
	}

	@Test
	void evidenceRunningOutWithinTheWindowIsExpiring() {
		Attainment attainment = this.calculation
			.attainment(List.of(credit(2, "2024-01-10T00:00:00Z", "2027-01-10T00:00:00Z")), 2, NOW);
		assertThat(attainment.status()).isEqualTo(AttainmentStatus.EXPIRING);
	}

	@Test
	void expiredEvidenceStopsCountingAndALowerTierRemains() {
		Attainment attainment = this.calculation.attainment(List.of(credit(1, "2025-01-01T00:00:00Z", null),
				credit(3, "2023-01-01T00:00:00Z", "2025-01-01T00:00:00Z")), null, NOW);
		assertThat(attainment.tierRank()).isEqualTo(1);
		assertThat(attainment.status()).isEqualTo(AttainmentStatus.ACHIEVED);
	}

	@Test
	void whenAllEvidenceHasExpiredTheCapabilityIsExpired() {
		Attainment attainment = this.calculation
			.attainment(List.of(credit(2, "2023-01-01T00:00:00Z", "2025-01-01T00:00:00Z")), 2, NOW);
		assertThat(attainment.tierRank()).isNull();
		assertThat(attainment.status()).isEqualTo(AttainmentStatus.EXPIRED);
	}

	@Test
	void pointsFromSeveralActivitiesCreditOnceTheyReachTheThreshold() {
		assertThat(this.calculation.attainment(List.of(points(1, 2, 5, null), points(2, 2, 5, null)), 2, NOW).status())
			.isEqualTo(AttainmentStatus.IN_PROGRESS);
		Attainment reached = this.calculation.attainment(
				List.of(points(1, 2, 5, null), points(2, 2, 5, null), points(3, 1, 5, "2027-12-01T00:00:00Z")), 2, NOW);
		assertThat(reached.tierRank()).isEqualTo(2);
		assertThat(reached.status()).isEqualTo(AttainmentStatus.ACHIEVED);
		assertThat(reached.expiresAt()).isEqualTo(Instant.parse("2027-12-01T00:00:00Z"));
	}

	@Test
	void theSameMappingCountsItsPointsOnce() {
		Attainment attainment = this.calculation.attainment(List.of(points(1, 3, 5, null), points(1, 3, 5, null)), 2,
				NOW);
		assertThat(attainment.tierRank()).isNull();
	}

}
