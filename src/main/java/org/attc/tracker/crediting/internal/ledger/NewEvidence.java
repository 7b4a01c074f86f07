package org.attc.tracker.crediting.internal.ledger;

import java.time.Instant;
import java.util.UUID;

import org.attc.tracker.crediting.internal.attainment.EvidenceKind;

/**
 * A row to append to the ledger.
 *
 * @param baseKey what this is evidence of (e.g. statement and mapping); while a row with
 * the same key is current, appending again is a no-op
 */
public record NewEvidence(long learnerId, String capabilityIdentifier, int tierRank, EvidenceKind kind, Integer points,
		Integer threshold, Long mappingId, UUID statementId, String activityId, String registration, String verb,
		Double score, String recordedBy, String reason, Instant achievedAt, Instant expiresAt, String baseKey) {

	public NewEvidence {
		if (kind == EvidenceKind.RETRACTION) {
			throw new IllegalArgumentException("retractions are made by EvidenceLedger.retract");
		}
		reason = (reason.length() > 2000) ? reason.substring(0, 2000) : reason;
		activityId = (activityId != null && activityId.length() > 2000) ? activityId.substring(0, 2000) : activityId;
	}

}
