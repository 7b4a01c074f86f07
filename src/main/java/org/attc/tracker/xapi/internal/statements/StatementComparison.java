package org.attc.tracker.xapi.internal.statements;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Map;

import org.attc.tracker.xapi.internal.validation.Timestamps;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Whether a resent statement is "the same" as the stored one (xAPI 1.0.3 Data §2.3.1,
 * Statement Comparison Requirements): properties the LRS sets ({@code stored},
 * {@code authority}, {@code version}) are ignored, as are the case of language tags and
 * mbox_sha1sum hex, single versus array context activities, a timestamp's notation (the
 * instant counts), a number's notation, and a duration's precision beyond 0.01 s (1.0.3
 * Data §4.6; IEEE 9274.1.1 §4.2.7: "any precision beyond 0.01 second precision shall not
 * be included in the comparison", of signatures and resent statements alike).
 */
final class StatementComparison {

	private StatementComparison() {
	}

	static boolean same(JsonNode stored, JsonNode received) {
		// a resend without timestamp carries none; the stored one was set by the LRS
		boolean timestampGiven = received.has("timestamp");
		return canonical(stored, timestampGiven).equals(canonical(received, timestampGiven));
	}

	private static JsonNode canonical(JsonNode statement, boolean withTimestamp) {
		ObjectNode copy = (ObjectNode) statement.deepCopy();
		if (!withTimestamp) {
			copy.remove("timestamp");
		}
		copy.remove("stored");
		copy.remove("authority");
		copy.remove("version");
		normalise(copy, null);
		return copy;
	}

	private static JsonNode normalise(JsonNode node, String property) {
		if (node instanceof ObjectNode object) {
			boolean languageMap = property != null && (property.equals("display")
					|| property.equals("name") && !object.has("homePage") || property.equals("description"));
			if ("result".equals(property) && object.path("duration").isString()) {
				object.put("duration", hundredths(object.get("duration").stringValue()));
			}
			for (Map.Entry<String, JsonNode> entry : new ArrayList<>(object.properties())) {
				String key = entry.getKey();
				JsonNode value = entry.getValue();
				if (property != null && property.equals("contextActivities") && value.isObject()) {
					value = JsonNodeFactory.instance.arrayNode().add(value);
				}
				JsonNode normalised = normalise(value, key);
				if (languageMap && normalised.isString()) {
					object.remove(key);
					object.set(key.toLowerCase(Locale.ROOT), normalised);
				}
				else {
					object.set(key, normalised);
				}
			}
			return object;
		}
		if (node.isArray()) {
			for (int i = 0; i < node.size(); i++) {
				((tools.jackson.databind.node.ArrayNode) node).set(i, normalise(node.get(i), property));
			}
			return node;
		}
		if (node.isNumber()) {
			BigDecimal number = node.decimalValue();
			return JsonNodeFactory.instance
				.numberNode((number.signum() == 0) ? BigDecimal.ZERO : number.stripTrailingZeros());
		}
		if (node.isString() && property != null) {
			if (property.equals("timestamp")) {
				return JsonNodeFactory.instance.stringNode(Timestamps.parse(node.stringValue()).toString());
			}
			if (property.equals("mbox_sha1sum") || property.equals("id") || property.equals("registration")) {
				// hex and UUIDs carry no case; IRIs in "id" compare case-sensitively
				// except
				// their hex-only forms, so only lower-case values that look like
				// UUIDs/hex
				String text = node.stringValue();
				if (text.matches("[0-9a-fA-F-]{36}|[0-9a-fA-F]{40}")) {
					return JsonNodeFactory.instance.stringNode(text.toLowerCase(Locale.ROOT));
				}
			}
		}
		return node;
	}

	/**
	 * The duration with its seconds cut (not rounded) to hundredths and without trailing
	 * zeros: {@code PT1.2367S}, {@code PT1.230S} and {@code PT1.23S} are one duration.
	 * Only the seconds carry a fraction finer than 0.01 s (a fraction is allowed on the
	 * last component only, Data §4.6).
	 */
	static String hundredths(String duration) {
		int point = duration.lastIndexOf('.');
		if (!duration.endsWith("S") || point < 0 || duration.indexOf('T') > point) {
			return duration;
		}
		String fraction = duration.substring(point + 1, duration.length() - 1);
		if (!fraction.chars().allMatch(Character::isDigit)) {
			return duration;
		}
		String kept = fraction.substring(0, Math.min(2, fraction.length())).replaceFirst("0+$", "");
		return duration.substring(0, point) + (kept.isEmpty() ? "" : "." + kept) + "S";
	}

}
