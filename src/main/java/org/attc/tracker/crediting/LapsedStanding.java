package org.attc.tracker.crediting;

import java.time.Instant;

/**
 * A capability a learner held and no longer holds: what an expired list shows beside the
 * status, since an expired standing itself holds no tier and no expiry date.
 *
 * @param learnerId the learner (ledger id)
 * @param capabilityIdentifier the capability
 * @param tier the tier that ran out last (the highest, when several ran out together);
 * null when unknown
 * @param expiredAt when it ran out
 */
public record LapsedStanding(long learnerId, String capabilityIdentifier, Integer tier, Instant expiredAt) {
}
