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

	@Test
	void withNothingThatExpiresTheEvidenceHasOnePeriodWithoutEnds() {
		List<AttainmentCalculation.Period> periods = this.calculation
			.periods(List.of(credit(2, "2026-01-01T00:00:00Z", null)));
		assertThat(periods).hasSize(1);
		assertThat(periods.get(0).from()).isNull();
		assertThat(periods.get(0).until()).isNull();
		assertThat(periods.get(0).tier()).isEqualTo(2);
		assertThat(periods.get(0).status()).isEqualTo(AttainmentStatus.ACHIEVED);
	}

	@Test
	void aLowerTierTakesOverWhenTheHigherOneExpiresAndExpiredFollowsTheLast() {
		List<AttainmentCalculation.Period> periods = this.calculation
			.periods(List.of(credit(3, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z"),
					credit(2, "2025-01-01T00:00:00Z", "2028-01-01T00:00:00Z")));
		assertThat(periods).extracting(AttainmentCalculation.Period::tier).containsExactly(3, 2, null);
		assertThat(periods).extracting(AttainmentCalculation.Period::status)
			.containsExactly(AttainmentStatus.ACHIEVED, AttainmentStatus.ACHIEVED, AttainmentStatus.EXPIRED);
		assertThat(periods.get(0).until()).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
		assertThat(periods.get(1).from()).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
		assertThat(periods.get(1).expiresAt()).isEqualTo(Instant.parse("2028-01-01T00:00:00Z"));
		assertThat(periods.get(2).from()).isEqualTo(Instant.parse("2028-01-01T00:00:00Z"));
		assertThat(periods.get(2).until()).isNull();
	}

	@Test
	void periodsGiveTheCalculationsAnswerAtEveryMomentForEveryRequirement() {
		EvidenceItem attempt = new EvidenceItem(EvidenceKind.ATTEMPT, 1, 2L, null, null,
				Instant.parse("2026-02-01T00:00:00Z"), null);
		List<EvidenceItem> evidence = List.of(credit(3, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z"),
				credit(2, "2025-01-01T00:00:00Z", "2028-01-01T00:00:00Z"),
				credit(2, "2025-06-01T00:00:00Z", "2027-06-01T00:00:00Z"), points(7, 5, 10, "2027-03-01T00:00:00Z"),
				points(8, 5, 10, null), points(9, 5, 10, "2029-01-01T00:00:00Z"), attempt);
		List<AttainmentCalculation.Period> periods = this.calculation.periods(evidence);
		for (Instant at = Instant.parse("2026-12-01T00:00:00Z"); at
			.isBefore(Instant.parse("2030-01-01T00:00:00Z")); at = at.plus(Duration.ofDays(5))) {
			Instant moment = at;
			AttainmentCalculation.Period period = periods.stream()
				.filter((p) -> (p.from() == null || !p.from().isAfter(moment))
						&& (p.until() == null || p.until().isAfter(moment)))
				.findFirst()
				.orElseThrow();
			for (Integer required : new Integer[] { null, 2, 3 }) {
				Attainment expected = this.calculation.attainment(evidence, required, moment);
				assertThat(period.tier()).as("tier at %s", moment).isEqualTo(expected.tierRank());
				assertThat(period.achievedAt()).as("achieved at %s", moment).isEqualTo(expected.achievedAt());
				assertThat(period.expiresAt()).as("expires at %s", moment).isEqualTo(expected.expiresAt());
				assertThat(
						this.calculation.status(period.tier(), period.status(), required, period.expiresAt(), moment))
					.as("status at %s for tier %s", moment, required)
					.isEqualTo(expected.status());
			}
		}
	}

	@Test
	void anExpiryAtTheSameMomentAsAnotherMakesOnePeriodBoundary() {
		List<AttainmentCalculation.Period> periods = this.calculation
			.periods(List.of(credit(2, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z"),
					credit(1, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z")));
		assertThat(periods).extracting(AttainmentCalculation.Period::tier).containsExactly(2, null);
	}

}
