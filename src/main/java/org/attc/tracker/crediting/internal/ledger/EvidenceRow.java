package org.attc.tracker.crediting.internal.ledger;

import java.time.Instant;
import java.util.UUID;

import org.attc.tracker.crediting.internal.attainment.EvidenceItem;
import org.attc.tracker.crediting.internal.attainment.EvidenceKind;

/** A row of the evidence ledger as read back. */
public record EvidenceRow(long id, long learnerId, String capabilityIdentifier, int tierRank, EvidenceKind kind,
		Integer points, Integer threshold, Long mappingId, UUID statementId, String activityId, String registration,
		String verb, Double score, String recordedBy, String reason, Instant achievedAt, Instant expiresAt,
		Instant recordedAt, Long retractsId, String baseKey, boolean retracted) {

	public EvidenceItem item() {
		return new EvidenceItem(this.kind, this.tierRank, this.mappingId, this.points, this.threshold, this.achievedAt,
				this.expiresAt);
	}

}
