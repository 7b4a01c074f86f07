package org.attc.tracker.identity.internal.learner;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.attc.tracker.identity.LinkRule;
import org.attc.tracker.identity.LtiUser;
import org.attc.tracker.shared.AgentIdentifier;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which learner an identifier seen for the first time joins, decided against an index of
 * identifiers held in a map. The Moodle shapes are those of shared/fixtures/xapi: the
 * xAPI actor is {@code account {homePage: wwwroot, name: user id}} and the LTI
 * {@code sub} is the same user id, with the issuer spelled with or without a final slash.
 */
class LinkingRulesTests {

	private static final String MOODLE = "http://127.0.0.1:8181";

	/** The identifier index: key text to learner name. */
	private final Map<String, String> index = new HashMap<>();

	/** Every key the rules asked the index about. */
	private final List<IdentifierKey> asked = new ArrayList<>();

	private final Function<IdentifierKey, Optional<String>> holder = (key) -> {
		this.asked.add(key);
		return Optional.ofNullable(this.index.get(key.text()));
	};

	private void holds(String learner, IdentifierKey key) {
		this.index.put(key.text(), learner);
	}

	@Test
	void aMoodleAccountJoinsTheLearnerOfTheLtiLaunchWithTheSameUserId() {
		holds("student1", IdentifierKey.lti(MOODLE, "4"));

		LinkingRules.Decision<String> decision = LinkingRules.forActor(AgentIdentifier.account(MOODLE, "4"),
				this.holder);

		assertThat(decision.joins()).contains("student1");
		assertThat(decision.rule()).isEqualTo(LinkRule.LMS_ACCOUNT);
		assertThat(decision.note()).isEqualTo("LTI subject 4 from " + MOODLE);
	}

	@Test
	void theLtiIssuerMayEndWithASlashWhereMoodlesHomePageDoesNot() {
		holds("student1", IdentifierKey.lti(MOODLE + "/", "4"));
		assertThat(LinkingRules.forActor(AgentIdentifier.account(MOODLE, "4"), this.holder).joins())
			.contains("student1");
	}

	@Test
	void anAccountOfAnotherSiteOrAnotherUserIsANewLearner() {
		holds("student1", IdentifierKey.lti(MOODLE, "4"));
		assertThat(LinkingRules.forActor(AgentIdentifier.account("http://other.example", "4"), this.holder))
			.isEqualTo(LinkingRules.Decision.firstSight());
		assertThat(LinkingRules.forActor(AgentIdentifier.account(MOODLE, "5"), this.holder).joins()).isEmpty();
	}

	@Test
	void aMailboxInAnotherCaseJoinsTheLearnerWithThatAddress() {
		holds("ann", LinkingRules.mboxKey("mailto:ann@example.org"));

		LinkingRules.Decision<String> decision = LinkingRules.forActor(AgentIdentifier.mbox("mailto:Ann@Example.org"),
				this.holder);

		assertThat(decision.joins()).contains("ann");
		assertThat(decision.rule()).isEqualTo(LinkRule.SAME_EMAIL);
	}

	@Test
	void aMailboxJoinsTheLearnerKnownByItsSha1() {
		holds("ann", LinkingRules.sha1Key("mailto:ann@example.org"));

		LinkingRules.Decision<String> decision = LinkingRules.forActor(AgentIdentifier.mbox("mailto:ann@example.org"),
				this.holder);

		assertThat(decision.joins()).contains("ann");
		assertThat(decision.rule()).isEqualTo(LinkRule.EMAIL_HASH);
	}

	@Test
	void theAddressAsSentIsTriedBeforeItsLowerCaseAndAnAddressBeforeItsSha1() {
		holds("lower", LinkingRules.mboxKey("mailto:ann@example.org"));
		holds("lower-hashed", LinkingRules.sha1Key("mailto:ann@example.org"));
		holds("as-sent-hashed", LinkingRules.sha1Key("mailto:Ann@example.org"));
		assertThat(LinkingRules.forActor(AgentIdentifier.mbox("mailto:Ann@example.org"), this.holder).joins())
			.contains("as-sent-hashed");
		this.index.remove(LinkingRules.sha1Key("mailto:Ann@example.org").text());
		LinkingRules.Decision<String> decision = LinkingRules.forActor(AgentIdentifier.mbox("mailto:Ann@example.org"),
				this.holder);
		assertThat(decision.joins()).contains("lower");
		assertThat(decision.rule()).isEqualTo(LinkRule.SAME_EMAIL);
	}

	@Test
	void aHashedMailboxOrAnOpenIdIsANewLearnerWhateverTheIndexHolds() {
		holds("ann", LinkingRules.mboxKey("mailto:ann@example.org"));
		assertThat(LinkingRules.forActor(AgentIdentifier.mboxSha1sum(AgentIdentifier.sha1Of("mailto:ann@example.org")),
				this.holder))
			.isEqualTo(LinkingRules.Decision.firstSight());
		assertThat(LinkingRules.forActor(AgentIdentifier.openid("https://id.example.org/ann"), this.holder))
			.isEqualTo(LinkingRules.Decision.firstSight());
	}

