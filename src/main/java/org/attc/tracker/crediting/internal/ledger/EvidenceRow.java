package org.attc.tracker.crediting.internal.ledger;

import java.time.Instant;
import java.util.UUID;

import org.attc.tracker.crediting.internal.attainment.EvidenceItem;
import org.attc.tracker.crediting.internal.attainment.EvidenceKind;

/**
 * A row of the evidence ledger as read back. Built with {@link #builder()}, which names
 * every value, so two instants (or two ids) cannot be swapped unnoticed.
 */
public record EvidenceRow(long id, long learnerId, String capabilityIdentifier, int tierRank, EvidenceKind kind,
		Integer points, Integer threshold, Long mappingId, UUID statementId, String activityId, String registration,
		String verb, Double score, String recordedBy, String reason, Instant achievedAt, Instant expiresAt,
		Instant recordedAt, Long retractsId, String baseKey, boolean retracted) {

	public EvidenceItem item() {
		return new EvidenceItem(this.kind, this.tierRank, this.mappingId, this.points, this.threshold, this.achievedAt,
				this.expiresAt);
	}

	public static Builder builder() {
		return new Builder();
	}

	/** Names each value of a row; {@link #build()} checks the required ones. */
	public static final class Builder {

		private long id;

		private long learnerId;

		private String capabilityIdentifier;

		private int tierRank;

		private EvidenceKind kind;

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

		private Instant recordedAt;

		private Long retractsId;

		private String baseKey;

		private boolean retracted;

		private Builder() {
		}

		public Builder id(long id) {
			this.id = id;
			return this;
		}

		public Builder learnerId(long learnerId) {
			this.learnerId = learnerId;
			return this;
		}

		public Builder capability(String identifier, int tierRank) {
			this.capabilityIdentifier = identifier;
			this.tierRank = tierRank;
			return this;
		}

		public Builder kind(EvidenceKind kind) {
			this.kind = kind;
			return this;
		}

		/** Points towards a threshold (POINTS rows only). */
		public Builder points(Integer points, Integer threshold) {
			this.points = points;
			this.threshold = threshold;
			return this;
		}

		public Builder mappingId(Long mappingId) {
			this.mappingId = mappingId;
			return this;
		}

		public Builder statementId(UUID statementId) {
			this.statementId = statementId;
			return this;
		}

		public Builder activityId(String activityId) {
			this.activityId = activityId;
			return this;
		}

		public Builder registration(String registration) {
			this.registration = registration;
			return this;
		}

		public Builder verb(String verb) {
			this.verb = verb;
			return this;
		}

		public Builder score(Double score) {
			this.score = score;
			return this;
		}

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

		public Builder recordedAt(Instant recordedAt) {
			this.recordedAt = recordedAt;
			return this;
		}

		public Builder retractsId(Long retractsId) {
			this.retractsId = retractsId;
			return this;
		}

		public Builder baseKey(String baseKey) {
			this.baseKey = baseKey;
			return this;
		}

		public Builder retracted(boolean retracted) {
			this.retracted = retracted;
			return this;
		}

		public EvidenceRow build() {
			if (this.capabilityIdentifier == null || this.kind == null || this.achievedAt == null
					|| this.baseKey == null) {
				throw new IllegalStateException("capability, kind, achievedAt and baseKey are required");
			}
			return new EvidenceRow(this.id, this.learnerId, this.capabilityIdentifier, this.tierRank, this.kind,
					this.points, this.threshold, this.mappingId, this.statementId, this.activityId, this.registration,
					this.verb, this.score, this.recordedBy, this.reason, this.achievedAt, this.expiresAt,
					this.recordedAt, this.retractsId, this.baseKey, this.retracted);
		}

	}

}
