package org.attc.tracker.framework.internal.store;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;

/** One imported version of a framework; never changed after import. */
@Entity
@Table(name = "fw_framework_version")
public class FrameworkVersion {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private Long frameworkId;

	private int number;

	private String versionLabel;

	private String sourceFormat;

	private Instant importedAt;

	private String importedBy;

	private int itemCount;

	private int capabilityCount;

	@Lob
	@Column(columnDefinition = "longtext")
	private String content;

	@Lob
	@Column(columnDefinition = "longtext")
	private String diff;

	protected FrameworkVersion() {
	}

	public FrameworkVersion(Long frameworkId, int number, String versionLabel, String sourceFormat, Instant importedAt,
			String importedBy, int itemCount, int capabilityCount, String content, String diff) {
		this.frameworkId = frameworkId;
		this.number = number;
		this.versionLabel = versionLabel;
		this.sourceFormat = sourceFormat;
		this.importedAt = importedAt;
		this.importedBy = importedBy;
		this.itemCount = itemCount;
		this.capabilityCount = capabilityCount;
		this.content = content;
		this.diff = diff;
	}

	public Long id() {
		return this.id;
	}

	public Long frameworkId() {
		return this.frameworkId;
	}

	public int number() {
		return this.number;
	}

	public String versionLabel() {
		return this.versionLabel;
	}

	public String sourceFormat() {
		return this.sourceFormat;
	}

	public Instant importedAt() {
		return this.importedAt;
	}

	public String importedBy() {
		return this.importedBy;
	}

	public int itemCount() {
		return this.itemCount;
	}

	public int capabilityCount() {
		return this.capabilityCount;
	}

	public String content() {
		return this.content;
	}

	public String diff() {
		return this.diff;
	}

}
