package org.attc.tracker.xapi.internal.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.attc.tracker.xapi.internal.XapiJson;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The LRS's canonical definition of an activity (xAPI 1.0.3 Communication §2.5; Data
 * §2.4.4.1: the LRS may update it from statements): merged from the latest statements
 * that name the activity, oldest first, so later definitions win.
 */
@Repository
public class ActivityDefinitions {

	/** The most recent statements read for one definition. */
	private static final int DEFINITIONS_READ = 200;

	/** The most recent statements read for an activity's name. */
	private static final int NAMES_READ = 20;

	private final JdbcTemplate jdbc;

	ActivityDefinitions(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * @return the Activity object: its id and, where statements define it, the merged
	 * definition (an activity no statement names is still answered, IEEE 9274.1.1
	 * §4.1.6.4)
	 */
	public ObjectNode activity(String activityId) {
		// oldest first, so later definitions win
		List<String> statements = new ArrayList<>(recent(activityId, DEFINITIONS_READ));
		Collections.reverse(statements);
		ObjectNode activity = JsonNodeFactory.instance.objectNode().put("objectType", "Activity").put("id", activityId);
		ObjectNode definition = JsonNodeFactory.instance.objectNode();
		for (String text : statements) {
			for (JsonNode candidate : activities(XapiJson.MAPPER.readTree(text))) {
				if (activityId.equals(candidate.path("id").stringValue(null)) && candidate.has("definition")) {
					merge(definition, (ObjectNode) candidate.get("definition"));
				}
			}
		}
		if (!definition.isEmpty()) {
			activity.set("definition", definition);
		}
		return activity;
	}

	/**
	 * The name people read of an activity: its {@code definition.name} in the newest of
	 * the latest statements that give one, in British English, else English, else the
	 * first language given. Reads few statements: for pages that show many activities.
	 * @return empty when no recent statement names it
	 */
	public Optional<String> name(String activityId) {
		List<String> statements = recent(activityId, NAMES_READ);
		for (String text : statements) {
			for (JsonNode candidate : activities(XapiJson.MAPPER.readTree(text))) {
				if (activityId.equals(candidate.path("id").stringValue(null))) {
					Optional<String> name = inEnglish(candidate.path("definition").path("name"));
					if (name.isPresent()) {
						return name;
					}
				}
			}
		}
		return Optional.empty();
	}

	/** The latest statements that name the activity anywhere, newest first. */
	private List<String> recent(String activityId, int limit) {
		return this.jdbc.queryForList("SELECT s.statement FROM xapi_statement_key k "
				+ "JOIN xapi_statement s ON s.seq = k.statement_seq "
				+ "WHERE k.kind = ? AND k.key_hash = ? AND k.own ORDER BY k.stored DESC, k.statement_seq DESC LIMIT "
				+ limit, String.class, StatementKeys.RELATED_ACTIVITY,
				StatementKeys.activity(XapiJson.sha1(activityId), true).hash());
	}

	/** en-GB, then en, then any English, then the first language of a language map. */
	static Optional<String> inEnglish(JsonNode languageMap) {
		if (!languageMap.isObject() || languageMap.isEmpty()) {
			return Optional.empty();
		}
		for (String tag : List.of("en-GB", "en")) {
			for (Map.Entry<String, JsonNode> entry : languageMap.properties()) {
				if (entry.getKey().equalsIgnoreCase(tag) && !entry.getValue().asString("").isBlank()) {
					return Optional.of(entry.getValue().asString().strip());
				}
			}
		}
		Optional<String> english = languageMap.properties()
			.stream()
			.filter((e) -> e.getKey().toLowerCase(Locale.ROOT).startsWith("en-"))
			.map((e) -> e.getValue().asString(""))
			.filter((v) -> !v.isBlank())
			.findFirst();
		return english
			.or(() -> languageMap.properties()
				.stream()
				.map((e) -> e.getValue().asString(""))
				.filter((v) -> !v.isBlank())
				.findFirst())
			.map(String::strip);
	}

	private static List<JsonNode> activities(JsonNode statement) {
		List<JsonNode> found = new ArrayList<>();
		collect(statement, found);
		JsonNode object = statement.path("object");
		if ("SubStatement".equals(object.path("objectType").stringValue(null))) {
			collect(object, found);
		}
		return found;
	}

	private static void collect(JsonNode statement, List<JsonNode> found) {
		JsonNode object = statement.path("object");
		if ("Activity".equals(object.path("objectType").stringValue("Activity"))) {
			found.add(object);
		}
		for (JsonNode list : statement.path("context").path("contextActivities")) {
			list.forEach(found::add);
		}
	}

	/** Language maps are merged key by key; other properties are replaced. */
	private static void merge(ObjectNode into, ObjectNode from) {
		for (Map.Entry<String, JsonNode> property : from.properties()) {
			String key = property.getKey();
			JsonNode value = property.getValue();
			boolean languageMap = key.equals("name") || key.equals("description");
			if (languageMap && into.get(key) instanceof ObjectNode existing && value instanceof ObjectNode added) {
				existing.setAll(added);
			}
			else {
				into.set(key, value.deepCopy());
			}
		}
	}

}
