package org.attc.tracker.identity.internal.learner;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.persistence.CascadeType;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;
import org.attc.tracker.identity.LinkRule;
import org.attc.tracker.shared.LearnerId;

/**
 * A person who learns, with every identifier they have been seen with. A learner merged
 * into another keeps its row (so the merge can be reversed) and points at the survivor.
 */
@Entity
@Table(name = "id_learner")
class Learner {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "display_name", length = 255)
	private String displayName;

	@Column(length = 320)
	private String email;

	@Column(name = "merged_into_id")
	private Long mergedIntoId;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	/**
	 * Who chose the organisations (then no rule changes them), or null: the rules place.
	 */
	@Column(name = "organisations_chosen_by", length = 100)
	private String organisationsChosenBy;

	@Column(name = "organisations_chosen_at")
	private Instant organisationsChosenAt;

	@Column(name = "job_roles_chosen_by", length = 100)
	private String jobRolesChosenBy;

	@Column(name = "job_roles_chosen_at")
	private Instant jobRolesChosenAt;

	@OneToMany(mappedBy = "learner", cascade = CascadeType.ALL)
	private List<LearnerIdentifier> identifiers = new ArrayList<>();

	@ElementCollection
	@CollectionTable(name = "id_learner_organisation", joinColumns = @JoinColumn(name = "learner_id"))
	@Column(name = "organisation_id")
	private Set<Long> organisationIds = new LinkedHashSet<>();

	@ElementCollection
	@CollectionTable(name = "id_learner_job_role", joinColumns = @JoinColumn(name = "learner_id"))
	@Column(name = "role_code", length = 100)
	private Set<String> jobRoles = new LinkedHashSet<>();

	protected Learner() {
	}

	Learner(String displayName, String email) {
		this.displayName = trim(displayName, 255);
		this.email = trim(email, 320);
		this.createdAt = Instant.now();
	}

	LearnerId learnerId() {
		return new LearnerId(this.id);
	}

	Long id() {
		return this.id;
	}

	String displayName() {
		return this.displayName;
	}

	String email() {
		return this.email;
	}

	Long mergedIntoId() {
		return this.mergedIntoId;
	}

	Instant createdAt() {
		return this.createdAt;
	}

	List<LearnerIdentifier> identifiers() {
		return List.copyOf(this.identifiers);
	}

	Set<Long> organisationIds() {
		return Set.copyOf(this.organisationIds);
	}

	Set<String> jobRoles() {
		return Set.copyOf(this.jobRoles);
	}

	String organisationsChosenBy() {
		return this.organisationsChosenBy;
	}

	Instant organisationsChosenAt() {
		return this.organisationsChosenAt;
	}

	String jobRolesChosenBy() {
		return this.jobRolesChosenBy;
	}

	Instant jobRolesChosenAt() {
		return this.jobRolesChosenAt;
	}

	LearnerIdentifier link(IdentifierKey key, LinkRule rule, String note) {
		LearnerIdentifier identifier = new LearnerIdentifier(this, key, rule, note);
		this.identifiers.add(identifier);
		return identifier;
	}

	/** Fills in what a later sighting tells us, without overwriting what we know. */
	void learnAbout(String name, String email) {
		if (this.displayName == null && name != null && !name.isBlank()) {
			this.displayName = trim(name, 255);
		}
		if (this.email == null && email != null && !email.isBlank()) {
			this.email = trim(email, 320);
		}
	}

	/** Moves every identifier of {@code other} here; returns the ids of those moved. */
	List<Long> absorb(Learner other, String note) {
		if (other == this || other.id.equals(this.id)) {
			throw new IllegalArgumentException("a learner cannot be merged with itself");
		}
		if (other.mergedIntoId != null || this.mergedIntoId != null) {
			throw new IllegalStateException("a learner that was merged away cannot take part in another merge");
		}
		List<Long> moved = new ArrayList<>();
		for (LearnerIdentifier identifier : List.copyOf(other.identifiers)) {
			identifier.moveTo(this, LinkRule.MANUAL_MERGE, note);
			other.identifiers.remove(identifier);
			this.identifiers.add(identifier);
			moved.add(identifier.id());
		}
		this.organisationIds.addAll(other.organisationIds);
		this.jobRoles.addAll(other.jobRoles);
		// what a coordinator chose for either record stays chosen
		if (this.organisationsChosenBy == null && other.organisationsChosenBy != null) {
			this.organisationsChosenBy = other.organisationsChosenBy;
			this.organisationsChosenAt = other.organisationsChosenAt;
		}
		if (this.jobRolesChosenBy == null && other.jobRolesChosenBy != null) {
			this.jobRolesChosenBy = other.jobRolesChosenBy;
			this.jobRolesChosenAt = other.jobRolesChosenAt;
		}
		learnAbout(other.displayName, other.email);
		other.mergedIntoId = this.id;
		return moved;
	}

	/**
	 * Gives the identifiers with the given ids back to {@code restored}, reversing a
	 * merge.
	 */
	void release(Learner restored, Set<Long> identifierIds, String note) {
		for (LearnerIdentifier identifier : List.copyOf(this.identifiers)) {
			if (identifierIds.contains(identifier.id())) {
				identifier.moveTo(restored, LinkRule.MANUAL_MERGE, note);
				this.identifiers.remove(identifier);
				restored.identifiers.add(identifier);
			}
		}
		restored.mergedIntoId = null;
	}

	/**
	 * A coordinator's choice: from now on no rule changes the learner's organisations.
	 */
	void assignOrganisations(Set<Long> organisationIds, String chosenBy) {
		this.organisationIds.clear();
		this.organisationIds.addAll(organisationIds);
		this.organisationsChosenBy = trim(chosenBy, 100);
		this.organisationsChosenAt = Instant.now();
	}

	/** Gives the learner's organisations back to the rules (placed again afterwards). */
	void releaseOrganisations() {
		this.organisationsChosenBy = null;
		this.organisationsChosenAt = null;
	}

	/** A coordinator's choice: from now on no rule changes the learner's job roles. */
	void assignJobRoles(Set<String> roles, String chosenBy) {
		this.jobRoles.clear();
		this.jobRoles.addAll(roles);
		this.jobRolesChosenBy = trim(chosenBy, 100);
		this.jobRolesChosenAt = Instant.now();
	}

	/** Blank is absent; longer than the column is cut. */
	static String trim(String value, int max) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String trimmed = value.strip();
		return (trimmed.length() > max) ? trimmed.substring(0, max) : trimmed;
	}

}
