package org.attc.tracker.crediting;

import org.attc.tracker.shared.LearnerId;

/**
 * Evidence of a learner for a capability changed (credited, retracted, expired by a
 * recompute), so their attainment may have changed. Published after the change commits.
 */
public record AttainmentChanged(LearnerId learner, String capabilityIdentifier) {
}
