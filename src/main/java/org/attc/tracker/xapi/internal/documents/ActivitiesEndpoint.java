package org.attc.tracker.xapi.internal.documents;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import org.attc.tracker.identity.Learners;
import org.attc.tracker.shared.AgentIdentifier;
import org.attc.tracker.xapi.internal.XapiJson;
import org.attc.tracker.xapi.internal.clients.LrsClient;
import org.attc.tracker.xapi.internal.protocol.XapiProblems.XapiRequestRefused;
import org.attc.tracker.xapi.internal.protocol.XapiResource;
import org.attc.tracker.xapi.internal.validation.StatementValidator;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Activities resource (xAPI 1.0.3 Communication §2.5: the LRS's canonical definition
 * of an activity, merged from the statements that have it as object; an activity no
 * statement names is still answered, as an Activity object with only its id, IEEE
 * 9274.1.1 §4.1.6.4) and the Agents resource (§2.6: the Person object with every
 * identifier the service knows for that person, from the identity module's learner
 * links).
 */
@RestController
@XapiResource
class ActivitiesEndpoint {

	private static final int DEFINITIONS_READ = 200;

	private final JdbcTemplate jdbc;

	private final Learners learners;

	ActivitiesEndpoint(JdbcTemplate jdbc, Learners learners) {
		this.jdbc = jdbc;
		this.learners = learners;
	}

	@GetMapping("/xapi/activities")
	ResponseEntity<JsonNode> activity(HttpServletRequest request, @AuthenticationPrincipal LrsClient client) {
		requireRead(client);
		only(request, Set.of("activityId"));
		String activityId = request.getParameter("activityId");
		if (activityId == null || !StatementValidator.isIri(activityId)) {
			throw XapiRequestRefused.badRequest("activityId", "activityId (an IRI) is required");
		}
		// oldest first, so that later statements' definitions win (Data §2.4.4.1: the LRS
		// may update its canonical definition from statements)
		List<String> statements = this.jdbc.queryForList("SELECT statement FROM (SELECT s.seq, s.statement "
				+ "FROM xapi_statement_activity a JOIN xapi_statement s ON s.seq = a.statement_seq "
				+ "WHERE a.iri_hash = ? ORDER BY s.seq DESC LIMIT " + DEFINITIONS_READ + ") recent ORDER BY seq",
				String.class, XapiJson.sha1(activityId));
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
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(activity);
	}

	@GetMapping("/xapi/agents")
	ResponseEntity<JsonNode> agents(HttpServletRequest request, @AuthenticationPrincipal LrsClient client) {
		requireRead(client);
		only(request, Set.of("agent"));
		String text = request.getParameter("agent");
		if (text == null) {
			throw XapiRequestRefused.badRequest("agent", "agent is required");
		}
		AgentIdentifier given = DocumentsEndpoint.agent(text);
		Set<AgentIdentifier> identifiers = new LinkedHashSet<>();
		identifiers.add(given);
		Set<String> names = new LinkedHashSet<>();
		JsonNode agent = XapiJson.MAPPER.readTree(text);
		if (agent.path("name").isString()) {
			names.add(agent.get("name").stringValue());
		}
		this.learners.find(given).ifPresent((learner) -> {
			identifiers.addAll(this.learners.agentIdentifiers(learner));
			this.learners.profile(learner)
				.map((profile) -> profile.name())
				.filter((name) -> name != null && !name.isBlank())
				.ifPresent(names::add);
		});
		// Communication §2.6 (Person object): arrays of each identifier kind and of names
		ObjectNode person = JsonNodeFactory.instance.objectNode().put("objectType", "Person");
		if (!names.isEmpty()) {
			ArrayNode nameArray = person.putArray("name");
			names.forEach(nameArray::add);
		}
		for (AgentIdentifier identifier : identifiers) {
			for (Map.Entry<String, JsonNode> property : identifier.toJson().properties()) {
				person.withArray(property.getKey()).add(property.getValue());
			}
		}
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(person);
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

	private static void requireRead(LrsClient client) {
		if (!client.mayReadOwnStatements() && !client.mayReadDocuments()) {
			throw new XapiRequestRefused(403, "forbidden", null, "This client may not read.");
		}
	}

	private static void only(HttpServletRequest request, Set<String> allowed) {
		for (String name : request.getParameterMap().keySet()) {
			if (!allowed.contains(name)) {
				throw XapiRequestRefused.badRequest(name, "unknown parameter " + name);
			}
		}
	}

}
