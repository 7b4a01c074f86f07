package org.attc.tracker.crediting.internal.mapping;

import java.util.Set;

import org.attc.tracker.crediting.internal.rule.ActivityMatch;
import org.attc.tracker.crediting.internal.rule.MoveOn;

/** What a mapping says, checked: the values of a valid mapping. */
public record MappingDefinition(String capabilityIdentifier, String capabilityCode, int tierRank, ActivityMatch match,
		String activityId, String platformIssuer, String contextId, String resourceLinkId, String cmi5CourseId,
		Set<String> verbs, boolean requireSuccess, Double minScore, MoveOn moveOn, Integer points, Integer threshold,
		Integer validityMonths) {
}
