package org.attc.tracker.xapi.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.attc.tracker.identity.Learners;
import org.attc.tracker.shared.AgentIdentifier;
import org.attc.tracker.shared.InvalidAgentIdentifier;
import org.attc.tracker.xapi.Statements;
import org.attc.tracker.xapi.StoredStatement;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The actors of statements an LRS client stored join the client's organisation, unless
 * something stronger places them (identity's organisation rules: the client's
 * organisation is the weakest source). After the commit, durably (delivery is at least
 * once; placing again is idempotent).
 * <p>
 * This listener and its event stay in the {@code internal} package itself: the event
 * publication registry stores both class names with every incomplete publication, so a
 * move would orphan publications still waiting when a node is upgraded.
 */
@Component
class ClientOrganisations {

	private final Statements statements;

	private final Learners learners;

	ClientOrganisations(Statements statements, Learners learners) {
		this.statements = statements;
		this.learners = learners;
	}

	@ApplicationModuleListener
	void on(ClientStatementsStored stored) {
		Map<AgentIdentifier, String> actors = new LinkedHashMap<>();
		for (StoredStatement statement : this.statements.findByIds(stored.statementIds())) {
			JsonNode actor = statement.statement().path("actor");
			if (!"Agent".equals(actor.path("objectType").asString("Agent"))) {
				// a Group is no person
				continue;
			}
			try {
				actors.putIfAbsent(AgentIdentifier.fromActor(actor), actor.path("name").asString(null));
			}
			catch (InvalidAgentIdentifier ex) {
				// validated on the way in; nothing to place
			}
		}
		if (!actors.isEmpty()) {
			this.learners.placeActorsOfLrsClient(actors, stored.clientKey(), stored.clientName(),
					stored.organisation());
		}
	}

}
