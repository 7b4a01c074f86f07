package org.attc.tracker.xapi.internal.statements;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.attc.tracker.xapi.internal.validation.XapiVersion;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code format} parameter of statement queries (xAPI 1.0.3 Communication §2.1.3):
 * {@code exact} as stored, {@code ids} with Agents, Groups, Activities and Verbs reduced
 * to what identifies them, {@code canonical} with each language map reduced to the one
 * language the request's {@code Accept-Language} prefers.
 */
final class StatementFormat {

	private static final JsonNodeFactory nodes = JsonNodeFactory.instance;

	private StatementFormat() {
	}

	static JsonNode apply(JsonNode statement, String format, List<Locale.LanguageRange> languages) {
		return switch (format) {
			case "ids" -> ids((ObjectNode) statement.deepCopy());
			case "canonical" -> canonical(statement.deepCopy(), languages, null);
			default -> statement;
		};
	}

	/**
	 * A 2.0 statement read by a 1.0.3 client loses what 1.0.3 does not know (IEEE
	 * 9274.1.1 Annex on compatibility: {@code contextAgents}, {@code contextGroups}) and
	 * says version {@code 1.0.0}, so that the client's own validation accepts it.
	 */
	static JsonNode forVersion(JsonNode statement, XapiVersion version) {
		if (version != XapiVersion.V1_0_3 || !(statement instanceof ObjectNode object)) {
			return statement;
		}
		boolean inner = object.path("object").path("objectType").stringValue("").equals("SubStatement");
		boolean outerNew = object.path("context").has("contextAgents") || object.path("context").has("contextGroups");
		boolean innerNew = inner && (object.path("object").path("context").has("contextAgents")
				|| object.path("object").path("context").has("contextGroups"));
		boolean version2 = object.path("version").stringValue("").startsWith("2.");
		if (!outerNew && !innerNew && !version2) {
			return statement;
		}
		ObjectNode copy = object.deepCopy();
		if (version2) {
			// 1.0.3 Data §2.4.10: a 1.0.3 client refuses any version but 1.0.x, and what
			// is left after the downgrade is a 1.0 statement
			copy.put("version", "1.0.0");
		}
		downgrade(copy.get("context"));
		if (inner) {
			downgrade(copy.get("object").get("context"));
		}
		return copy;
	}

	private static void downgrade(JsonNode context) {
		if (context instanceof ObjectNode object) {
			object.remove("contextAgents");
			object.remove("contextGroups");
		}
	}

	private static JsonNode ids(ObjectNode statement) {
		statement.set("actor", actor(statement.get("actor")));
		statement.set("verb", nodes.objectNode().put("id", statement.get("verb").get("id").stringValue()));
		JsonNode object = statement.get("object");
		String type = object.path("objectType").stringValue("Activity");
		switch (type) {
			case "Activity" -> statement.set("object", activity(object));
			case "Agent", "Group" -> statement.set("object", actor(object));
			case "SubStatement" -> statement.set("object", ids((ObjectNode) object));
			default -> {
			}
		}
		if (statement.has("authority")) {
			statement.set("authority", actor(statement.get("authority")));
		}
		if (statement.get("context") instanceof ObjectNode context) {
			if (context.has("instructor")) {
				context.set("instructor", actor(context.get("instructor")));
			}
			if (context.has("team")) {
				context.set("team", actor(context.get("team")));
			}
			if (context.get("contextActivities") instanceof ObjectNode lists) {
				for (Map.Entry<String, JsonNode> entry : new ArrayList<>(lists.properties())) {
					var array = nodes.arrayNode();
					entry.getValue().forEach((a) -> array.add(activity(a)));
					lists.set(entry.getKey(), array);
				}
			}
		}
		return statement;
	}

	/**
	 * An Activity's identifier is its {@code id} alone ({@code objectType} is optional
	 * and defaults to Activity); ADL's suite (XAPI-00171) counts the keys of a
	 * SubStatement's activity.
	 */
	private static JsonNode activity(JsonNode activity) {
		return nodes.objectNode().put("id", activity.get("id").stringValue());
	}

	private static JsonNode actor(JsonNode actor) {
		ObjectNode reduced = nodes.objectNode();
		if (actor.has("objectType")) {
			reduced.set("objectType", actor.get("objectType"));
		}
		for (String ifi : new String[] { "mbox", "mbox_sha1sum", "openid", "account" }) {
			if (actor.has(ifi)) {
				reduced.set(ifi, actor.get(ifi));
			}
		}
		boolean anonymous = reduced.size() <= 1;
		if (actor.has("member") && anonymous) {
			var members = reduced.putArray("member");
			actor.get("member").forEach((m) -> members.add(actor(m)));
		}
		return reduced;
	}

	private static JsonNode canonical(JsonNode node, List<Locale.LanguageRange> languages, String property) {
		if (node instanceof ObjectNode object) {
			if (property != null
					&& (property.equals("display") || property.equals("name") || property.equals("description"))) {
				return pick(object, languages);
			}
			for (Map.Entry<String, JsonNode> entry : new ArrayList<>(object.properties())) {
				if (!entry.getKey().equals("extensions")) {
					object.set(entry.getKey(), canonical(entry.getValue(), languages, entry.getKey()));
				}
			}
			return object;
		}
		if (node.isArray()) {
			for (int i = 0; i < node.size(); i++) {
				((tools.jackson.databind.node.ArrayNode) node).set(i, canonical(node.get(i), languages, null));
			}
		}
		return node;
	}

	private static JsonNode pick(ObjectNode map, List<Locale.LanguageRange> languages) {
		if (map.size() <= 1) {
			return map;
		}
		List<String> tags = new ArrayList<>(map.propertyNames());
		String chosen = null;
		if (!languages.isEmpty()) {
			List<Locale> locales = tags.stream().map(Locale::forLanguageTag).toList();
			Locale match = Locale.lookup(languages, locales);
			if (match != null) {
				chosen = tags.get(locales.indexOf(match));
			}
		}
		if (chosen == null) {
			// no preference matched: prefer English, else the first given
			chosen = tags.stream()
				.filter((t) -> t.toLowerCase(Locale.ROOT).startsWith("en"))
				.findFirst()
				.orElse(tags.get(0));
		}
		return nodes.objectNode().set(chosen, map.get(chosen));
	}

}
