package org.attc.tracker.framework.internal.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A role profile of a framework: a job role and the tier it needs per capability, by
 * capability identifier so it outlives framework versions.
 */
@Entity
@Table(name = "fw_role_profile")
public class Profile {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private Long frameworkId;

	private String code;

	private String name;

	@Column(columnDefinition = "text")
	private String description;

	@ElementCollection(fetch = FetchType.EAGER)
	@CollectionTable(name = "fw_role_requirement", joinColumns = @JoinColumn(name = "role_profile_id"))
	private List<Requirement> requirements = new ArrayList<>();

	@Version
	private long lockVersion;

	protected Profile() {
	}

	public Profile(Long frameworkId, String code, String name, String description) {
		if (code == null || code.isBlank() || name == null || name.isBlank()) {
			throw new IllegalArgumentException("a role profile needs a code and a name");
		}
		this.frameworkId = frameworkId;
		this.code = code.strip();
		this.name = name.strip();
		this.description = (description == null || description.isBlank()) ? null : description.strip();
	}

	/** Replaces what the role needs. */
	public void require(List<Requirement> requirements) {
		this.requirements.clear();
		this.requirements.addAll(requirements);
	}

	public void rename(String name, String description) {
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException("a role profile needs a name");
		}
		this.name = name.strip();
		this.description = (description == null || description.isBlank()) ? null : description.strip();
	}

	/** Drops requirements of capabilities that are gone; returns what was dropped. */
	public List<Requirement> keepOnly(Set<String> capabilityIdentifiers) {
		List<Requirement> dropped = this.requirements.stream()
			.filter((r) -> !capabilityIdentifiers.contains(r.capabilityIdentifier()))
			.toList();
		this.requirements.removeAll(dropped);
		return dropped;
	}

	public Long id() {
		return this.id;
	}

	public Long frameworkId() {
		return this.frameworkId;
	}

	public String code() {
		return this.code;
	}

	public String name() {
		return this.name;
	}

	public String description() {
		return this.description;
	}

	public List<Requirement> requirements() {
		return List.copyOf(this.requirements);
	}

	/** The tier a role needs in one capability. */
	@Embeddable
	public record Requirement(String capabilityIdentifier, int tierRank, boolean mandatory) {

	}

}
