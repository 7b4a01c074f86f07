package org.attc.tracker.identity.internal.learner;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.attc.tracker.identity.LinkRule;

/** One identifier of a learner, with the rule that linked it and when. */
@Entity
@Table(name = "id_learner_identifier")
class LearnerIdentifier {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@ManyToOne(fetch = FetchType.LAZY, optional = false)
	@JoinColumn(name = "learner_id")
	private Learner learner;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false, length = 20)
	private IdentifierKind kind;

	@Column(name = "key_text", nullable = false, columnDefinition = "TEXT")
	private String keyText;

	@Column(name = "key_hash", nullable = false, columnDefinition = "BINARY(32)")
	private byte[] keyHash;

	@Column(nullable = false, length = 1000)
	private String label;

	@Enumerated(EnumType.STRING)
	@Column(name = "link_rule", nullable = false, length = 30)
	private LinkRule linkRule;

	@Column(name = "link_note", length = 1000)
	private String linkNote;

	@Column(name = "linked_at", nullable = false)
	private Instant linkedAt;

	protected LearnerIdentifier() {
	}

	LearnerIdentifier(Learner learner, IdentifierKey key, LinkRule rule, String note) {
		this.learner = learner;
		this.kind = key.kind();
		this.keyText = key.text();
		this.keyHash = key.hash();
		this.label = label(key);
		this.linkRule = rule;
		this.linkNote = note;
		this.linkedAt = Instant.now();
	}

	/** The key's label as the column holds it. */
	static String label(IdentifierKey key) {
		return (key.label().length() > 1000) ? key.label().substring(0, 1000) : key.label();
	}

	Long id() {
		return this.id;
	}

	Learner learner() {
		return this.learner;
	}

	IdentifierKind kind() {
		return this.kind;
	}

	String keyText() {
		return this.keyText;
	}

	String label() {
		return this.label;
	}

	LinkRule linkRule() {
		return this.linkRule;
	}

	String linkNote() {
		return this.linkNote;
	}

	Instant linkedAt() {
		return this.linkedAt;
	}

	void moveTo(Learner other, LinkRule rule, String note) {
		this.learner = other;
		this.linkRule = rule;
		this.linkNote = note;
		this.linkedAt = Instant.now();
	}

}
