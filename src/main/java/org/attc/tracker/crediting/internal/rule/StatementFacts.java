package org.attc.tracker.crediting.internal.rule;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

/**
 * What crediting reads from a statement, extracted once. Scores are turned into a
 * proportion of the possible range here, because producers disagree on {@code scaled}:
 * Moodle sends {@code 2p - 1} on [-1, 1], cmi5 and H5P send {@code p} on [0, 1].
 *
 * @param statementId the statement
 * @param actor the actor JSON (resolved to a learner by identity)
 * @param verb verb IRI
 * @param objectId the object's id (an activity IRI, or a statement id for a StatementRef)
 * @param objectIsActivity whether the object is an Activity
 * @param contextActivityIds ids of parent, grouping, category and other context
 * activities
 * @param groupingIds ids of grouping context activities (cmi5 course and AU publisher
 * ids)
 * @param registration context registration, if any
 * @param timestamp when it happened (the statement's timestamp)
 * @param success result.success, if given
 * @param completion result.completion, if given
 * @param scoreProportion the score as a proportion on [0, 1], if a score was given
 * @param cmi5 whether the statement carries the cmi5 category
 */
public record StatementFacts(UUID statementId, JsonNode actor, String verb, String objectId, boolean objectIsActivity,
		List<String> contextActivityIds, List<String> groupingIds, String registration, Instant timestamp,
		Boolean success, Boolean completion, Double scoreProportion, boolean cmi5) {

	static final String CMI5_CATEGORY = "https://w3id.org/xapi/cmi5/context/categories/cmi5";

	public static StatementFacts of(UUID statementId, JsonNode statement, Instant timestamp) {
		JsonNode object = statement.path("object");
		String objectType = object.path("objectType").asString("Activity");
		JsonNode context = statement.path("context");
		JsonNode contextActivities = context.path("contextActivities");
		List<String> all = new ArrayList<>();
		List<String> grouping = ids(contextActivities.path("grouping"));
		all.addAll(ids(contextActivities.path("parent")));
		all.addAll(grouping);
		List<String> category = ids(contextActivities.path("category"));
		all.addAll(category);
		all.addAll(ids(contextActivities.path("other")));
		JsonNode result = statement.path("result");
		return new StatementFacts(statementId, statement.path("actor"),
				statement.path("verb").path("id").asString(null), object.path("id").asString(null),
				"Activity".equals(objectType), List.copyOf(all), List.copyOf(grouping),
				context.path("registration").asString(null), timestamp, bool(result.path("success")),
				bool(result.path("completion")), scoreProportion(result.path("score")),
				category.contains(CMI5_CATEGORY));
	}

	/**
	 * The score as a proportion of its range: from raw, min and max when raw and max are
	 * given (min defaults to 0), else from scaled, clamped to [0, 1].
	 */
	static Double scoreProportion(JsonNode score) {
		if (!score.isObject()) {
			return null;
		}
		JsonNode raw = score.path("raw");
		JsonNode max = score.path("max");
		if (raw.isNumber() && max.isNumber()) {
			double min = score.path("min").isNumber() ? score.path("min").asDouble() : 0;
			double range = max.asDouble() - min;
			if (range > 0) {
				return clamp((raw.asDouble() - min) / range);
			}
		}
		JsonNode scaled = score.path("scaled");
		return scaled.isNumber() ? clamp(scaled.asDouble()) : null;
	}

	private static double clamp(double value) {
		return Math.max(0, Math.min(1, value));
	}

	private static Boolean bool(JsonNode node) {
		return node.isBoolean() ? node.asBoolean() : null;
	}

	private static List<String> ids(JsonNode activities) {
		List<String> ids = new ArrayList<>();
		if (activities.isArray()) {
			activities.forEach((a) -> addId(ids, a));
		}
		else if (activities.isObject()) {
			// xAPI 1.0.3 §2.4.6.2: a single activity object is allowed too
			addId(ids, activities);
		}
		return ids;
	}

	private static void addId(List<String> ids, JsonNode activity) {
		if (activity.path("id").isString()) {
			ids.add(activity.path("id").asString());
		}
	}

}