	@Test
	void anLtiUserJoinsThePlatformsXapiAccountWithItsSubject() {
		holds("student2", IdentifierKey.of(AgentIdentifier.account(MOODLE, "5")));

		LinkingRules.Decision<String> decision = LinkingRules.forLtiUser(new LtiUser(MOODLE + "/", "5", null, "Priya"),
				this.holder);

		assertThat(decision.joins()).contains("student2");
		assertThat(decision.rule()).isEqualTo(LinkRule.LMS_ACCOUNT);
	}

	@Test
	void anLtiUserJoinsTheLearnerWithItsEmailClaimInAnyCaseOrHashed() {
		holds("priya", LinkingRules.mboxKey("mailto:priya@example.org"));
		LinkingRules.Decision<String> byAddress = LinkingRules
			.forLtiUser(new LtiUser(MOODLE, "5", " Priya@Example.org ", null), this.holder);
		assertThat(byAddress.joins()).contains("priya");
		assertThat(byAddress.rule()).isEqualTo(LinkRule.SAME_EMAIL);

		this.index.clear();
		holds("hashed", LinkingRules.sha1Key("mailto:priya@example.org"));
		assertThat(LinkingRules.forLtiUser(new LtiUser(MOODLE, "5", "priya@example.org", null), this.holder).joins())
			.contains("hashed");
	}

	@Test
	void theLmsAccountWinsOverTheEmailClaim() {
		holds("by-account", IdentifierKey.of(AgentIdentifier.account(MOODLE, "5")));
		holds("by-email", LinkingRules.mboxKey("mailto:priya@example.org"));
		assertThat(LinkingRules.forLtiUser(new LtiUser(MOODLE, "5", "priya@example.org", null), this.holder).joins())
			.contains("by-account");
	}

	@Test
	void anLtiUserWithoutAMatchOrAnEmailIsANewLearner() {
		holds("someone", LinkingRules.mboxKey("mailto:someone@example.org"));
		assertThat(LinkingRules.forLtiUser(new LtiUser(MOODLE, "9", null, null), this.holder))
			.isEqualTo(LinkingRules.Decision.firstSight());
		assertThat(LinkingRules.forLtiUser(new LtiUser(MOODLE, "9", " ", null), this.holder).joins()).isEmpty();
	}

	@Test
	void aMailboxIsAlsoLinkedByItsSha1AndWithCapitalsByItsLowerCase() {
		assertThat(LinkingRules.mailboxLinks(AgentIdentifier.mbox("mailto:ann@example.org")))
			.extracting((l) -> l.key().text(), NewLearners.Link::rule)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(LinkingRules.sha1Key("mailto:ann@example.org").text(),
					LinkRule.EMAIL_HASH));
		assertThat(LinkingRules.mailboxLinks(AgentIdentifier.mbox("mailto:Ann@example.org")))
			.extracting((l) -> l.key().text())
			.containsExactly(LinkingRules.sha1Key("mailto:Ann@example.org").text(),
					LinkingRules.mboxKey("mailto:ann@example.org").text(),
					LinkingRules.sha1Key("mailto:ann@example.org").text());
		assertThat(LinkingRules.mailboxLinks(AgentIdentifier.account(MOODLE, "4"))).isEmpty();
	}

	@Test
	void anEmailClaimLinksTheMailboxAndItsSha1AndAnUnusableClaimNothing() {
		assertThat(LinkingRules.emailClaimLinks(new LtiUser(MOODLE, "5", "priya@example.org", null)))
			.extracting((l) -> l.key().text(), NewLearners.Link::rule)
			.containsExactly(
					org.assertj.core.groups.Tuple.tuple(LinkingRules.mboxKey("mailto:priya@example.org").text(),
							LinkRule.SAME_EMAIL),
					org.assertj.core.groups.Tuple.tuple(LinkingRules.sha1Key("mailto:priya@example.org").text(),
							LinkRule.EMAIL_HASH));
		assertThat(LinkingRules.emailClaimLinks(new LtiUser(MOODLE, "5", "not an address", null))).isEmpty();
		assertThat(LinkingRules.emailClaimLinks(new LtiUser(MOODLE, "5", null, null))).isEmpty();
	}

	@Test
	void theKeysABatchLooksUpAheadAreEveryKeyTheRulesConsultOrLink() {
		// a batch of first sightings reads only these keys from the database; a key the
		// rules consulted outside them would be taken as absent
		for (AgentIdentifier actor : List.of(AgentIdentifier.mbox("mailto:Ann@Example.org"),
				AgentIdentifier.mbox("mailto:ann@example.org"), AgentIdentifier.account(MOODLE, "4"),
				AgentIdentifier.account(MOODLE + "/", "4"), AgentIdentifier.openid("https://id.example.org/ann"))) {
			this.asked.clear();
			LinkingRules.forActor(actor, this.holder);
			List<String> consulted = LinkingRules.consultedKeys(actor).stream().map(IdentifierKey::text).toList();
			assertThat(consulted).contains(IdentifierKey.of(actor).text());
			assertThat(consulted).containsAll(this.asked.stream().map(IdentifierKey::text).toList());
			assertThat(consulted).containsAll(LinkingRules.mailboxLinks(actor)
				.stream()
				.filter((l) -> l.key() != null)
				.map((l) -> l.key().text())
				.toList());
			assertThat(consulted).doesNotHaveDuplicates();
		}
	}

}
