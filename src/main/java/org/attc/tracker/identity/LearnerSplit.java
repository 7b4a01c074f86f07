package org.attc.tracker.identity;

import org.attc.tracker.shared.LearnerId;

/**
 * A merge was reversed: the identifiers that came with {@code restored} went back to it,
 * and the attainment of both must be recomputed.
 */
public record LearnerSplit(long mergeId, LearnerId survivor, LearnerId restored) {
}
