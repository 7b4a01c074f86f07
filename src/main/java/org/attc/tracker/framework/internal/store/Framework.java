package org.attc.tracker.framework.internal.store;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.attc.tracker.framework.internal.document.FrameworkDocument;

/**
 * A capability framework: one CASE document identifier, any number of versions, one of
 * them current.
 */
@Entity
@Table(name = "fw_framework")
public class Framework {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private String documentIdentifier;

	private String uri;

	private String title;

	private String publisher;

	private String licence;

	@Enumerated(EnumType.STRING)
	private FrameworkStatus status;

	private boolean illustrative;

	private Long currentVersionId;

	private Instant createdAt;

	private Instant updatedAt;

	@Version
	private long lockVersion;

	protected Framework() {
	}

	public static Framework of(FrameworkDocument document, Instant now) {
		Framework framework = new Framework();
		framework.documentIdentifier = document.identifier();
		framework.status = FrameworkStatus.DRAFT;
		framework.createdAt = now;
		framework.describe(document, now);
		return framework;
	}

	/** Makes a version the current one; the framework takes the version's metadata. */
	public void publish(FrameworkVersion version, FrameworkDocument document, Instant now) {
		if (!version.frameworkId().equals(this.id)) {
			throw new IllegalArgumentException("the version belongs to another framework");
		}
		describe(document, now);
		this.currentVersionId = version.id();
		this.status = FrameworkStatus.PUBLISHED;
	}

	/**
	 * Retires the framework: its capabilities leave the catalogue other modules read, its
	 * versions stay for the history of evidence. Publishing again brings it back.
	 */
	public void changeStatus(FrameworkStatus status, Instant now) {
		if (status == FrameworkStatus.DRAFT) {
			throw new IllegalArgumentException("a framework with versions cannot go back to draft");
		}
		if (this.currentVersionId == null) {
			throw new IllegalStateException("a framework without a version cannot be published or retired");
		}
		this.status = status;
		this.updatedAt = now;
	}

	private void describe(FrameworkDocument document, Instant now) {
		this.uri = document.uri();
		this.title = document.title();
		this.publisher = document.publisher();
		this.licence = document.licence();
		this.illustrative = document.illustrative();
		this.updatedAt = now;
	}

	public Long id() {
		return this.id;
	}

	public String documentIdentifier() {
		return this.documentIdentifier;
	}

	public String uri() {
		return this.uri;
	}

	public String title() {
		return this.title;
	}

	public String publisher() {
		return this.publisher;
	}

	public String licence() {
		return this.licence;
	}

	public FrameworkStatus status() {
		return this.status;
	}

	public boolean illustrative() {
		return this.illustrative;
	}

	public Long currentVersionId() {
		return this.currentVersionId;
	}

	public Instant updatedAt() {
		return this.updatedAt;
	}

}
