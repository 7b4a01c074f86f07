package org.attc.tracker.framework.internal.document;

import java.util.Arrays;
import java.util.Optional;

/**
 * CASE 1.0 association types (CFAssociation.associationType, CASE 1.0 Information Model
 * §4.2 "AssociationTypeEnum"). The model names child-of, related-to, exact-match,
 * replaced-by and precedes; the others are kept so a CASE file round-trips.
 */
public enum RelationType {

	CHILD_OF("isChildOf"), RELATED_TO("isRelatedTo"), EXACT_MATCH("exactMatchOf"), REPLACED_BY("replacedBy"),
	PRECEDES("precedes"), PEER_OF("isPeerOf"), PART_OF("isPartOf"), EXEMPLAR("exemplar"),
	HAS_SKILL_LEVEL("hasSkillLevel");

	private final String caseName;

	RelationType(String caseName) {
		this.caseName = caseName;
	}

	public String caseName() {
		return this.caseName;
	}

	public static Optional<RelationType> fromCaseName(String name) {
		return Arrays.stream(values()).filter((t) -> t.caseName.equals(name)).findFirst();
	}

}
