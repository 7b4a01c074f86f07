package org.attc.tracker.crediting;

import java.time.Instant;

/**
 * What a learner's evidence for one capability amounts to at a moment, before any role
 * profile's requirement is applied: one period of crediting's stored standing
 * ({@code cred_standing}), which a reader turns into a {@link CapabilityAttainment} with
 * its requirement.
 * <p>
 * The answer holds until {@code changesAt}: the first moment after it was computed at
 * which a piece of the capability's evidence stops being valid. Between the two, the held
 * tier and its dates are the same and only the "expiring" status moves with the clock,
 * which {@link Attainments#status(CapabilityStanding, Integer, Instant)} works out from
 * {@code expiresAt}.
 *
 * @param learnerId the learner the evidence belongs to in the ledger
 * @param capabilityIdentifier the capability
 * @param tier highest tier held; null when none
 * @param status with no requirement: ACHIEVED or EXPIRING when a tier is held, otherwise
 * IN_PROGRESS or EXPIRED
 * @param achievedAt when the held tier was achieved
 * @param expiresAt when the held tier stops counting; null for never
 * @param changesAt when the evidence next changes validity; null when nothing valid
 * expires
 * @param firstEvidenceId the lowest ledger row id among the capability's current
 * evidence, so capabilities can be listed in the order they were first evidenced
 */
public record CapabilityStanding(long learnerId, String capabilityIdentifier, Integer tier, AttainmentStatus status,
		Instant achievedAt, Instant expiresAt, Instant changesAt, long firstEvidenceId) {
}
