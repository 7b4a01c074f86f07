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

	/** The same evidence for another learner (a merge or split moved the statement). */
	public static NewEvidence copyOf(EvidenceRow row, long learnerId) {
		return new NewEvidence(learnerId, row.capabilityIdentifier(), row.tierRank(), row.kind(), row.points(),
				row.threshold(), row.mappingId(), row.statementId(), row.activityId(), row.registration(), row.verb(),
				row.score(), row.recordedBy(), row.reason(), row.achievedAt(), row.expiresAt(), row.baseKey());
	}

	public NewEvidence {
		if (kind == EvidenceKind.RETRACTION) {
			throw new IllegalArgumentException("retractions are made by EvidenceLedger.retract");
		}
		reason = (reason.length() > 2000) ? reason.substring(0, 2000) : reason;
		activityId = (activityId != null && activityId.length() > 2000) ? activityId.substring(0, 2000) : activityId;
	}

}
