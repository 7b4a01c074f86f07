package org.attc.tracker.shared;

import org.attc.tracker.shared.AgentIdentifier.Kind;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** xAPI 1.0.3 Data §2.4.2.3 (inverse functional identifier) and §2.4.2.4 (account). */
class AgentIdentifierTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static JsonNode actor(String text) {
		return json.readTree(text);
	}

	@Test
	void readsAnMboxAsGiven() {
		AgentIdentifier id = AgentIdentifier.fromActor(actor("{\"name\":\"A\",\"mbox\":\"mailto:Ann@Example.org\"}"));
		assertThat(id.kind()).isEqualTo(Kind.MBOX);
		assertThat(id.mbox()).isEqualTo("mailto:Ann@Example.org");
		assertThat(id.value()).isEqualTo("mbox:mailto:Ann@Example.org");
		assertThat(id.toJson().toString()).isEqualTo("{\"mbox\":\"mailto:Ann@Example.org\"}");
	}

	@Test
	void readsAnAccountWithHomePageAndName() {
		AgentIdentifier id = AgentIdentifier
			.fromActor(actor("{\"account\":{\"homePage\":\"https://moodle.example.org\",\"name\":\"42\"}}"));
		assertThat(id.kind()).isEqualTo(Kind.ACCOUNT);
		assertThat(id.homePage()).isEqualTo("https://moodle.example.org");
		assertThat(id.accountName()).isEqualTo("42");
		assertThat(id.value()).isEqualTo("account:https://moodle.example.org|42");
		assertThat(id.toJson().toString())
			.isEqualTo("{\"account\":{\"homePage\":\"https://moodle.example.org\",\"name\":\"42\"}}");
		assertThat(id.mbox()).isNull();
	}

	@Test
	void readsAnOpenidAndAnMboxSha1sum() {
		assertThat(AgentIdentifier.fromActor(actor("{\"openid\":\"https://id.example.org/ann\"}")).value())
			.isEqualTo("openid:https://id.example.org/ann");
		AgentIdentifier sha = AgentIdentifier
			.fromActor(actor("{\"mbox_sha1sum\":\"ABCDEF0123456789abcdef0123456789ABCDEF01\"}"));
		assertThat(sha.kind()).isEqualTo(Kind.MBOX_SHA1SUM);
		assertThat(sha.mboxSha1sum()).isEqualTo("ABCDEF0123456789abcdef0123456789ABCDEF01");
		assertThat(sha.value()).isEqualTo("mbox_sha1sum:abcdef0123456789abcdef0123456789abcdef01");
	}

	@Test
	void mboxSha1sumComparesWithoutRegardToHexCase() {
		assertThat(AgentIdentifier.mboxSha1sum("ABCDEF0123456789abcdef0123456789ABCDEF01"))
			.isEqualTo(AgentIdentifier.mboxSha1sum("abcdef0123456789abcdef0123456789abcdef01"))
			.hasSameHashCodeAs(AgentIdentifier.mboxSha1sum("abcdef0123456789abcdef0123456789abcdef01"));
	}

	@Test
	void identifiersOfDifferentKindsAreNotEqual() {
		assertThat(AgentIdentifier.mbox("mailto:a@b.c")).isNotEqualTo(AgentIdentifier.openid("mailto:a@b.c"));
		assertThat(AgentIdentifier.account("https://a.example", "x|y"))
			.isNotEqualTo(AgentIdentifier.account("https://a.example", "x"))
			.isEqualTo(AgentIdentifier.account("https://a.example", "x|y"));
	}

	@Test
	void sha1OfIsTheHexSha1OfTheMailtoIri() {
		// sha1("mailto:test@example.com"), computed independently with sha1sum(1)
		assertThat(AgentIdentifier.sha1Of("mailto:test@example.com"))
			.isEqualTo("53d04bc579b8b4d082ca4a530642845e2c0bfe74");
	}

	@Test
	void rejectsActorWithTwoInverseFunctionalIdentifiers() {
		assertThatThrownBy(() -> AgentIdentifier
			.fromActor(actor("{\"mbox\":\"mailto:a@b.c\",\"openid\":\"https://id.example.org/a\"}")))
			.isInstanceOf(InvalidAgentIdentifier.class)
			.hasMessageContaining("exactly one")
			.extracting((ex) -> ((InvalidAgentIdentifier) ex).property())
			.isEqualTo("openid");
	}

	@Test
	void rejectsActorWithoutInverseFunctionalIdentifier() {
		assertThatThrownBy(() -> AgentIdentifier.fromActor(actor("{\"name\":\"Ann\"}")))
			.isInstanceOf(InvalidAgentIdentifier.class)
			.hasMessageContaining("exactly one of mbox, mbox_sha1sum, openid, account");
	}

	@Test
	void rejectsMboxThatIsNotAMailtoIri() {
		for (String bad : new String[] { "ann@example.org", "mailto:", "mailto:ann", "http://example.org" }) {
			assertThatThrownBy(() -> AgentIdentifier.fromActor(actor("{\"mbox\":\"" + bad + "\"}"))).as(bad)
				.isInstanceOf(InvalidAgentIdentifier.class)
				.extracting((ex) -> ((InvalidAgentIdentifier) ex).property())
				.isEqualTo("mbox");
		}
	}

	@Test
	void rejectsMboxThatIsNotAString() {
		assertThatThrownBy(() -> AgentIdentifier.fromActor(actor("{\"mbox\":null}")))
			.isInstanceOf(InvalidAgentIdentifier.class)
			.hasMessageContaining("must be a string");
	}

	@Test
	void rejectsMboxSha1sumThatIsNot40Hex() {
		assertThatThrownBy(() -> AgentIdentifier.mboxSha1sum("abc")).isInstanceOf(InvalidAgentIdentifier.class);
		assertThatThrownBy(() -> AgentIdentifier.mboxSha1sum("zzcdef0123456789abcdef0123456789abcdef01"))
			.isInstanceOf(InvalidAgentIdentifier.class);
	}

	@Test
	void rejectsOpenidThatIsNotAnAbsoluteUri() {
		assertThatThrownBy(() -> AgentIdentifier.openid("not a uri")).isInstanceOf(InvalidAgentIdentifier.class);
		assertThatThrownBy(() -> AgentIdentifier.openid("/relative")).isInstanceOf(InvalidAgentIdentifier.class);
	}

	@Test
	void rejectsAccountWithoutHomePageOrName() {
		assertThatThrownBy(() -> AgentIdentifier.fromActor(actor("{\"account\":{\"name\":\"42\"}}")))
			.extracting((ex) -> ((InvalidAgentIdentifier) ex).property())
			.isEqualTo("account.homePage");
		assertThatThrownBy(
				() -> AgentIdentifier.fromActor(actor("{\"account\":{\"homePage\":\"https://moodle.example.org\"}}")))
			.extracting((ex) -> ((InvalidAgentIdentifier) ex).property())
			.isEqualTo("account.name");
	}

	@Test
	void rejectsAccountWithARelativeHomePage() {
		assertThatThrownBy(
				() -> AgentIdentifier.fromActor(actor("{\"account\":{\"homePage\":\"moodle\",\"name\":\"42\"}}")))
			.isInstanceOf(InvalidAgentIdentifier.class)
			.hasMessageContaining("absolute IRL");
	}

	@Test
	void rejectsAccountWithUnknownProperties() {
		assertThatThrownBy(() -> AgentIdentifier
			.fromActor(actor("{\"account\":{\"homePage\":\"https://m.example\",\"name\":\"42\",\"id\":1}}")))
			.extracting((ex) -> ((InvalidAgentIdentifier) ex).property())
			.isEqualTo("account.id");
	}

	@Test
	void accountHomePageCannotContainTheKeySeparatorSoKeysAreUnambiguous() {
		assertThatThrownBy(() -> AgentIdentifier.account("https://a.example|x", "y"))
			.isInstanceOf(InvalidAgentIdentifier.class);
	}

	@Test
	void rejectsAnActorThatIsNotAnObject() {
		assertThatThrownBy(() -> AgentIdentifier.fromActor(actor("\"mailto:a@b.c\"")))
			.isInstanceOf(InvalidAgentIdentifier.class);
	}

}
