package org.attc.tracker.crediting.internal.mapping;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.attc.tracker.crediting.internal.rule.ActivityMatch;
import org.attc.tracker.crediting.internal.rule.CreditRule;
import org.attc.tracker.crediting.internal.rule.MoveOn;

/**
 * Says which capability (and tier) an activity credits, and on what rule. Deleting keeps
 * the row (soft delete) so evidence can always name the mapping that produced it.
 */
@Entity
@Table(name = "cred_mapping")
public class ActivityMapping {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "capability_identifier", nullable = false)
	private String capabilityIdentifier;

	@Column(name = "capability_code")
	private String capabilityCode;

	@Column(name = "tier_rank", nullable = false)
	private int tierRank;

	@Enumerated(EnumType.STRING)
	@Column(name = "match_kind", nullable = false)
	private ActivityMatch.Kind matchKind;

	@Column(name = "match_value", nullable = false)
	private String matchValue;

	@Column(name = "activity_id")
	private String activityId;

	@Column(name = "platform_issuer")
	private String platformIssuer;

	@Column(name = "context_id")
	private String contextId;

	@Column(name = "resource_link_id")
	private String resourceLinkId;

	@Column(name = "cmi5_course_id")
	private String cmi5CourseId;

	@Column(nullable = false, columnDefinition = "TEXT")
	private String verbs;

	@Column(name = "require_success", nullable = false)
	private boolean requireSuccess;

	@Column(name = "min_score")
	private Double minScore;

	@Enumerated(EnumType.STRING)
	@Column(name = "move_on")
	private MoveOn moveOn;

	private Integer points;

	private Integer threshold;

	@Column(name = "validity_months")
	private Integer validityMonths;

	@Column(name = "created_by", nullable = false)
	private String createdBy;

	/**
	 * The organisation (code) whose coordinators own the mapping and whose learners alone
	 * it credits; {@code null} for a national or a course mapping.
	 */
	@Column(name = "owner_organisation")
	private String ownerOrganisation;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Column(name = "updated_at", nullable = false)
	private Instant updatedAt;

	@Column(name = "deleted_by")
	private String deletedBy;

	@Column(name = "deleted_at")
	private Instant deletedAt;

	@Version
	private int version;

	protected ActivityMapping() {
	}

	public ActivityMapping(MappingDefinition definition, String createdBy) {
		this(definition, createdBy, null);
	}

	public ActivityMapping(MappingDefinition definition, String createdBy, String ownerOrganisation) {
		this.ownerOrganisation = ownerOrganisation;
		this.createdBy = createdBy;
		this.createdAt = Instant.now();
		apply(definition);
	}

	public void apply(MappingDefinition definition) {
		this.capabilityIdentifier = definition.capabilityIdentifier();
		this.capabilityCode = definition.capabilityCode();
		this.tierRank = definition.tierRank();
		this.matchKind = definition.match().kind();
		this.matchValue = definition.match().value();
		this.activityId = definition.activityId();
		this.platformIssuer = definition.platformIssuer();
		this.contextId = definition.contextId();
		this.resourceLinkId = definition.resourceLinkId();
		this.cmi5CourseId = definition.cmi5CourseId();
		this.verbs = String.join(" ", definition.verbs());
		this.requireSuccess = definition.requireSuccess();
		this.minScore = definition.minScore();
		this.moveOn = definition.moveOn();
		this.points = definition.points();
		this.threshold = definition.threshold();
		this.validityMonths = definition.validityMonths();
		this.updatedAt = Instant.now();
	}

	public void delete(String by) {
		if (this.deletedAt != null) {
			throw new IllegalStateException("mapping " + this.id + " is already deleted");
		}
		this.deletedBy = by;
		this.deletedAt = Instant.now();
		this.updatedAt = this.deletedAt;
	}

	public Long id() {
		return this.id;
	}

	public boolean deleted() {
		return this.deletedAt != null;
	}

	/** Who deleted it; {@code null} while it is not deleted. */
	public String deletedBy() {
		return this.deletedBy;
	}

	public String capabilityIdentifier() {
		return this.capabilityIdentifier;
	}

	public int tierRank() {
		return this.tierRank;
	}

	public Integer points() {
		return this.points;
	}

	public Integer threshold() {
		return this.threshold;
	}

	public Integer validityMonths() {
		return this.validityMonths;
	}

	public CreditRule rule() {
		return new CreditRule(new ActivityMatch(this.matchKind, this.matchValue), verbSet(), this.requireSuccess,
				this.minScore, this.moveOn);
	}

	public MappingDefinition definition() {
		return new MappingDefinition(this.capabilityIdentifier, this.capabilityCode, this.tierRank,
				new ActivityMatch(this.matchKind, this.matchValue), this.activityId, this.platformIssuer,
				this.contextId, this.resourceLinkId, this.cmi5CourseId, verbSet(), this.requireSuccess, this.minScore,
				this.moveOn, this.points, this.threshold, this.validityMonths);
	}

	/** The owning organisation's code; {@code null} for a national or course mapping. */
	public String ownerOrganisation() {
		return this.ownerOrganisation;
	}

	public String createdBy() {
		return this.createdBy;
	}

	public Instant createdAt() {
		return this.createdAt;
	}

	public Instant updatedAt() {
		return this.updatedAt;
	}

	private Set<String> verbSet() {
		return this.verbs.isBlank() ? Set.of()
				: Arrays.stream(this.verbs.split(" ")).collect(Collectors.toCollection(LinkedHashSet::new));
	}

}
