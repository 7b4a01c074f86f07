package org.attc.tracker.identity;

import org.attc.tracker.shared.LearnerId;

/**
 * A coordinator merged {@code absorbed} into {@code survivor}: statements of either now
 * belong to the survivor, whose attainment must be recomputed.
 */
public record LearnersMerged(long mergeId, LearnerId survivor, LearnerId absorbed) {
}
