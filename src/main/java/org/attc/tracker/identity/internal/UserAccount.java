package org.attc.tracker.identity.internal;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import org.attc.tracker.identity.AppRole;

/**
 * A local account that signs in with a username and password (staff, and learners who do
 * not arrive through an LMS). The password is only ever held as a hash.
 */
@Entity
@Table(name = "id_user_account")
class UserAccount {

	private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{3,100}");

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(nullable = false, unique = true, length = 100)
	private String username;

	@Column(name = "password_hash", nullable = false)
	private String passwordHash;

	@Column(name = "display_name", nullable = false)
	private String displayName;

	@ElementCollection(fetch = FetchType.EAGER)
	@CollectionTable(name = "id_user_account_role", joinColumns = @JoinColumn(name = "account_id"))
	@Column(name = "role", nullable = false, length = 30)
	@Enumerated(EnumType.STRING)
	private Set<AppRole> roles = EnumSet.noneOf(AppRole.class);

	@ElementCollection(fetch = FetchType.EAGER)
	@CollectionTable(name = "id_user_account_organisation", joinColumns = @JoinColumn(name = "account_id"))
	@Column(name = "organisation_id", nullable = false)
	private Set<Long> organisationIds = new java.util.LinkedHashSet<>();

	@Column(nullable = false)
	private boolean enabled;

	/** The learner this account signs in as, for learners with a local account. */
	@Column(name = "learner_id")
	private Long learnerId;

	@Column(length = 320)
	private String email;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Column(name = "updated_at")
	private Instant updatedAt;

	protected UserAccount() {
	}

	UserAccount(String username, String passwordHash, String displayName, Set<AppRole> roles) {
		if (username == null || !USERNAME.matcher(username).matches()) {
			throw new IllegalArgumentException("username must be 3-100 letters, digits or . _ @ -, was: " + username);
		}
		if (roles == null || roles.isEmpty()) {
			throw new IllegalArgumentException("an account needs at least one role");
		}
		this.username = username;
		this.passwordHash = passwordHash;
		this.displayName = (displayName == null || displayName.isBlank()) ? username : displayName;
		this.roles = EnumSet.copyOf(roles);
		this.enabled = true;
		this.createdAt = Instant.now();
	}

	Long id() {
		return this.id;
	}

	String username() {
		return this.username;
	}

	String passwordHash() {
		return this.passwordHash;
	}

	String displayName() {
		return this.displayName;
	}

	Set<AppRole> roles() {
		return Set.copyOf(this.roles);
	}

	Set<Long> organisationIds() {
		return Set.copyOf(this.organisationIds);
	}

	void assignOrganisations(Set<Long> organisationIds) {
		this.organisationIds.clear();
		this.organisationIds.addAll(organisationIds);
	}

	Long learnerId() {
		return this.learnerId;
	}

	boolean enabled() {
		return this.enabled;
	}

	void changePassword(String newHash) {
		this.passwordHash = newHash;
		this.updatedAt = Instant.now();
	}

	String email() {
		return this.email;
	}

	Instant createdAt() {
		return this.createdAt;
	}

	Instant updatedAt() {
		return this.updatedAt;
	}

	/**
	 * Sets what an administrator edits: name, e-mail, roles, scope and the learner the
	 * account belongs to. The values were checked by {@link StaffAccountRequest}.
	 */
	void describe(String displayName, String email, Set<AppRole> roles, Set<Long> organisationIds, Long learnerId) {
		if (roles == null || roles.isEmpty()) {
			throw new IllegalArgumentException("roles: an account needs at least one role");
		}
		this.displayName = displayName;
		this.email = email;
		this.roles.clear();
		this.roles.addAll(roles);
		assignOrganisations(organisationIds);
		this.learnerId = learnerId;
		this.updatedAt = Instant.now();
	}

	void disable() {
		this.enabled = false;
		this.updatedAt = Instant.now();
	}

	void enable() {
		this.enabled = true;
		this.updatedAt = Instant.now();
	}

}
