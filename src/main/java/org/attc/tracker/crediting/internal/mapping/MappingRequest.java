package org.attc.tracker.crediting.internal.mapping;

import java.util.List;

/**
 * A mapping as the API takes it (JSON). Exactly one way to name the activity:
 * {@code activityId} (with {@code match} exact or prefix), {@code platformIssuer} with
 * {@code contextId} (an LMS course), or {@code cmi5CourseId}.
 */
public record MappingRequest(String activityId, String match, String platformIssuer, String contextId,
		String resourceLinkId, String cmi5CourseId, String capability, String tier, List<String> verbs,
		Boolean requireSuccess, Double minScaledScore, String moveOn, Integer points, Integer threshold,
		Integer validityMonths) {
}
