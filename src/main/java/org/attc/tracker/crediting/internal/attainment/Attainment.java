package org.attc.tracker.crediting.internal.attainment;

import java.time.Instant;

import org.attc.tracker.crediting.AttainmentStatus;

/**
 * A learner's standing on one capability, derived from evidence.
 *
 * @param tierRank highest tier currently held; null when none
 * @param requiredTierRank tier the learner's role profiles require; null when none does
 * @param status where they stand
 * @param achievedAt when the held tier was achieved
 * @param expiresAt when the held tier stops counting; null for never
 */
public record Attainment(Integer tierRank, Integer requiredTierRank, AttainmentStatus status, Instant achievedAt,
		Instant expiresAt) {
}
