package org.attc.tracker.xapi.internal.statements;

import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import org.attc.tracker.shared.AgentIdentifier;
import org.attc.tracker.xapi.internal.XapiJson;
import org.attc.tracker.xapi.internal.protocol.XapiProblems.XapiRequestRefused;
import org.attc.tracker.xapi.internal.store.StatementQuery;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The state of a query, carried in the {@code more} link of a StatementResult (xAPI 1.0.3
 * Communication §2.1.3; Data §2.5: "more" is an IRL the client follows as is). It is
 * base64url JSON of the filters and the keyset position; the client key is never in it
 * (it is the caller's, so a link handed to another client reads only what that client
 * may).
 */
final class MoreToken {

	private MoreToken() {
	}

	static String encode(StatementQuery query) {
		ObjectNode token = JsonNodeFactory.instance.objectNode();
		if (query.agent() != null) {
			token.set("agent", query.agent().toJson());
		}
		token.put("verb", query.verb());
		token.put("activity", query.activity());
		token.put("registration", (query.registration() != null) ? query.registration().toString() : null);
		token.put("relatedActivities", query.relatedActivities());
		token.put("relatedAgents", query.relatedAgents());
		token.put("since", (query.since() != null) ? query.since().toString() : null);
		token.put("until", (query.until() != null) ? query.until().toString() : null);
		token.put("limit", query.limit());
		token.put("format", query.format());
		token.put("attachments", query.attachments());
		token.put("ascending", query.ascending());
		token.put("after", query.after());
		token.put("afterStored", (query.afterStored() != null) ? query.afterStored().toString() : null);
		token.put("through", query.through());
		return Base64.getUrlEncoder().withoutPadding().encodeToString(XapiJson.MAPPER.writeValueAsBytes(token));
	}

	/**
	 * @param clientKey the only client whose statements the caller reads, or {@code null}
	 * @throws XapiRequestRefused (400) for a token this LRS did not make
	 */
	static StatementQuery decode(String text, String clientKey) {
		try {
			JsonNode token = XapiJson.MAPPER.readTree(Base64.getUrlDecoder().decode(text));
			return StatementQuery.builder()
				.agent(token.hasNonNull("agent") ? AgentIdentifier.fromActor(token.get("agent")) : null)
				.verb(token.path("verb").stringValue(null))
				.activity(token.path("activity").stringValue(null))
				.registration(token.hasNonNull("registration")
						? UUID.fromString(token.get("registration").stringValue()) : null)
				.relatedActivities(token.path("relatedActivities").booleanValue())
				.relatedAgents(token.path("relatedAgents").booleanValue())
				.since(token.hasNonNull("since") ? Instant.parse(token.get("since").stringValue()) : null)
				.until(token.hasNonNull("until") ? Instant.parse(token.get("until").stringValue()) : null)
				.limit(token.get("limit").intValue())
				.format(StatementQueryParameters.format(token.get("format").stringValue()))
				.attachments(token.path("attachments").booleanValue())
				.ascending(token.path("ascending").booleanValue())
				.after(token.get("after").longValue())
				.afterStored(
						token.hasNonNull("afterStored") ? Instant.parse(token.get("afterStored").stringValue()) : null)
				.through(token.get("through").longValue())
				.clientKey(clientKey)
				.build();
		}
		catch (RuntimeException ex) {
			throw new XapiRequestRefused(400, "xapi-bad-request", "more", "The more link is not valid.");
		}
	}

}
