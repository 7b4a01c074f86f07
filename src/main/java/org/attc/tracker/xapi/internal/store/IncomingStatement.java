package org.attc.tracker.xapi.internal.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.attc.tracker.shared.AgentIdentifier;
import org.attc.tracker.xapi.internal.XapiJson;
import org.attc.tracker.xapi.internal.validation.StatementValidator;
import org.attc.tracker.xapi.internal.validation.Timestamps;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A validated statement made ready to store: the LRS-set properties filled in (xAPI 1.0.3
 * Data §2.4.1 id, §2.4.8 stored and timestamp, §2.4.9 authority, §2.4.10 version), single
 * context activities turned into arrays (Data §2.4.6.2: the LRS returns arrays), and the
 * index keys every query parameter needs.
 */
public final class IncomingStatement {

	final UUID id;

	final ObjectNode statement;

	final Instant stored;

	final Instant timestamp;

	final byte[] verbHash;

	final String registration;

	final UUID voidingTarget;

	/** The target of a StatementRef object, voiding or not. */
	final UUID objectRef;

	/** SHA-1 of {@link AgentIdentifier#value()}; direct (actor/object) first. */
	final Set<Key> agents = new LinkedHashSet<>();

	final Set<Key> activities = new LinkedHashSet<>();

	/** attachment sha2 values the statement cites. */
	final List<String> attachmentHashes = new ArrayList<>();

	record Key(String text, boolean direct) {
		byte[] hash() {
			return XapiJson.sha1(this.text);
		}
	}

	public IncomingStatement(ObjectNode received, Instant stored, JsonNode authority, String defaultVersion) {
		this(received, stored, authority, defaultVersion, true);
	}

	/**
	 * @param copy false to complete {@code received} in place (when nothing will compare
	 * it with a stored statement afterwards)
	 */
	public IncomingStatement(ObjectNode received, Instant stored, JsonNode authority, String defaultVersion,
			boolean copy) {
		ObjectNode statement = copy ? received.deepCopy() : received;
		if (!statement.has("id")) {
			statement.put("id", UUID.randomUUID().toString());
		}
		this.id = UUID.fromString(statement.get("id").stringValue());
		// ids are compared and stored in lower case (RFC 4122 §3: case-insensitive on
		// input)
		statement.put("id", this.id.toString());
		this.stored = stored;
		if (!statement.has("timestamp")) {
			statement.put("timestamp", Timestamps.format(stored));
		}
		this.timestamp = Timestamps.parse(statement.get("timestamp").stringValue());
		statement.put("stored", Timestamps.format(stored));
		statement.set("authority", authority);
		if (!statement.has("version")) {
			statement.put("version", defaultVersion);
		}
		arraysForContextActivities(statement);
		if (statement.get("object").path("objectType").stringValue("").equals("SubStatement")) {
			arraysForContextActivities((ObjectNode) statement.get("object"));
		}
		this.statement = statement;
		this.verbHash = XapiJson.sha1(statement.get("verb").get("id").stringValue());
		JsonNode registration = statement.path("context").path("registration");
		this.registration = registration.isString() ? registration.stringValue().toLowerCase() : null;
		JsonNode object = statement.get("object");
		this.objectRef = "StatementRef".equals(object.path("objectType").stringValue(null))
				? UUID.fromString(object.get("id").stringValue()) : null;
		if (StatementValidator.VOIDED.equals(statement.get("verb").get("id").stringValue())) {
			this.voidingTarget = UUID.fromString(object.get("id").stringValue());
		}
		else {
			this.voidingTarget = null;
		}
		indexAgentsAndActivities(statement);
		collectAttachments(statement);
	}

	private static void arraysForContextActivities(ObjectNode statement) {
		JsonNode contextActivities = statement.path("context").path("contextActivities");
		if (contextActivities instanceof ObjectNode lists) {
			for (Map.Entry<String, JsonNode> entry : new ArrayList<>(lists.properties())) {
				if (entry.getValue().isObject()) {
					ArrayNode array = lists.arrayNode();
					array.add(entry.getValue());
					lists.set(entry.getKey(), array);
				}
			}
		}
	}

	private void indexAgentsAndActivities(ObjectNode statement) {
		agent(statement.get("actor"), true);
		JsonNode object = statement.get("object");
		String type = object.path("objectType").stringValue("Activity");
		switch (type) {
			case "Activity" -> this.activities.add(new Key(object.get("id").stringValue(), true));
			case "Agent", "Group" -> agent(object, true);
			case "SubStatement" -> {
				agent(object.get("actor"), false);
				JsonNode inner = object.get("object");
				String innerType = inner.path("objectType").stringValue("Activity");
				if (innerType.equals("Activity")) {
					this.activities.add(new Key(inner.get("id").stringValue(), false));
				}
				else if (innerType.equals("Agent") || innerType.equals("Group")) {
					agent(inner, false);
				}
				context(object.path("context"));
			}
			default -> {
			}
		}
		agent(statement.get("authority"), false);
		context(statement.path("context"));
	}

	private void context(JsonNode context) {
		if (!context.isObject()) {
			return;
		}
		agent(context.get("instructor"), false);
		agent(context.get("team"), false);
		for (JsonNode list : context.path("contextActivities")) {
			for (JsonNode activity : list) {
				this.activities.add(new Key(activity.get("id").stringValue(), false));
			}
		}
		for (JsonNode entry : context.path("contextAgents")) {
			agent(entry.get("agent"), false);
		}
		for (JsonNode entry : context.path("contextGroups")) {
			agent(entry.get("group"), false);
		}
	}

	/**
	 * An Agent or Group: its own identifier (if any), and its members as related agents.
	 */
	private void agent(JsonNode actor, boolean direct) {
		if (actor == null || !actor.isObject()) {
			return;
		}
		if (actor.has("mbox") || actor.has("mbox_sha1sum") || actor.has("openid") || actor.has("account")) {
			this.agents.add(new Key(AgentIdentifier.fromActor(actor).value(), direct));
		}
		for (JsonNode member : actor.path("member")) {
			this.agents.add(new Key(AgentIdentifier.fromActor(member).value(), false));
		}
	}

	private void collectAttachments(ObjectNode statement) {
		for (JsonNode attachment : statement.path("attachments")) {
			this.attachmentHashes.add(attachment.get("sha2").stringValue().toLowerCase());
		}
		for (JsonNode attachment : statement.path("object").path("attachments")) {
			this.attachmentHashes.add(attachment.get("sha2").stringValue().toLowerCase());
		}
	}

	public UUID id() {
		return this.id;
	}

	/** The statement this one voids, or {@code null}. */
	public UUID voidingTarget() {
		return this.voidingTarget;
	}

	/** The attachment sha2 values it cites, lower case. */
	public List<String> attachmentHashes() {
		return this.attachmentHashes;
	}

	public boolean isVoiding() {
		return this.voidingTarget != null;
	}

}
