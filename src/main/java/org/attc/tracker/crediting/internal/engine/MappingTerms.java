package org.attc.tracker.crediting.internal.engine;

import org.attc.tracker.crediting.internal.attainment.EvidenceKind;
import org.attc.tracker.crediting.internal.mapping.ActivityMapping;
import org.attc.tracker.crediting.internal.rule.CreditRule;

/**
 * What the crediting decisions need of a mapping, as values: which capability and tier it
 * credits, how (points or plain credit), for how long, and by which rule.
 *
 * @param validityMonths how long a credit counts; null for no expiry
 */
record MappingTerms(long id, String capabilityIdentifier, int tierRank, Integer points, Integer threshold,
		Integer validityMonths, CreditRule rule) {

	static MappingTerms of(ActivityMapping mapping) {
		return new MappingTerms(mapping.id(), mapping.capabilityIdentifier(), mapping.tierRank(), mapping.points(),
				mapping.threshold(), mapping.validityMonths(), mapping.rule());
	}

	/** A mapping with points gives points towards a threshold; others credit outright. */
	EvidenceKind creditKind() {
		return (this.points != null) ? EvidenceKind.POINTS : EvidenceKind.CREDIT;
	}

}
