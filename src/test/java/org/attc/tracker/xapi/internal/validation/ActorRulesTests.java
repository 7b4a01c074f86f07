package org.attc.tracker.xapi.internal.validation;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import static org.attc.tracker.xapi.internal.validation.ValidStatement.accepted;
import static org.attc.tracker.xapi.internal.validation.ValidStatement.node;
import static org.attc.tracker.xapi.internal.validation.ValidStatement.refusedAt;
import static org.attc.tracker.xapi.internal.validation.ValidStatement.statement;

/** xAPI 1.0.3 Data §2.4.2: Agents, Groups and their identifiers. */
class ActorRulesTests {

	@Test
	void acceptsAnAgentWithOneIdentifier() {
		accepted(statement());
	}

	@Test
	void rejectsActorWithTwoInverseFunctionalIdentifiers() {
		ObjectNode s = statement();
		((ObjectNode) s.get("actor")).put("openid", "https://id.example.org/ann");
		refusedAt(s, "$.actor.openid");
	}

	@Test
	void rejectsAgentWithoutIdentifier() {
		ObjectNode s = statement();
		s.set("actor", node("{\"name\":\"Ann\"}"));
		refusedAt(s, "$.actor");
	}

	@Test
	void rejectsMboxWithoutMailtoScheme() {
		ObjectNode s = statement();
		s.set("actor", node("{\"mbox\":\"ann@example.org\"}"));
		refusedAt(s, "$.actor.mbox");
	}

	@Test
	void rejectsAccountWithoutName() {
		ObjectNode s = statement();
		s.set("actor", node("{\"account\":{\"homePage\":\"https://m.example.org\"}}"));
		refusedAt(s, "$.actor.account.name");
	}

	@Test
	void rejectsUnknownAgentProperty() {
		ObjectNode s = statement();
		((ObjectNode) s.get("actor")).put("email", "ann@example.org");
		refusedAt(s, "$.actor.email");
	}

	@Test
	void rejectsNullAgentName() {
		ObjectNode s = statement();
		((ObjectNode) s.get("actor")).putNull("name");
		refusedAt(s, "$.actor.name");
	}

	@Test
	void rejectsAgentObjectTypeOtherThanAgent() {
		ObjectNode s = statement();
		((ObjectNode) s.get("actor")).put("objectType", "agent");
		refusedAt(s, "$.actor.objectType");
	}

	@Test
	void acceptsAnAnonymousGroupWithMembers() {
		ObjectNode s = statement();
		s.set("actor", node("{\"objectType\":\"Group\",\"member\":[{\"mbox\":\"mailto:a@b.c\"}]}"));
		accepted(s);
	}

	@Test
	void rejectsAnAnonymousGroupWithoutMembers() {
		ObjectNode s = statement();
		s.set("actor", node("{\"objectType\":\"Group\",\"name\":\"Team\"}"));
		refusedAt(s, "$.actor.member");
	}

	@Test
	void acceptsAnIdentifiedGroupWithoutMembers() {
		ObjectNode s = statement();
		s.set("actor", node("{\"objectType\":\"Group\",\"account\":{\"homePage\":\"https://x.org\",\"name\":\"g\"}}"));
		accepted(s);
	}

	@Test
	void rejectsAGroupAsAMemberOfAGroup() {
		ObjectNode s = statement();
		s.set("actor", node(
				"{\"objectType\":\"Group\",\"member\":[{\"objectType\":\"Group\"," + "\"mbox\":\"mailto:g@b.c\"}]}"));
		refusedAt(s, "$.actor.member[0].objectType");
	}

	@Test
	void rejectsAMemberWithoutIdentifier() {
		ObjectNode s = statement();
		s.set("actor", node("{\"objectType\":\"Group\",\"member\":[{\"name\":\"x\"}]}"));
		refusedAt(s, "$.actor.member[0]");
	}

	@Test
	void rejectsAnAuthorityGroupThatIsNotTwoAgents() {
		ObjectNode s = statement();
		s.set("authority", node("{\"objectType\":\"Group\",\"member\":[{\"mbox\":\"mailto:a@b.c\"}]}"));
		refusedAt(s, "$.authority.member");
	}

}
