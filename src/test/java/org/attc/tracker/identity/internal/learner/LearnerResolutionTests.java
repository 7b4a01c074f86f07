package org.attc.tracker.identity.internal.learner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.persistence.EntityManager;
import org.attc.tracker.identity.Learners;
import org.attc.tracker.identity.LtiUser;
import org.attc.tracker.shared.AgentIdentifier;
import org.attc.tracker.shared.LearnerId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every actor and LTI user resolves to exactly one learner; the linking rules, on real
 * MariaDB.
 */
@SpringBootTest
class LearnerResolutionTests {

	@Autowired
	Learners learners;

	@Autowired
	LearnerDirectory directory;

	@Autowired
	LearnerAdministration administration;

	private static String unique() {
		return UUID.randomUUID().toString().substring(0, 8);
	}

	@Test
	void anActorSeenForTheFirstTimeBecomesANewLearnerAndResolvesToItAfterwards() {
		AgentIdentifier mbox = AgentIdentifier.mbox("mailto:new-" + unique() + "@nhs.net");
		LearnerId first = this.learners.resolveActor(mbox, "Ann Example");
		LearnerId again = this.learners.resolveActor(mbox, null);
		assertThat(again).isEqualTo(first);
		assertThat(this.learners.profile(first))
			.hasValueSatisfying((p) -> assertThat(p.name()).isEqualTo("Ann Example"));
	}

	@Test
	void anMboxAndTheSha1OfItAreTheSameLearnerWhicheverComesFirst() {
		String mbox = "mailto:hash-" + unique() + "@nhs.net";
		LearnerId byMbox = this.learners.resolveActor(AgentIdentifier.mbox(mbox), null);
		assertThat(this.learners.resolveActor(AgentIdentifier.mboxSha1sum(AgentIdentifier.sha1Of(mbox)), null))
			.isEqualTo(byMbox);

		String other = "mailto:hash-first-" + unique() + "@nhs.net";
		LearnerId bySha1 = this.learners
			.resolveActor(AgentIdentifier.mboxSha1sum(AgentIdentifier.sha1Of(other).toUpperCase()), null);
		assertThat(this.learners.resolveActor(AgentIdentifier.mbox(other), null)).isEqualTo(bySha1);
	}

	@Test
	void mailboxesThatDifferOnlyInCaseAreTheSameLearner() {
		String local = "Case-" + unique();
		LearnerId upper = this.learners.resolveActor(AgentIdentifier.mbox("mailto:" + local + "@NHS.net"), null);
		LearnerId lower = this.learners.resolveActor(AgentIdentifier.mbox("mailto:" + local.toLowerCase() + "@nhs.net"),
				null);
		assertThat(lower).isEqualTo(upper);
	}

	@Test
	void aMoodleAccountActorIsTheLtiUserWithThatUserIdFromThatIssuer() {
		String issuer = "https://moodle-" + unique() + ".nhs.uk";
		LearnerId lti = this.learners.resolveLtiUser(new LtiUser(issuer, "42", null, "Sam Nurse"));
		// Moodle's log store names the site without a final slash, a platform may add one
		LearnerId account = this.learners.resolveActor(AgentIdentifier.account(issuer + "/", "42"), "Sam Nurse");
		assertThat(account).isEqualTo(lti);
		assertThat(this.learners.resolveActor(AgentIdentifier.account(issuer, "43"), null)).isNotEqualTo(lti);
	}

	@Test
	void anLtiUserLaunchingAfterTheirMoodleStatementsJoinsThatLearner() {
		String issuer = "https://moodle-" + unique() + ".nhs.uk";
		LearnerId account = this.learners.resolveActor(AgentIdentifier.account(issuer, "7"), "Student Four");
		assertThat(this.learners.resolveLtiUser(new LtiUser(issuer, "7", null, null))).isEqualTo(account);
	}

	@Test
	void theEmailClaimOfALaunchLinksToTheLearnerWithThatMbox() {
		String email = "claim-" + unique() + "@nhs.net";
		LearnerId byMbox = this.learners.resolveActor(AgentIdentifier.mbox("mailto:" + email), null);
		LearnerId byLti = this.learners.resolveLtiUser(
				new LtiUser("https://canvas.example.ac.uk", "opaque-" + unique(), email.toUpperCase(), "Pat"));
		assertThat(byLti).isEqualTo(byMbox);
		// and afterwards statements with only the hash of that address find them too
		assertThat(this.learners.find(AgentIdentifier.mboxSha1sum(AgentIdentifier.sha1Of("mailto:" + email))))
			.contains(byMbox);
	}

