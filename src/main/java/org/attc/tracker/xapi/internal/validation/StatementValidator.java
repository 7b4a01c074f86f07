package org.attc.tracker.xapi.internal.validation;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.attc.tracker.shared.AgentIdentifier;
import org.attc.tracker.shared.InvalidAgentIdentifier;
import tools.jackson.databind.JsonNode;

/**
 * Validates statements against the xAPI 1.0.3 Data part (§2.2 to §2.6, and §4 for
 * formats), with the differences of IEEE 9274.1.1 (xAPI 2.0) where the request speaks
 * 2.0. Each method is named after the structure it checks; the first fault ends the check
 * with an {@link InvalidStatement} that names its JSON path.
 */
public final class StatementValidator {

	/** Data §2.4.4.1: the verb that voids a statement. */
	public static final String VOIDED = "http://adlnet.gov/expapi/verbs/voided";

	private static final Set<String> STATEMENT = Set.of("id", "actor", "verb", "object", "result", "context",
			"timestamp", "stored", "authority", "version", "attachments");

	private static final Set<String> SUB_STATEMENT = Set.of("objectType", "actor", "verb", "object", "result",
			"context", "timestamp", "attachments");

	private static final Set<String> AGENT = Set.of("objectType", "name", "mbox", "mbox_sha1sum", "openid", "account");

	private static final Set<String> GROUP = Set.of("objectType", "name", "member", "mbox", "mbox_sha1sum", "openid",
			"account");

	private static final Set<String> VERB = Set.of("id", "display");

	private static final Set<String> ACTIVITY = Set.of("objectType", "id", "definition");

	private static final Set<String> DEFINITION = Set.of("name", "description", "type", "moreInfo", "interactionType",
			"correctResponsesPattern", "choices", "scale", "source", "target", "steps", "extensions");

	private static final Set<String> COMPONENT = Set.of("id", "description");

	private static final Set<String> STATEMENT_REF = Set.of("objectType", "id");

	private static final Set<String> RESULT = Set.of("score", "success", "completion", "response", "duration",
			"extensions");

	private static final Set<String> SCORE = Set.of("scaled", "raw", "min", "max");

	private static final Set<String> CONTEXT_1 = Set.of("registration", "instructor", "team", "contextActivities",
			"revision", "platform", "language", "statement", "extensions");

	private static final Set<String> CONTEXT_2 = Set.of("registration", "instructor", "team", "contextActivities",
			"contextAgents", "contextGroups", "revision", "platform", "language", "statement", "extensions");

	private static final Set<String> CONTEXT_ACTIVITIES = Set.of("parent", "grouping", "category", "other");

	private static final Set<String> ATTACHMENT = Set.of("usageType", "display", "description", "contentType", "length",
			"sha2", "fileUrl");

	/** Data §2.4.4.1 table "Interaction Types" and the components each may carry. */
	private static final Map<String, Set<String>> INTERACTIONS = Map.of("true-false", Set.of(), "choice",
			Set.of("choices"), "fill-in", Set.of(), "long-fill-in", Set.of(), "matching", Set.of("source", "target"),
			"performance", Set.of("steps"), "sequencing", Set.of("choices"), "likert", Set.of("scale"), "numeric",
			Set.of(), "other", Set.of());

	private static final Set<String> COMPONENT_LISTS = Set.of("choices", "scale", "source", "target", "steps");

