package org.attc.tracker.crediting;

import java.time.Instant;

/**
 * A learner's standing on one capability.
 *
 * @param capabilityIdentifier the capability's stable identifier
 * @param capabilityCode its human code (e.g. D3.2), when the framework has it
 * @param capabilityTitle its short title, when known
 * @param tier highest tier held now; null when none
 * @param requiredTier tier the learner's role profiles require; null when none does
 * @param status where the learner stands
 * @param achievedAt when the held tier was achieved
 * @param expiresAt when it stops counting; null for never
 */
public record CapabilityAttainment(String capabilityIdentifier, String capabilityCode, String capabilityTitle,
		Integer tier, Integer requiredTier, AttainmentStatus status, Instant achievedAt, Instant expiresAt) {
}
