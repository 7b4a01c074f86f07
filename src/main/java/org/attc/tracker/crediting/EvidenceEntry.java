package org.attc.tracker.crediting;

import java.time.Instant;

/**
 * One current (not retracted) row of a learner's evidence, as other modules may show it.
 *
 * @param id ledger row id
 * @param capabilityIdentifier the capability it counts towards
 * @param kind credit, points, sign_off or attempt
 * @param tier tier rank it evidences
 * @param activityId the activity the statement was about; null for a sign-off
 * @param verb the statement's verb IRI; null for a sign-off
 * @param score scaled score, when the statement had one
 * @param source where it came from: {@code statement <id>} or {@code sign-off by <name>}
 * @param achievedAt when it was achieved
 * @param expiresAt when it stops counting; null for never
 */
public record EvidenceEntry(long id, String capabilityIdentifier, String kind, int tier, String activityId, String verb,
		Double score, String source, Instant achievedAt, Instant expiresAt) {
}
