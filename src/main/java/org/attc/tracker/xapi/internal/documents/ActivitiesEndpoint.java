package org.attc.tracker.xapi.internal.documents;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import org.attc.tracker.identity.Learners;
import org.attc.tracker.shared.AgentIdentifier;
import org.attc.tracker.xapi.internal.XapiJson;
import org.attc.tracker.xapi.internal.clients.LrsClient;
import org.attc.tracker.xapi.internal.clients.ScopeRules;
import org.attc.tracker.xapi.internal.clients.ScopeRules.Permission;
import org.attc.tracker.xapi.internal.protocol.XapiParameters;
import org.attc.tracker.xapi.internal.protocol.XapiProblems.XapiRequestRefused;
import org.attc.tracker.xapi.internal.protocol.XapiResource;
import org.attc.tracker.xapi.internal.store.ActivityDefinitions;
import org.attc.tracker.xapi.internal.validation.StatementValidator;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Activities resource (xAPI 1.0.3 Communication §2.5: the LRS's canonical definition
 * of an activity, {@link ActivityDefinitions}) and the Agents resource (§2.6: the Person
 * object with every identifier the service knows for that person, from the identity
 * module's learner links).
 */
@RestController
@XapiResource
class ActivitiesEndpoint {

	private final ActivityDefinitions definitions;

	private final Learners learners;

	ActivitiesEndpoint(ActivityDefinitions definitions, Learners learners) {
		this.definitions = definitions;
		this.learners = learners;
	}

	@GetMapping("/xapi/activities")
	ResponseEntity<JsonNode> activity(HttpServletRequest request, @AuthenticationPrincipal LrsClient client) {
		ScopeRules.require(client, Permission.READ_ACTIVITIES_AND_AGENTS);
		XapiParameters parameters = XapiParameters.of(request);
		parameters.onlyThese(Set.of("activityId"));
		String activityId = parameters.text("activityId");
		if (activityId == null || !StatementValidator.isIri(activityId)) {
			throw XapiRequestRefused.badRequest("activityId", "activityId (an IRI) is required");
		}
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(this.definitions.activity(activityId));
	}

	@GetMapping("/xapi/agents")
	ResponseEntity<JsonNode> agents(HttpServletRequest request, @AuthenticationPrincipal LrsClient client) {
		ScopeRules.require(client, Permission.READ_ACTIVITIES_AND_AGENTS);
		XapiParameters parameters = XapiParameters.of(request);
		parameters.onlyThese(Set.of("agent"));
		AgentIdentifier given = parameters.agent("agent", "agent must be an Agent as JSON");
		if (given == null) {
			throw XapiRequestRefused.badRequest("agent", "agent is required");
		}
		Set<AgentIdentifier> identifiers = new LinkedHashSet<>();
		identifiers.add(given);
		Set<String> names = new LinkedHashSet<>();
		JsonNode agent = XapiJson.MAPPER.readTree(parameters.text("agent"));
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

}
