package org.attc.tracker.identity.internal.learner;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;

/** The audit record of a merge, and what is needed to reverse it. */
@Entity
@Table(name = "id_learner_merge")
class LearnerMerge {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "survivor_id", nullable = false)
	private Long survivorId;

	@Column(name = "absorbed_id", nullable = false)
	private Long absorbedId;

	@Column(name = "merged_by", nullable = false, length = 100)
	private String mergedBy;

	@Column(name = "merged_at", nullable = false)
	private Instant mergedAt;

	@Column(length = 1000)
	private String reason;

	@Column(name = "split_by", length = 100)
	private String splitBy;

	@Column(name = "split_at")
	private Instant splitAt;

	@ElementCollection(fetch = FetchType.EAGER)
	@CollectionTable(name = "id_learner_merge_identifier", joinColumns = @JoinColumn(name = "merge_id"))
	@Column(name = "identifier_id")
	private Set<Long> movedIdentifierIds = new LinkedHashSet<>();

	protected LearnerMerge() {
	}

	LearnerMerge(Long survivorId, Long absorbedId, String mergedBy, String reason, List<Long> moved) {
		this.survivorId = survivorId;
		this.absorbedId = absorbedId;
		this.mergedBy = mergedBy;
		this.reason = reason;
		this.mergedAt = Instant.now();
		this.movedIdentifierIds.addAll(moved);
	}

	Long id() {
		return this.id;
	}

	Long survivorId() {
		return this.survivorId;
	}

	Long absorbedId() {
		return this.absorbedId;
	}

	String mergedBy() {
		return this.mergedBy;
	}

	Instant mergedAt() {
		return this.mergedAt;
	}

	String reason() {
		return this.reason;
	}

	String splitBy() {
		return this.splitBy;
	}

	Instant splitAt() {
		return this.splitAt;
	}

	Set<Long> movedIdentifierIds() {
		return Set.copyOf(this.movedIdentifierIds);
	}

	boolean isSplit() {
		return this.splitAt != null;
	}

	void split(String by) {
		if (isSplit()) {
			throw new IllegalStateException("merge " + this.id + " was already reversed");
		}
		this.splitBy = by;
		this.splitAt = Instant.now();
	}

}