	// RFC 4122 (and its successor RFC 9562): version nibble 1-8, variant bits 10xx
	private static final Pattern UUID = Pattern
		.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}");

	// RFC 5646 language tag, structurally (private use and grandfathered tags included)
	private static final Pattern LANGUAGE_TAG = Pattern
		.compile("(?i)([a-z]{2,8}(-[a-z0-9]{1,8})*|x(-[a-z0-9]{1,8})+|i-[a-z]{2,8})");

	// Data §4.6 ISO 8601 durations: PnYnMnDTnHnMnS or PnW; a decimal fraction only on the
	// last (smallest) component given, as ISO 8601 §4.4.3.2 allows
	private static final Pattern DURATION = Pattern
		.compile("P(?=\\d|T\\d)(\\d+(\\.\\d+)?Y)?(\\d+(\\.\\d+)?M)?(\\d+(\\.\\d+)?D)?"
				+ "(T(?=\\d)(\\d+(\\.\\d+)?H)?(\\d+(\\.\\d+)?M)?(\\d+(\\.\\d+)?S)?)?|P\\d+(\\.\\d+)?W");

	private static final Pattern FRACTION_LAST = Pattern.compile("[^.]*(\\.\\d+[A-Z])?");

	// Data §4.5: IRIs are absolute; no whitespace, no characters URI forbids outright
	private static final Pattern IRI = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*:[^\\s<>\"{}|\\\\^`]+");

	private final XapiVersion version;

	public StatementValidator(XapiVersion version) {
		this.version = version;
	}

	/**
	 * Checks one statement as received.
	 * @param statement the statement JSON
	 * @param path its JSON path in the request, e.g. {@code $} or {@code $[3]}
	 * @throws InvalidStatement naming the first fault
	 */
	public void statement(JsonNode statement, String path) {
		wellFormedText(statement, path);
		object(statement, path, STATEMENT);
		require(statement, path, "actor", "verb", "object");
		if (statement.has("id")) {
			uuid(statement.get("id"), path + ".id");
		}
		actor(statement.get("actor"), path + ".actor");
		verb(statement.get("verb"), path + ".verb");
		JsonNode object = statement.get("object");
		String objectType = statementObject(object, path + ".object", false);
		if (VOIDED.equals(statement.get("verb").path("id").stringValue(null)) && !"StatementRef".equals(objectType)) {
			// Data §2.2.5 (Voided): the object of a voiding statement is a StatementRef
			throw new InvalidStatement(path + ".object", "a voiding statement's object must be a StatementRef");
		}
		if (statement.has("result")) {
			result(statement.get("result"), path + ".result");
		}
		if (statement.has("context")) {
			context(statement.get("context"), path + ".context", objectType);
		}
		if (statement.has("timestamp")) {
			timestamp(statement.get("timestamp"), path + ".timestamp");
		}
		if (statement.has("stored")) {
			timestamp(statement.get("stored"), path + ".stored");
		}
		if (statement.has("authority")) {
			authority(statement.get("authority"), path + ".authority");
		}
		if (statement.has("version")) {
			JsonNode v = statement.get("version");
			if (!v.isString() || !this.version.acceptsStatementVersion(v.stringValue())) {
				throw new InvalidStatement(path + ".version", "version must be 1.0.x"
						+ ((this.version == XapiVersion.V2_0_0) ? " or 2.0.x" : "") + " (Data §2.4.10)");
			}
		}
		if (statement.has("attachments")) {
			attachments(statement.get("attachments"), path + ".attachments");
		}
	}

	/**
	 * Every name and string is Unicode text (RFC 8259 §8.2): a lone UTF-16 surrogate,
	 * which a JSON escape can spell, has no UTF-8 form, so it could not be stored and
	 * read back as received (the database would keep {@code ?}).
	 */
	private static void wellFormedText(JsonNode node, String path) {
		if (node.isString()) {
			if (loneSurrogate(node.stringValue())) {
				throw new InvalidStatement(path, "the text holds a lone UTF-16 surrogate, which is not Unicode text");
			}
		}
		else if (node.isArray()) {
			for (int i = 0; i < node.size(); i++) {
				wellFormedText(node.get(i), path + "[" + i + "]");
			}
		}
		else if (node.isObject()) {
			for (Map.Entry<String, JsonNode> property : node.properties()) {
				String at = path + "." + property.getKey();
				if (loneSurrogate(property.getKey())) {
					throw new InvalidStatement(at,
							"the property name holds a lone UTF-16 surrogate, which is not Unicode text");
				}
				wellFormedText(property.getValue(), at);
			}
		}
	}

	private static boolean loneSurrogate(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
				i++;
			}
			else if (Character.isSurrogate(c)) {
				return true;
			}
		}
		return false;
	}

	/** Data §2.4.2: an Agent or a Group in the actor position. */
	void actor(JsonNode actor, String path) {
		if (!actor.isObject()) {
			throw new InvalidStatement(path, "an actor must be an object");
		}
		JsonNode objectType = actor.get("objectType");
		if (objectType != null && objectType.isString() && objectType.stringValue().equals("Group")) {
			group(actor, path);
		}
		else {
			agent(actor, path);
		}
	}

	/** Data §2.4.2.1: an Agent. */
	void agent(JsonNode agent, String path) {
		object(agent, path, AGENT);
		if (agent.has("objectType")) {
			constant(agent.get("objectType"), path + ".objectType", "Agent");
		}
		if (agent.has("name")) {
			string(agent.get("name"), path + ".name");
		}
		identifier(agent, path);
	}

	/** Data §2.4.2.2: an anonymous or identified Group. */
	void group(JsonNode group, String path) {
		object(group, path, GROUP);
		constant(group.get("objectType"), path + ".objectType", "Group");
		if (group.has("name")) {
			string(group.get("name"), path + ".name");
		}
		boolean identified = group.has("mbox") || group.has("mbox_sha1sum") || group.has("openid")
				|| group.has("account");
		if (identified) {
			identifier(group, path);
		}
		else if (!group.has("member")) {
			throw new InvalidStatement(path + ".member", "an anonymous Group must list its members");
		}
		if (group.has("member")) {
			JsonNode members = group.get("member");
			array(members, path + ".member");
			if (!identified && members.isEmpty()) {
				throw new InvalidStatement(path + ".member", "an anonymous Group needs at least one member");
			}
			for (int i = 0; i < members.size(); i++) {
				JsonNode member = members.get(i);
				String memberPath = path + ".member[" + i + "]";
				if (member.isObject() && member.has("objectType")
						&& "Group".equals(member.get("objectType").stringValue(null))) {
					throw new InvalidStatement(memberPath + ".objectType", "a Group's members are Agents, not Groups");
				}
				agent(member, memberPath);
			}
		}
	}

	/** Data §2.4.2.3 and §2.4.2.4, through the one type that owns the rule. */
	private void identifier(JsonNode actor, String path) {
		for (String ifi : new String[] { "mbox", "mbox_sha1sum", "openid", "account" }) {
			if (actor.has(ifi)) {
				notNull(actor.get(ifi), path + "." + ifi);
			}
		}
		try {
			AgentIdentifier.fromActor(actor);
		}
		catch (InvalidAgentIdentifier ex) {
			throw new InvalidStatement(ex.property().isEmpty() ? path : path + "." + ex.property(), ex.getMessage());
		}
	}

	/** Data §2.4.3: a Verb. */
	void verb(JsonNode verb, String path) {
		object(verb, path, VERB);
		require(verb, path, "id");
		iri(verb.get("id"), path + ".id");
		if (verb.has("display")) {
			languageMap(verb.get("display"), path + ".display");
		}
	}

	/**
	 * Data §2.4.4: the object of a statement or sub-statement.
	 * @return the object's type
	 */
	String statementObject(JsonNode object, String path, boolean inSubStatement) {
		if (!object.isObject()) {
			throw new InvalidStatement(path, "an object must be a JSON object");
		}
		JsonNode typeNode = object.get("objectType");
		String type = "Activity";
		if (typeNode != null) {
			string(typeNode, path + ".objectType");
			type = typeNode.stringValue();
		}
		switch (type) {
			case "Activity" -> activity(object, path);
			case "Agent" -> agent(object, path);
			case "Group" -> group(object, path);
			case "StatementRef" -> statementRef(object, path);
			case "SubStatement" -> {
				if (inSubStatement) {
					// Data §2.4.4.3: a SubStatement MUST NOT contain a SubStatement
					throw new InvalidStatement(path + ".objectType", "a SubStatement cannot contain a SubStatement");
				}
				subStatement(object, path);
			}
			default -> throw new InvalidStatement(path + ".objectType",
					"objectType must be Activity, Agent, Group, StatementRef or SubStatement");
		}
		return type;
	}

	/** Data §2.4.4.1: an Activity. */
	void activity(JsonNode activity, String path) {
		object(activity, path, ACTIVITY);
		if (activity.has("objectType")) {
			constant(activity.get("objectType"), path + ".objectType", "Activity");
		}
		require(activity, path, "id");
		iri(activity.get("id"), path + ".id");
		if (activity.has("definition")) {
			definition(activity.get("definition"), path + ".definition");
		}
	}

	/** Data §2.4.4.1 Activity Definition, with interaction activities. */
	void definition(JsonNode definition, String path) {
		object(definition, path, DEFINITION);
		if (definition.has("name")) {
			languageMap(definition.get("name"), path + ".name");
		}
		if (definition.has("description")) {
			languageMap(definition.get("description"), path + ".description");
		}
		if (definition.has("type")) {
			iri(definition.get("type"), path + ".type");
		}
		if (definition.has("moreInfo")) {
			iri(definition.get("moreInfo"), path + ".moreInfo");
		}
		if (definition.has("extensions")) {
			extensions(definition.get("extensions"), path + ".extensions");
		}
		Set<String> allowedComponents = Set.of();
		if (definition.has("interactionType")) {
			JsonNode interaction = definition.get("interactionType");
			string(interaction, path + ".interactionType");
			allowedComponents = INTERACTIONS.get(interaction.stringValue());
			if (allowedComponents == null) {
				throw new InvalidStatement(path + ".interactionType", "interactionType must be one of "
						+ String.join(", ", INTERACTIONS.keySet().stream().sorted().toList()));
			}
		}
		else if (definition.has("correctResponsesPattern")) {
			throw new InvalidStatement(path + ".correctResponsesPattern",
					"correctResponsesPattern needs an interactionType");
		}
		if (definition.has("correctResponsesPattern")) {
			JsonNode patterns = definition.get("correctResponsesPattern");
			array(patterns, path + ".correctResponsesPattern");
			for (int i = 0; i < patterns.size(); i++) {
				string(patterns.get(i), path + ".correctResponsesPattern[" + i + "]");
			}
		}
		for (String list : COMPONENT_LISTS) {
			if (!definition.has(list)) {
				continue;
			}
			if (!allowedComponents.contains(list)) {
				throw new InvalidStatement(path + "." + list, list + " is not a component of interactionType "
						+ definition.path("interactionType").stringValue("(none)"));
			}
			components(definition.get(list), path + "." + list);
		}
	}

	private void components(JsonNode components, String path) {
		array(components, path);
		Set<String> ids = new HashSet<>();
		for (int i = 0; i < components.size(); i++) {
			JsonNode component = components.get(i);
			String componentPath = path + "[" + i + "]";
			object(component, componentPath, COMPONENT);
			require(component, componentPath, "id");
			string(component.get("id"), componentPath + ".id");
			if (!ids.add(component.get("id").stringValue())) {
				// Data §2.4.4.1.3: ids within one component list are distinct
				throw new InvalidStatement(componentPath + ".id", "interaction component ids must be distinct");
			}
			if (component.has("description")) {
				languageMap(component.get("description"), componentPath + ".description");
			}
		}
	}

	/** Data §2.4.4.2: a Statement Reference. */
	void statementRef(JsonNode ref, String path) {
		object(ref, path, STATEMENT_REF);
		constant(ref.get("objectType"), path + ".objectType", "StatementRef");
		require(ref, path, "id");
		uuid(ref.get("id"), path + ".id");
	}

	/** Data §2.4.4.3: a SubStatement, with its restrictions. */
	void subStatement(JsonNode sub, String path) {
		for (String forbidden : new String[] { "id", "stored", "version", "authority" }) {
			if (sub.has(forbidden)) {
				throw new InvalidStatement(path + "." + forbidden, "a SubStatement must not have " + forbidden);
			}
		}
		object(sub, path, SUB_STATEMENT);
		require(sub, path, "actor", "verb", "object");
		actor(sub.get("actor"), path + ".actor");
		verb(sub.get("verb"), path + ".verb");
		String objectType = statementObject(sub.get("object"), path + ".object", true);
		if (sub.has("result")) {
			result(sub.get("result"), path + ".result");
		}
		if (sub.has("context")) {
			context(sub.get("context"), path + ".context", objectType);
		}
		if (sub.has("timestamp")) {
			timestamp(sub.get("timestamp"), path + ".timestamp");
		}
		if (sub.has("attachments")) {
			attachments(sub.get("attachments"), path + ".attachments");
		}
	}

	/** Data §2.4.5: a Result with its Score. */
	void result(JsonNode result, String path) {
		object(result, path, RESULT);
		if (result.has("score")) {
			score(result.get("score"), path + ".score");
		}
		if (result.has("success")) {
			bool(result.get("success"), path + ".success");
		}
		if (result.has("completion")) {
			bool(result.get("completion"), path + ".completion");
		}
		if (result.has("response")) {
			string(result.get("response"), path + ".response");
		}
		if (result.has("duration")) {
			JsonNode duration = result.get("duration");
			string(duration, path + ".duration");
			if (!DURATION.matcher(duration.stringValue()).matches()
					|| !FRACTION_LAST.matcher(duration.stringValue()).matches()) {
				throw new InvalidStatement(path + ".duration", "duration must be an ISO 8601 duration (Data §4.6)");
			}
		}
		if (result.has("extensions")) {
			extensions(result.get("extensions"), path + ".extensions");
		}
	}

	/** Data §2.4.5.1: scaled in [-1, 1], min ≤ raw ≤ max, min &lt; max. */
	void score(JsonNode score, String path) {
		object(score, path, SCORE);
		for (String property : SCORE) {
			if (score.has(property) && !score.get(property).isNumber()) {
				throw new InvalidStatement(path + "." + property, property + " must be a number");
			}
		}
		if (score.has("scaled")) {
			double scaled = score.get("scaled").doubleValue();
			if (scaled < -1 || scaled > 1) {
				throw new InvalidStatement(path + ".scaled", "scaled must be between -1 and 1");
			}
		}
		Double min = score.has("min") ? score.get("min").doubleValue() : null;
		Double max = score.has("max") ? score.get("max").doubleValue() : null;
		if (min != null && max != null && min >= max) {
			throw new InvalidStatement(path + ".max", "max must be greater than min");
		}
		if (score.has("raw")) {
			double raw = score.get("raw").doubleValue();
			if (min != null && raw < min) {
				throw new InvalidStatement(path + ".raw", "raw must not be less than min");
			}
			if (max != null && raw > max) {
				throw new InvalidStatement(path + ".raw", "raw must not be greater than max");
			}
		}
	}

	/** Data §2.4.6: a Context. */
	void context(JsonNode context, String path, String objectType) {
		object(context, path, (this.version == XapiVersion.V2_0_0) ? CONTEXT_2 : CONTEXT_1);
		if (context.has("registration")) {
			uuid(context.get("registration"), path + ".registration");
		}
		if (context.has("instructor")) {
			actor(context.get("instructor"), path + ".instructor");
		}
		if (context.has("team")) {
			JsonNode team = context.get("team");
			if (!team.isObject() || !"Group".equals(team.path("objectType").stringValue(null))) {
				throw new InvalidStatement(path + ".team", "team must be a Group");
			}
			group(team, path + ".team");
		}
		if (context.has("contextActivities")) {
			contextActivities(context.get("contextActivities"), path + ".contextActivities");
		}
		for (String property : new String[] { "revision", "platform" }) {
			if (context.has(property)) {
				string(context.get(property), path + "." + property);
				if (!"Activity".equals(objectType)) {
					// Data §2.4.6: revision and platform only where the object is an
					// Activity
					throw new InvalidStatement(path + "." + property,
							property + " may only be used when the object is an Activity");
				}
			}
		}
		if (context.has("language")) {
			JsonNode language = context.get("language");
			string(language, path + ".language");
			if (!LANGUAGE_TAG.matcher(language.stringValue()).matches()) {
				throw new InvalidStatement(path + ".language", "language must be an RFC 5646 language tag");
			}
		}
		if (context.has("statement")) {
			JsonNode ref = context.get("statement");
			if (!ref.isObject() || !"StatementRef".equals(ref.path("objectType").stringValue(null))) {
				throw new InvalidStatement(path + ".statement", "statement must be a StatementRef");
			}
			statementRef(ref, path + ".statement");
		}
		if (context.has("extensions")) {
			extensions(context.get("extensions"), path + ".extensions");
		}
		if (context.has("contextAgents")) {
			contextAgents(context.get("contextAgents"), path + ".contextAgents", "agent", false);
		}
		if (context.has("contextGroups")) {
			contextAgents(context.get("contextGroups"), path + ".contextGroups", "group", true);
		}
	}

	/** IEEE 9274.1.1 §5.2.6.x: contextAgents and contextGroups (2.0 only). */
	private void contextAgents(JsonNode list, String path, String property, boolean groups) {
		array(list, path);
		for (int i = 0; i < list.size(); i++) {
			JsonNode entry = list.get(i);
			String entryPath = path + "[" + i + "]";
			object(entry, entryPath, Set.of("objectType", property, "relevantTypes"));
			constant(entry.get("objectType"), entryPath + ".objectType", groups ? "contextGroup" : "contextAgent");
			require(entry, entryPath, property);
			if (groups) {
				JsonNode group = entry.get(property);
				if (!group.isObject() || !"Group".equals(group.path("objectType").stringValue(null))) {
					throw new InvalidStatement(entryPath + "." + property, "group must be a Group");
				}
				group(group, entryPath + "." + property);
			}
			else {
				agent(entry.get(property), entryPath + "." + property);
			}
			if (entry.has("relevantTypes")) {
				JsonNode types = entry.get("relevantTypes");
				array(types, entryPath + ".relevantTypes");
				if (types.isEmpty()) {
					throw new InvalidStatement(entryPath + ".relevantTypes", "relevantTypes must not be empty");
				}
				for (int t = 0; t < types.size(); t++) {
					iri(types.get(t), entryPath + ".relevantTypes[" + t + "]");
				}
			}
		}
	}

	/** Data §2.4.6.2: each key holds an Activity or an array of Activities. */
	void contextActivities(JsonNode contextActivities, String path) {
		object(contextActivities, path, CONTEXT_ACTIVITIES);
		// Data §2.2.s2.b1: no empty objects; ADL's conformance requirement XAPI-00001 has
		// the LRS reject them, and an empty contextActivities says nothing.
		if (contextActivities.isEmpty()) {
			throw new InvalidStatement(path,
					"contextActivities must hold at least one of parent, grouping, category, other");
		}
		for (Map.Entry<String, JsonNode> entry : contextActivities.properties()) {
			String listPath = path + "." + entry.getKey();
			JsonNode value = entry.getValue();
			if (value.isArray()) {
				for (int i = 0; i < value.size(); i++) {
					activity(value.get(i), listPath + "[" + i + "]");
				}
			}
			else {
				activity(value, listPath);
			}
		}
	}

	/**
	 * Data §2.4.9 (authority): an Agent, or, in 3-legged OAuth only, a Group of exactly
	 * two Agents that stand for an application and a user together: an anonymous Group
	 * (it names no group of its own) whose application member is the OAuth consumer,
	 * which "MUST be identified by account" (§2.4.9, OAuth Credentials as Authority).
	 */
	void authority(JsonNode authority, String path) {
		actor(authority, path);
		if (!"Group".equals(authority.path("objectType").stringValue(null))) {
			return;
		}
		for (String ifi : new String[] { "mbox", "mbox_sha1sum", "openid", "account" }) {
			if (authority.has(ifi)) {
				throw new InvalidStatement(path + "." + ifi,
						"an authority Group is an application and a user together, so it is anonymous");
			}
		}
		JsonNode members = authority.path("member");
		if (members.size() != 2) {
			throw new InvalidStatement(path + ".member", "an authority Group has exactly two members");
		}
		if (!members.get(0).has("account") && !members.get(1).has("account")) {
			throw new InvalidStatement(path + ".member",
					"an authority Group includes the OAuth consumer, an Agent identified by account");
		}
	}

	/** Data §2.4.11: attachment metadata. */
	void attachments(JsonNode attachments, String path) {
		array(attachments, path);
		for (int i = 0; i < attachments.size(); i++) {
			JsonNode attachment = attachments.get(i);
			String attachmentPath = path + "[" + i + "]";
			object(attachment, attachmentPath, ATTACHMENT);
			require(attachment, attachmentPath, "usageType", "display", "contentType", "length", "sha2");
			iri(attachment.get("usageType"), attachmentPath + ".usageType");
			languageMap(attachment.get("display"), attachmentPath + ".display");
			if (attachment.has("description")) {
				languageMap(attachment.get("description"), attachmentPath + ".description");
			}
			JsonNode contentType = attachment.get("contentType");
			string(contentType, attachmentPath + ".contentType");
			if (!contentType.stringValue().matches("[\\w!#$&^.+-]+/[\\w!#$&^.+-]+(\\s*;.*)?")) {
				throw new InvalidStatement(attachmentPath + ".contentType",
						"contentType must be an Internet Media Type");
			}
			JsonNode length = attachment.get("length");
			if (!length.isIntegralNumber() || length.longValue() < 0) {
				throw new InvalidStatement(attachmentPath + ".length", "length must be a non-negative integer");
			}
			JsonNode sha2 = attachment.get("sha2");
			string(sha2, attachmentPath + ".sha2");
			if (!sha2.stringValue().matches("[0-9a-fA-F]{56}|[0-9a-fA-F]{64}|[0-9a-fA-F]{96}|[0-9a-fA-F]{128}")) {
				throw new InvalidStatement(attachmentPath + ".sha2", "sha2 must be a hex SHA-2 digest");
			}
			if (attachment.has("fileUrl")) {
				iri(attachment.get("fileUrl"), attachmentPath + ".fileUrl");
			}
		}
	}

	/** Data §2.4.7 / §5.3: extension keys are IRIs; values are any JSON. */
	void extensions(JsonNode extensions, String path) {
		if (!extensions.isObject()) {
			throw new InvalidStatement(path, "extensions must be an object");
		}
		for (String key : extensions.propertyNames()) {
			if (!isIri(key)) {
				throw new InvalidStatement(path + "." + key, "an extension key must be an IRI");
			}
		}
	}

	/** Data §5.2: a language map. */
	void languageMap(JsonNode map, String path) {
		if (!map.isObject()) {
			throw new InvalidStatement(path, "a language map must be an object");
		}
		// Data §2.2.s2.b1 and §4.2: a language map is tag/string pairs and an empty
		// object
		// is not to be sent; ADL's conformance requirement XAPI-00001 has the LRS reject
		// it.
		if (map.isEmpty()) {
			throw new InvalidStatement(path, "a language map needs at least one language tag");
		}
		for (Map.Entry<String, JsonNode> entry : map.properties()) {
			if (!LANGUAGE_TAG.matcher(entry.getKey()).matches()) {
				throw new InvalidStatement(path + "." + entry.getKey(),
						"a language map key must be an RFC 5646 language tag");
			}
			string(entry.getValue(), path + "." + entry.getKey());
		}
	}

	/**
	 * Data §4.5: an ISO 8601 timestamp (RFC 3339 profile recommended); with 2.0 (IEEE
	 * 9274.1.1) its zone offset is required.
	 */
	void timestamp(JsonNode timestamp, String path) {
		string(timestamp, path);
		try {
			Timestamps.parse(timestamp.stringValue(), this.version == XapiVersion.V2_0_0);
		}
		catch (DateTimeParseException | IllegalArgumentException ex) {
			throw new InvalidStatement(path, "must be an ISO 8601 timestamp: " + ex.getMessage());
		}
	}

	private static void uuid(JsonNode value, String path) {
		if (!value.isString() || !isUuid(value.stringValue())) {
			throw new InvalidStatement(path, "must be an RFC 4122 UUID");
		}
	}

	/**
	 * @return whether the text is an RFC 4122 UUID in its string form
	 */
	public static boolean isUuid(String text) {
		return text != null && UUID.matcher(text).matches();
	}

	private static void iri(JsonNode value, String path) {
		if (!value.isString() || !isIri(value.stringValue())) {
			throw new InvalidStatement(path, "must be an absolute IRI");
		}
	}

	/**
	 * @return whether the text is an absolute IRI (RFC 3987)
	 */
	public static boolean isIri(String text) {
		if (text == null) {
			return false;
		}
		if (VALID_IRIS.containsKey(text)) {
			return true;
		}
		if (!IRI.matcher(text).matches()) {
			return false;
		}
		try {
			new URI(text);
		}
		catch (URISyntaxException ex) {
			return false;
		}
		if (text.length() <= 2048) {
			if (VALID_IRIS.size() >= VALID_IRIS_LIMIT) {
				VALID_IRIS.clear();
			}
			VALID_IRIS.put(text, Boolean.TRUE);
		}
		return true;
	}

	/**
	 * IRIs already found valid. Statements repeat the same verbs, activities, categories
	 * and home pages, and validity is a function of the text alone, so a repeated IRI
	 * need not be parsed again (the parse was the largest part of validation). Bounded:
	 * emptied when full.
	 */
	private static final Map<String, Boolean> VALID_IRIS = new ConcurrentHashMap<>();

	private static final int VALID_IRIS_LIMIT = 20_000;

	private static void object(JsonNode node, String path, Set<String> allowed) {
		if (node == null || !node.isObject()) {
			throw new InvalidStatement(path, "must be a JSON object");
		}
		for (Map.Entry<String, JsonNode> property : node.properties()) {
			if (!allowed.contains(property.getKey())) {
				throw new InvalidStatement(path + "." + property.getKey(),
						"unknown property " + property.getKey() + " (xAPI allows no others here)");
			}
			notNull(property.getValue(), path + "." + property.getKey());
		}
	}

	private static void notNull(JsonNode value, String path) {
		if (value.isNull()) {
			throw new InvalidStatement(path, "must not be null");
		}
	}

	private static void require(JsonNode node, String path, String... properties) {
		for (String property : properties) {
			if (!node.has(property)) {
				throw new InvalidStatement(path + "." + property, property + " is required");
			}
		}
	}

	private static void constant(JsonNode value, String path, String expected) {
		if (value == null || !value.isString() || !value.stringValue().equals(expected)) {
			throw new InvalidStatement(path, "must be \"" + expected + "\"");
		}
	}

	private static void string(JsonNode value, String path) {
		if (!value.isString()) {
			throw new InvalidStatement(path, "must be a string");
		}
	}

	private static void bool(JsonNode value, String path) {
		if (!value.isBoolean()) {
			throw new InvalidStatement(path, "must be true or false");
		}
	}

	private static void array(JsonNode value, String path) {
		if (!value.isArray()) {
			throw new InvalidStatement(path, "must be an array");
		}
	}

}
