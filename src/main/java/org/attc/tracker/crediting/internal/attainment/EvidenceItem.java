package org.attc.tracker.crediting.internal.attainment;

import java.time.Instant;

/**
 * One current (not retracted) piece of evidence as the attainment calculation needs it.
 *
 * @param kind CREDIT, POINTS, SIGN_OFF or ATTEMPT
 * @param tierRank the tier it is evidence for
 * @param mappingId the mapping that produced it (null for a sign-off)
 * @param points points towards a threshold (POINTS only)
 * @param threshold the threshold of the mapping (POINTS only)
 * @param achievedAt when the learner did it
 * @param expiresAt when it stops counting; null for never
 */
public record EvidenceItem(EvidenceKind kind, int tierRank, Long mappingId, Integer points, Integer threshold,
		Instant achievedAt, Instant expiresAt) {

	boolean validAt(Instant now) {
		return this.expiresAt == null || this.expiresAt.isAfter(now);
	}

	boolean credits() {
		return this.kind == EvidenceKind.CREDIT || this.kind == EvidenceKind.SIGN_OFF;
	}

}