	@Test
	void theEmailOfAnLtiUserIsLinkedForLaterStatements() {
		String email = "later-" + unique() + "@nhs.net";
		LearnerId lti = this.learners
			.resolveLtiUser(new LtiUser("https://canvas.example.ac.uk", unique(), email, null));
		assertThat(this.learners.resolveActor(AgentIdentifier.mbox("mailto:" + email), null)).isEqualTo(lti);
		assertThat(this.learners.agentIdentifiers(lti)).extracting(AgentIdentifier::kind)
			.contains(AgentIdentifier.Kind.MBOX, AgentIdentifier.Kind.MBOX_SHA1SUM);
	}

	@Test
	void differentPeopleStayDifferentLearners() {
		LearnerId a = this.learners.resolveActor(AgentIdentifier.mbox("mailto:a-" + unique() + "@nhs.net"), null);
		LearnerId b = this.learners.resolveActor(AgentIdentifier.openid("https://id.example.org/" + unique()), null);
		assertThat(a).isNotEqualTo(b);
	}

	@Test
	void concurrentFirstSightingsOfOneActorCreateExactlyOneLearner() throws Exception {
		AgentIdentifier actor = AgentIdentifier.account("https://lms.example.nhs.uk", "race-" + unique());
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Callable<LearnerId>> tasks = new ArrayList<>();
			for (int i = 0; i < 16; i++) {
				tasks.add(() -> this.learners.resolveActor(actor, null));
			}
			Set<LearnerId> resolved = new java.util.HashSet<>();
			for (Future<LearnerId> f : pool.invokeAll(tasks)) {
				resolved.add(f.get());
			}
			assertThat(resolved).hasSize(1);
		}
		finally {
			pool.shutdown();
		}
	}

	@Test
	void aBatchOfActorsResolvesAsOneByOneWouldKnownAndNewAlike() {
		String issuer = "https://moodle-" + unique() + ".nhs.uk";
		LearnerId lti = this.learners.resolveLtiUser(new LtiUser(issuer, "1", null, "Lee Launch"));
		AgentIdentifier known = AgentIdentifier.mbox("mailto:known-" + unique() + "@nhs.net");
		LearnerId knownLearner = this.learners.resolveActor(known, "Kim Known");
		AgentIdentifier linked = AgentIdentifier.account(issuer + "/", "1");
		AgentIdentifier fresh = AgentIdentifier.openid("https://id.example.org/" + unique());
		AgentIdentifier hashOfKnown = AgentIdentifier.mboxSha1sum(AgentIdentifier.sha1Of(known.mbox()));
		Map<AgentIdentifier, String> actors = new LinkedHashMap<>();
		actors.put(known, "Kim Known");
		actors.put(linked, "Lee Launch");
		actors.put(fresh, "Fay First");
		actors.put(hashOfKnown, null);

		Map<AgentIdentifier, LearnerId> resolved = this.learners.resolveActors(actors);

		assertThat(resolved).containsEntry(known, knownLearner)
			.containsEntry(hashOfKnown, knownLearner)
			.containsEntry(linked, lti)
			.containsKey(fresh);
		assertThat(resolved.get(fresh)).isNotIn(knownLearner, lti);
		assertThat(this.learners.resolveActor(fresh, null)).isEqualTo(resolved.get(fresh));
		assertThat(this.learners.profile(resolved.get(fresh)))
			.hasValueSatisfying((p) -> assertThat(p.name()).isEqualTo("Fay First"));
		assertThat(this.learners.resolveActors(actors)).isEqualTo(resolved);
	}

	@Test
	void aKnownLearnerWithoutANameLearnsItFromABatch() {
		AgentIdentifier actor = AgentIdentifier.mbox("mailto:nameless-" + unique() + "@nhs.net");
		LearnerId learner = this.learners.resolveActor(actor, null);
		assertThat(this.learners.resolveActors(Map.of(actor, "Nia Named"))).containsEntry(actor, learner);
		assertThat(this.learners.profile(learner))
			.hasValueSatisfying((p) -> assertThat(p.name()).isEqualTo("Nia Named"));
	}

	@Test
	void aBatchResolvesTheActorOfAMergedLearnerToTheSurvivor() {
		AgentIdentifier survivorActor = AgentIdentifier.mbox("mailto:survivor-" + unique() + "@nhs.net");
		AgentIdentifier absorbedActor = AgentIdentifier.openid("https://id.example.org/absorbed-" + unique());
		LearnerId survivor = this.learners.resolveActor(survivorActor, "Sue Survivor");
		LearnerId absorbed = this.learners.resolveActor(absorbedActor, "Sue S.");
		this.administration.merge(survivor.value(), absorbed.value(), "same person",
				new org.springframework.security.authentication.TestingAuthenticationToken("admin", "x", "ROLE_ADMIN"));
		assertThat(this.learners.resolveActors(Map.of(absorbedActor, "Sue S.", survivorActor, "Sue Survivor")))
			.containsEntry(absorbedActor, survivor)
			.containsEntry(survivorActor, survivor);
	}

	@Test
	void concurrentBatchesWithTheSameNewActorsCreateEachLearnerOnce() throws Exception {
		List<AgentIdentifier> actors = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			actors.add(AgentIdentifier.account("https://lms.example.nhs.uk", "batch-race-" + unique()));
		}
		resolveConcurrently(actors, 8, List.of(this.learners::resolveActors));
	}

	/**
	 * Resolves the actors in {@code batches} concurrent batches, each naming them in
	 * another order, by the resolvers in turn; checks that every batch got the same
	 * answer, one learner per actor, and that the index finds each.
	 */
	private void resolveConcurrently(List<AgentIdentifier> actors, int batches,
			List<Function<Map<AgentIdentifier, String>, Map<AgentIdentifier, LearnerId>>> resolvers) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Callable<Map<AgentIdentifier, LearnerId>>> tasks = new ArrayList<>();
			for (int i = 0; i < batches; i++) {
				List<AgentIdentifier> order = new ArrayList<>(actors);
				java.util.Collections.shuffle(order, new java.util.Random(i));
				Map<AgentIdentifier, String> batch = new LinkedHashMap<>();
				order.forEach((a) -> batch.put(a, "Learner " + a.value()));
				Function<Map<AgentIdentifier, String>, Map<AgentIdentifier, LearnerId>> resolver = resolvers
					.get(i % resolvers.size());
				tasks.add(() -> resolver.apply(batch));
			}
			List<Map<AgentIdentifier, LearnerId>> results = new ArrayList<>();
			for (Future<Map<AgentIdentifier, LearnerId>> f : pool.invokeAll(tasks)) {
				results.add(f.get());
			}
			assertThat(results).allSatisfy((r) -> assertThat(r).isEqualTo(results.get(0)));
			assertThat(Set.copyOf(results.get(0).values())).hasSize(actors.size());
			actors.forEach((a) -> assertThat(this.learners.find(a)).contains(results.get(0).get(a)));
		}
		finally {
			pool.shutdown();
		}
	}

	@Test
	void newActorsOfABatchGetTheLearnersAndLinksThatOneByOneResolutionGives() {
		String u = unique();
		AgentIdentifier mbox = AgentIdentifier.mbox("mailto:Batch-" + u + "@NHS.net");
		AgentIdentifier openid = AgentIdentifier.openid("https://id.example.org/batch-" + u);
		// nameless like the openid: two rows that differ only in their ids
		AgentIdentifier nameless = AgentIdentifier.openid("https://id.example.org/nameless-" + u);
		AgentIdentifier account = AgentIdentifier.account("https://moodle-" + u + ".nhs.uk", "acct-b");
		AgentIdentifier sha1 = AgentIdentifier.mboxSha1sum(AgentIdentifier.sha1Of("mailto:hidden-" + u + "@nhs.net"));
		Map<AgentIdentifier, String> actors = new LinkedHashMap<>();
		actors.put(mbox, "Bea Batch");
		actors.put(openid, null);
		actors.put(nameless, null);
		actors.put(account, "Al Account");
		actors.put(sha1, "Sam Hash");

		Map<AgentIdentifier, LearnerId> resolved = this.learners.resolveActors(actors);

		assertThat(Set.copyOf(resolved.values())).hasSize(5);
		LearnerId learner = resolved.get(mbox);
		assertThat(this.learners.find(AgentIdentifier.mbox("mailto:batch-" + u + "@nhs.net"))).contains(learner);
		assertThat(this.learners.find(AgentIdentifier.mboxSha1sum(AgentIdentifier.sha1Of(mbox.mbox()))))
			.contains(learner);
		assertThat(this.learners
			.find(AgentIdentifier.mboxSha1sum(AgentIdentifier.sha1Of("mailto:batch-" + u + "@nhs.net"))))
			.contains(learner);
		assertThat(this.learners.profile(learner)).hasValueSatisfying((p) -> {
			assertThat(p.name()).isEqualTo("Bea Batch");
			assertThat(p.email()).isEqualTo("Batch-" + u + "@NHS.net");
		});
		assertThat(this.learners.profile(resolved.get(openid)))
			.hasValueSatisfying((p) -> assertThat(p.name()).isNull());
		actors.forEach(
				(actor, name) -> assertThat(this.learners.resolveActor(actor, null)).isEqualTo(resolved.get(actor)));

		// the same links, rules, notes and labels as a single first sighting gets
		LearnerId single = this.learners.resolveActor(AgentIdentifier.mbox("mailto:Single-" + u + "@NHS.net"), null);
		assertThat(links(learner).replace("Batch-", "X-").replace("batch-", "x-"))
			.isEqualTo(links(single).replace("Single-", "X-").replace("single-", "x-"));
		assertThat(links(resolved.get(account))).isEqualTo(links(
				this.learners.resolveActor(AgentIdentifier.account("https://moodle-" + u + ".nhs.uk", "acct-s"), null))
			.replace("acct-s", "acct-b"));
	}

	/**
	 * Every identifier of the learner as kind, rule, value (but for a hash) and note, in
	 * a stable order.
	 */
	private String links(LearnerId learner) {
		LearnerView view = this.directory.view(learner.value(),
				new org.springframework.security.authentication.TestingAuthenticationToken("admin", "x", "ROLE_ADMIN"));
		return view.identifiers()
			.stream()
			.map((i) -> i.kind() + " " + i.linkRule() + " " + (i.kind().equals("mbox_sha1sum") ? "" : i.value()) + " "
					+ i.note())
			.sorted()
			.collect(Collectors.joining("\n"));
	}

	@Test
	void newActorsOfABatchThatShareAMailboxBecomeOneLearner() {
		String u = unique();
		AgentIdentifier upper = AgentIdentifier.mbox("mailto:Ann-" + u + "@NHS.net");
		AgentIdentifier lower = AgentIdentifier.mbox("mailto:ann-" + u + "@nhs.net");
		AgentIdentifier hash = AgentIdentifier.mboxSha1sum(AgentIdentifier.sha1Of(lower.mbox()));
		AgentIdentifier other = AgentIdentifier.openid("https://id.example.org/other-" + u);
		Map<AgentIdentifier, String> actors = new LinkedHashMap<>();
		actors.put(hash, null);
		actors.put(upper, "Ann");
		actors.put(other, "Otto");
		actors.put(lower, null);

		Map<AgentIdentifier, LearnerId> resolved = this.learners.resolveActors(actors);

		assertThat(resolved.get(lower)).isEqualTo(resolved.get(upper)).isEqualTo(resolved.get(hash));
		assertThat(resolved.get(other)).isNotEqualTo(resolved.get(upper));
		assertThat(this.learners.resolveActor(upper, null)).isEqualTo(resolved.get(upper));
	}

	@Test
	void concurrentBatchesOnTwoNodesWithTheSameNewActorsCreateEachLearnerOnce(@Autowired LearnerRepository repository,
			@Autowired LearnerIdentifierRepository identifiers, @Autowired PlatformTransactionManager transactions,
			@Autowired NamedParameterJdbcTemplate jdbc, @Autowired EntityManager entityManager,
			@Autowired NewLearners newLearners, @Autowired LearnerResolution thisNode) throws Exception {
		// a second node: its own lock, the same database
		LearnerResolution otherNode = new LearnerResolution(repository, identifiers, transactions, this.directory, jdbc,
				entityManager, newLearners);
		for (int round = 0; round < 5; round++) {
			List<AgentIdentifier> actors = new ArrayList<>();
			for (int i = 0; i < 30; i++) {
				actors.add((i % 3 == 0) ? AgentIdentifier.mbox("mailto:Node-" + unique() + "@nhs.net")
						: AgentIdentifier.account("https://lms.example.nhs.uk", "node-race-" + unique()));
			}
			resolveConcurrently(actors, 4, List.of(thisNode::resolveActors, otherNode::resolveActors));
		}
	}

	@Test
	void eachLinkSaysWhichRuleMadeIt() {
		String issuer = "https://moodle-" + unique() + ".nhs.uk";
		String email = "rules-" + unique() + "@nhs.net";
		LearnerId id = this.learners.resolveActor(AgentIdentifier.account(issuer, "9"), "Jo");
		this.learners.resolveLtiUser(new LtiUser(issuer, "9", email, "Jo"));
		LearnerView view = this.directory.view(id.value(),
				new org.springframework.security.authentication.TestingAuthenticationToken("admin", "x", "ROLE_ADMIN"));
		assertThat(view.identifiers()
			.stream()
			.collect(Collectors.toMap(LearnerView.IdentifierView::kind, LearnerView.IdentifierView::linkRule)))
			.containsEntry("account", "first_sight")
			.containsEntry("lti", "lms_account")
			.containsEntry("mbox", "same_email")
			.containsEntry("mbox_sha1sum", "email_hash");
		assertThat(view.identifiers()).allSatisfy((i) -> assertThat(i.explanation()).isNotBlank());
	}

}
