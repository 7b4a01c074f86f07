package org.attc.tracker.crediting.internal.standing;

/**
 * A learner (ledger id) and a capability whose evidence changed, so whose standing must
 * be written again.
 *
 * @param learnerId the learner the evidence belongs to in the ledger
 * @param capabilityIdentifier the capability
 */
public record StandingKey(long learnerId, String capabilityIdentifier) {
}
