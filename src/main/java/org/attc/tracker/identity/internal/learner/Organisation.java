package org.attc.tracker.identity.internal.learner;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.attc.tracker.identity.OrganisationKind;

/** An NHS trust, or a site within one. */
@Entity
@Table(name = "id_organisation")
class Organisation {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(nullable = false, unique = true, length = 50)
	private String code;

	@Column(nullable = false, length = 255)
	private String name;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false, length = 10)
	private OrganisationKind kind;

	@Column(name = "parent_id")
	private Long parentId;

	protected Organisation() {
	}

	Organisation(String code, String name, OrganisationKind kind, Organisation parent) {
		if (code == null || !code.matches("[A-Za-z0-9._-]{1,50}")) {
			throw new IllegalArgumentException("code must be 1-50 letters, digits or . _ -");
		}
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException("name is required");
		}
		if (kind == OrganisationKind.SITE && (parent == null || parent.kind != OrganisationKind.TRUST)) {
			throw new IllegalArgumentException("a site belongs to a trust: parent must be a trust's code");
		}
		if (kind == OrganisationKind.TRUST && parent != null) {
			throw new IllegalArgumentException("a trust has no parent");
		}
		this.code = code;
		this.name = name.strip();
		this.kind = kind;
		this.parentId = (parent != null) ? parent.id : null;
	}

	Long id() {
		return this.id;
	}

	String code() {
		return this.code;
	}

	String name() {
		return this.name;
	}

	OrganisationKind kind() {
		return this.kind;
	}

	Long parentId() {
		return this.parentId;
	}

}
