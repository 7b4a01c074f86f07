package org.attc.tracker.crediting.internal.ledger;

import java.time.Instant;
import java.util.UUID;

import org.attc.tracker.crediting.internal.attainment.EvidenceKind;

/**
 * A row to append to the ledger. Build it with {@link #of}, naming what is given: most
 * components are optional and several share a type, so positional construction invites
 * swapped arguments.
 *
 * @param baseKey what this is evidence of (e.g. statement and mapping); while a row with
 * the same key is current, appending again is a no-op
 */
public record NewEvidence(long learnerId, String capabilityIdentifier, int tierRank, EvidenceKind kind, Integer points,
		Integer threshold, Long mappingId, UUID statementId, String activityId, String registration, String verb,
		Double score, String recordedBy, String reason, Instant achievedAt, Instant expiresAt, String baseKey) {

	public NewEvidence {
		if (kind == null || kind == EvidenceKind.RETRACTION) {
			throw new IllegalArgumentException("a kind other than RETRACTION (made by EvidenceLedger.retract)");
		}
		if (capabilityIdentifier == null || reason == null || achievedAt == null || baseKey == null) {
			throw new IllegalArgumentException("evidence needs a capability, a reason, a time and a base key");
		}
		reason = (reason.length() > 2000) ? reason.substring(0, 2000) : reason;
		activityId = (activityId != null && activityId.length() > 2000) ? activityId.substring(0, 2000) : activityId;
	}

	/**
	 * Evidence of a learner for a capability at a tier; the rest is named on the builder.
	 */
	public static Builder of(long learnerId, String capabilityIdentifier, int tierRank, EvidenceKind kind) {
		return new Builder(learnerId, capabilityIdentifier, tierRank, kind);
	}

	/** The same evidence for another learner (a merge or split moved the statement). */
	public static NewEvidence copyOf(EvidenceRow row, long learnerId) {
		return of(learnerId, row.capabilityIdentifier(), row.tierRank(), row.kind())
			.points(row.points(), row.threshold())
			.mapping(row.mappingId())
			.statement(row.statementId(), row.activityId(), row.registration(), row.verb(), row.score())
			.recordedBy(row.recordedBy())
			.reason(row.reason())
			.achievedAt(row.achievedAt())
			.expiresAt(row.expiresAt())
			.baseKey(row.baseKey())
			.build();
	}

	/** Names the optional parts of a {@link NewEvidence}. */
	public static final class Builder {

		private final long learnerId;

		private final String capabilityIdentifier;

		private final int tierRank;

		private final EvidenceKind kind;

		private Integer points;

		private Integer threshold;

		private Long mappingId;

		private UUID statementId;

		private String activityId;

		private String registration;

		private String verb;

		private Double score;

		private String recordedBy;

		private String reason;

		private Instant achievedAt;

		private Instant expiresAt;

		private String baseKey;

		private Builder(long learnerId, String capabilityIdentifier, int tierRank, EvidenceKind kind) {
			this.learnerId = learnerId;
			this.capabilityIdentifier = capabilityIdentifier;
			this.tierRank = tierRank;
			this.kind = kind;
		}

		/** Points this evidence gives towards the threshold that attains the tier. */
		public Builder points(Integer points, Integer threshold) {
			this.points = points;
			this.threshold = threshold;
			return this;
		}

		public Builder mapping(Long mappingId) {
			this.mappingId = mappingId;
			return this;
		}

		/** The statement this is evidence from, with what was read from it. */
		public Builder statement(UUID statementId, String activityId, String registration, String verb, Double score) {
			this.statementId = statementId;
			this.activityId = activityId;
			this.registration = registration;
			this.verb = verb;
			this.score = score;
			return this;
		}

		/** The person who recorded it (an assessor's sign-off); none for a statement. */
		public Builder recordedBy(String recordedBy) {
			this.recordedBy = recordedBy;
			return this;
		}

		public Builder reason(String reason) {
			this.reason = reason;
			return this;
		}

		public Builder achievedAt(Instant achievedAt) {
			this.achievedAt = achievedAt;
			return this;
		}

		public Builder expiresAt(Instant expiresAt) {
			this.expiresAt = expiresAt;
			return this;
		}

		public Builder baseKey(String baseKey) {
			this.baseKey = baseKey;
			return this;
		}

		public NewEvidence build() {
			return new NewEvidence(this.learnerId, this.capabilityIdentifier, this.tierRank, this.kind, this.points,
					this.threshold, this.mappingId, this.statementId, this.activityId, this.registration, this.verb,
					this.score, this.recordedBy, this.reason, this.achievedAt, this.expiresAt, this.baseKey);
		}

	}

}
