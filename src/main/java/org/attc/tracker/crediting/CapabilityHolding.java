package org.attc.tracker.crediting;

import java.time.Instant;

/**
 * One period in which a piece of current evidence (a credit or an assessor's sign-off)
 * held a capability at a tier: from when the learner achieved it until it expires. What
 * attainment over time is drawn from. Points towards a threshold are left out: they hold
 * a tier only together.
 *
 * @param learnerId the learner the evidence belongs to in the ledger
 * @param capabilityIdentifier the capability
 * @param tier the tier it is evidence for
 * @param achievedAt when the learner did it
 * @param expiresAt when it stops counting; null for never
 */
public record CapabilityHolding(long learnerId, String capabilityIdentifier, int tier, Instant achievedAt,
		Instant expiresAt) {
}
