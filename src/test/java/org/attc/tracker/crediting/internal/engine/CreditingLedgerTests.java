package org.attc.tracker.crediting.internal.engine;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import org.attc.tracker.crediting.AttainmentChanged;
import org.attc.tracker.crediting.internal.attainment.EvidenceKind;
import org.attc.tracker.crediting.internal.ledger.EvidenceLedger;
import org.attc.tracker.crediting.internal.ledger.EvidenceRow;
import org.attc.tracker.crediting.internal.ledger.NewEvidence;
import org.attc.tracker.crediting.internal.mapping.ActivityMapping;
import org.attc.tracker.crediting.internal.mapping.MappingIndex;
import org.attc.tracker.crediting.internal.mapping.MappingRequest;
import org.attc.tracker.identity.Learners;
import org.attc.tracker.shared.AgentIdentifier;
import org.attc.tracker.shared.LearnerId;
import org.attc.tracker.support.HttpTestClient;
import org.attc.tracker.support.LrsTestClient;
import org.attc.tracker.support.TestAccounts;
import org.attc.tracker.xapi.Statements;
import org.attc.tracker.xapi.StoredStatement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ledger's guarantees on real MariaDB, with statements stored through the real LRS:
 * crediting twice credits once, a withdrawn credit stays withdrawn on redelivery, a
 * recompute equals crediting from scratch, merges and splits move evidence with the
 * statements.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class CreditingLedgerTests {

	@LocalServerPort
	int port;

	@Autowired
	StatementCrediting crediting;

	@Autowired
	MappingAdministration mappings;

	@Autowired
	RecomputeJobs jobs;

	@Autowired
	EvidenceLedger ledger;

	@Autowired
	Statements statements;

	@Autowired
	Learners learners;

	@Autowired
	TransactionTemplate transaction;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MappingIndex index;

	LrsTestClient lrs;

	String site;

	@BeforeEach
	void setUp() {
		this.site = "http://moodle-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
		this.lrs = LrsTestClient.create(new HttpTestClient(this.port));
	}

	private List<StoredStatement> stored(String... files) {
		String[] statements = new String[files.length];
		for (int i = 0; i < files.length; i++) {
			statements[i] = LrsTestClient.moodleLive(files[i], this.site, null);
		}
		List<UUID> ids = this.lrs.post(statements).stream().map(UUID::fromString).toList();
		return this.statements.findByIds(ids);
	}

	private long mapping(String activity, String capability) {
		return this.mappings.create(request(activity, capability), "test").mapping().id();
	}

	private MappingRequest request(String activity, String capability) {
		return new MappingRequest(this.site + activity, "exact", null, null, null, null, capability, "2", null, null,
				null, null, null, null, 12);
	}

	private MappingRequest quizMapping(String capability) {
		return request("/mod/quiz/view.php?id=10", capability);
	}

	/** Every current row of the mapping (the ledger reads them a page at a time). */
	private List<EvidenceRow> currentOf(long mapping) {
		return this.ledger.currentForMapping(mapping, 0, Integer.MAX_VALUE);
	}

	private Set<String> currentKeys(long mapping) {
		return currentOf(mapping).stream().map(EvidenceRow::baseKey).collect(Collectors.toSet());
	}

	private RecomputeJob awaitDone(long job) throws InterruptedException {
		eventually(() -> "DONE".equals(this.jobs.find(job).orElseThrow().status()), Duration.ofSeconds(180));
		return this.jobs.find(job).orElseThrow();
	}

	/** What the job still keeps in its working set. */
	private int workingRows(long job) {
		return this.jdbc.queryForObject("SELECT (SELECT COUNT(*) FROM cred_recompute_wanted WHERE job_id = ?) + "
				+ "(SELECT COUNT(*) FROM cred_recompute_affected WHERE job_id = ?)", Integer.class, job, job);
	}

	private static void eventually(BooleanSupplier condition) throws InterruptedException {
		eventually(condition, Duration.ofSeconds(30));
	}

	private static void eventually(BooleanSupplier condition, Duration bound) throws InterruptedException {
		Instant deadline = Instant.now().plus(bound);
		while (!condition.getAsBoolean() && Instant.now().isBefore(deadline)) {
			Thread.sleep(100);
		}
		assertThat(condition.getAsBoolean()).as("condition met in time").isTrue();
	}

	@Test
	void aBatchThatChangesSeveralCapabilitiesOfSeveralLearnersIsOneAttainmentChangedPerListener() throws Exception {
		MappingAdministration.Saved first = this.mappings.create(quizMapping("D2.1"), "test");
		MappingAdministration.Saved second = this.mappings.create(quizMapping("D2.2"), "test");
		long quiz = first.mapping().id();
		long again = second.mapping().id();
		// a new mapping's recompute over earlier statements must not credit these first
		for (long job : List.of(first.recomputeJobId(), second.recomputeJobId())) {
			eventually(() -> "DONE".equals(this.jobs.find(job).orElseThrow().status()), Duration.ofSeconds(180));
		}
		stored("034-core.course_module_completion_updated.json", "059-core.course_module_completion_updated.json");
		eventually(() -> currentOf(quiz).size() == 2 && currentOf(again).size() == 2);
		Set<String> credited = new HashSet<>();
		currentOf(quiz).forEach((r) -> credited.add(r.learnerId() + "/" + r.capabilityIdentifier()));
		currentOf(again).forEach((r) -> credited.add(r.learnerId() + "/" + r.capabilityIdentifier()));
		Set<Long> learners = currentOf(quiz).stream().map(EvidenceRow::learnerId).collect(Collectors.toSet());
		assertThat(credited).hasSize(4);

		// every publication of AttainmentChanged, per listener, that names either learner
		Map<String, List<Set<String>>> byListener = new HashMap<>();
		JsonMapper json = JsonMapper.builder().build();
		this.jdbc.query("SELECT listener_id, serialized_event FROM EVENT_PUBLICATION WHERE event_type = ?", (rs) -> {
			Set<String> changes = new HashSet<>();
			for (JsonNode change : json.readTree(rs.getString(2)).get("changes")) {
				JsonNode learner = change.get("learner");
				long id = learner.isObject() ? learner.get("value").asLong() : learner.asLong();
				if (learners.contains(id)) {
					changes.add(id + "/" + change.get("capabilityIdentifier").asString());
				}
			}
			if (!changes.isEmpty()) {
				byListener.computeIfAbsent(rs.getString(1), (k) -> new ArrayList<>()).add(changes);
			}
		}, AttainmentChanged.class.getName());

		// the grades listen (progress reads the stored standings and needs no event);
		// each
		// listener got the batch as one event
		assertThat(byListener.keySet()).anyMatch((listener) -> listener.contains("GradePublishing"));
		byListener.forEach((listener, events) -> assertThat(events).as(listener).containsExactly(credited));
		// published in the transaction that wrote the standings: what it names is there
		Set<String> standing = new HashSet<>();
		this.jdbc.query(
				"SELECT DISTINCT learner_id, capability_identifier FROM cred_standing WHERE learner_id IN ("
						+ learners.stream().map(String::valueOf).collect(Collectors.joining(",")) + ")",
				(org.springframework.jdbc.core.RowCallbackHandler) (rs) -> standing
					.add(rs.getLong(1) + "/" + rs.getString(2)));
		assertThat(standing).containsAll(credited);
	}

	@Test
	void aMappingIsCreditedFromTheMomentItCommitsEvenIfTheIndexWasAskedJustBefore() throws Exception {
		ExecutorService elsewhere = Executors.newSingleThreadExecutor();
		try {
			long created = this.transaction.execute((s) -> {
				long id = this.mappings.create(quizMapping("D2.3"), "test").mapping().id();
				// crediting on another thread consults the index before this commits
				try {
					assertThat(elsewhere.submit(() -> this.index.all()).get()).extracting(ActivityMapping::id)
						.doesNotContain(id);
				}
				catch (InterruptedException | ExecutionException ex) {
					throw new IllegalStateException(ex);
				}
				return id;
			});
			// at once, not after the index's check interval
			assertThat(this.index.all()).extracting(ActivityMapping::id).contains(created);
		}
		finally {
			elsewhere.shutdown();
		}
	}

	/**
	 * When a mapping commits, the first thread to ask reloads the index; a batch credited
	 * on another thread meanwhile must not be answered from the mappings of before (it
	 * would miss the new one, and its event would complete all the same).
	 */
	@Test
	void whileOneThreadReloadsTheIndexTheOthersWaitForTheNewMappings() throws Exception {
		ExecutorService crediting = Executors.newFixedThreadPool(4);
		try {
			for (int round = 0; round < 10; round++) {
				// a snapshot from before the change, checked just now
				this.index.all();
				long created = mapping("/mod/page/view.php?id=" + UUID.randomUUID(), "D2.3");
				CountDownLatch start = new CountDownLatch(1);
				List<Future<List<ActivityMapping>>> answers = new ArrayList<>();
				for (int thread = 0; thread < 4; thread++) {
					answers.add(crediting.submit(() -> {
						start.await();
						return this.index.all();
					}));
				}
				start.countDown();
				for (Future<List<ActivityMapping>> answer : answers) {
					assertThat(answer.get()).as("round %d", round).extracting(ActivityMapping::id).contains(created);
				}
			}
		}
		finally {
			crediting.shutdown();
		}
	}

	@Test
	void creditingTheSameStatementsTwiceAppendsNothingTheSecondTime() throws Exception {
		long mapping = mapping("/mod/quiz/view.php?id=10", "D2.1");
		List<StoredStatement> batch = stored("034-core.course_module_completion_updated.json",
				"059-core.course_module_completion_updated.json");
		eventually(() -> currentOf(mapping).size() == 2);
		// a second delivery of the same event
		Set<Affected> again = this.transaction.execute((s) -> this.crediting.credit(batch));
		assertThat(again).isEmpty();
		assertThat(currentOf(mapping)).hasSize(2);
	}

	@Test
	void aRedeliveredCompletionDoesNotBringBackACreditThatWasWithdrawn() throws Exception {
		long page = mapping("/mod/page/view.php?id=9", "D2.2");
		List<StoredStatement> completed = stored("031-core.course_module_completion_updated.json");
		eventually(() -> currentOf(page).size() == 1);
		// what the page asking before a delete counts: the withdrawn row no longer
		assertThat(this.mappings.learnersCredited(page)).isEqualTo(1);
		// student1 unticks the page afterwards
		String later = completed.get(0).timestamp().plusSeconds(60).toString();
		this.lrs.post(LrsTestClient.moodleLive("030-core.course_module_completion_updated.json", this.site, later));
		eventually(() -> currentOf(page).isEmpty());
		assertThat(this.mappings.learnersCredited(page)).isZero();
		this.transaction.execute((s) -> this.crediting.credit(completed));
		assertThat(currentOf(page)).isEmpty();
	}

	@Test
	void aRecomputeOfEveryMappingLeavesTheLedgerAsCreditingFromScratchWould() throws Exception {
		long quiz = mapping("/mod/quiz/view.php?id=10", "D2.1");
		long page = mapping("/mod/page/view.php?id=9", "D2.2");
		// a page's first view: "uncompleted" then "completed" with one timestamp
		stored("034-core.course_module_completion_updated.json", "059-core.course_module_completion_updated.json",
				"080-core.course_module_completion_updated.json", "090-core.course_module_completion_updated.json",
				"023-core.course_module_completion_updated.json", "024-core.course_module_completion_updated.json");
		eventually(() -> currentOf(quiz).size() == 4 && currentOf(page).size() == 1);
		// counted in the database as the rows say: each learner once, however many rows
		List<EvidenceRow> quizRows = currentOf(quiz);
		long holding = quizRows.stream()
			.filter((r) -> r.kind() == EvidenceKind.CREDIT || r.kind() == EvidenceKind.POINTS)
			.map(EvidenceRow::learnerId)
			.distinct()
			.count();
		assertThat(holding).isPositive().isLessThan(quizRows.size());
		assertThat(this.mappings.learnersCredited(quiz)).isEqualTo((int) holding);
		Set<String> live = currentKeys(quiz);
		live.addAll(currentKeys(page));
		int rowsBefore = this.ledger
			.current(this.learners.find(AgentIdentifier.account(this.site, "7")).orElseThrow().value())
			.size();

		long job = this.jobs.request("test: from scratch", null, "test");
		// every mapping over every statement the whole suite has stored in this database:
		// its length grows with the suite, so the bound is wider than for one learner's
		// rows
		eventually(() -> "DONE".equals(this.jobs.find(job).orElseThrow().status()), Duration.ofSeconds(180));
		RecomputeJob done = this.jobs.find(job).orElseThrow();
		assertThat(done.processed()).isGreaterThanOrEqualTo(6);
		assertThat(done.retracted()).isZero();
		Set<String> recomputed = currentKeys(quiz);
		recomputed.addAll(currentKeys(page));
		assertThat(recomputed).isEqualTo(live);
		// nothing was taken back and added again on the way
		assertThat(
				this.ledger.history(this.learners.find(AgentIdentifier.account(this.site, "7")).orElseThrow().value()))
			.hasSize(rowsBefore);
	}

	@Test
	void appendingManyAppendsEachKeyOnceInOrderAndSaysWhichWereAppended() {
		long learner = 9_000_000L + new java.util.Random().nextInt(1_000_000);
		String run = UUID.randomUUID().toString();
		java.util.function.BiFunction<String, String, NewEvidence> evidence = (key, reason) -> NewEvidence
			.of(learner, "cap-" + run, 1, EvidenceKind.CREDIT)
			.reason(reason)
			.achievedAt(Instant.now())
			.baseKey(run + ":" + key)
			.build();
		NewEvidence k3 = evidence.apply("k3", "there before");
		assertThat(this.ledger.appendOnce(k3)).isTrue();

		List<NewEvidence> appended = this.ledger.appendAllOnce(List.of(evidence.apply("k1", "first"),
				evidence.apply("k2", "second"), evidence.apply("k1", "again"), k3));

		assertThat(appended).extracting(NewEvidence::reason).containsExactly("first", "second");
		assertThat(this.ledger.history(learner)).extracting(EvidenceRow::reason)
			.containsExactly("there before", "first", "second");

		// a retracted key: never again for live crediting, once more for a recompute
		EvidenceRow k2 = this.ledger.history(learner).get(2);
		this.ledger.retract(k2, "test", null);
		assertThat(this.ledger.appendAllOnce(List.of(evidence.apply("k2", "back")))).isEmpty();
		assertThat(this.ledger.appendAllUnlessCurrent(List.of(evidence.apply("k2", "back"), k3)))
			.extracting(NewEvidence::reason)
			.containsExactly("back");

		// more than one statement's worth of keys
		List<NewEvidence> many = new ArrayList<>();
		for (int i = 0; i < 450; i++) {
			many.add(evidence.apply("many-" + i, "many " + i));
		}
		assertThat(this.ledger.appendAllOnce(many)).containsExactlyElementsOf(many);
		assertThat(this.ledger.appendAllOnce(many)).isEmpty();
		assertThat(this.ledger.current(learner)).hasSize(3 + 450);

		// taken back many at a time, each with its reason; one already taken back stays
		List<EvidenceRow> current = this.ledger.current(learner);
		assertThat(this.ledger.retract(current.get(0), "first, alone", "ann")).isTrue();
		List<EvidenceRow> retracted = this.ledger.retractAll(current, (row) -> "reason " + row.id(), "bob");
		assertThat(retracted).containsExactlyElementsOf(current.subList(1, current.size()));
		assertThat(this.ledger.current(learner)).isEmpty();
		Set<Long> ids = current.stream().map(EvidenceRow::id).collect(Collectors.toSet());
		assertThat(this.ledger.history(learner)).filteredOn((row) -> ids.contains(row.retractsId()))
			.hasSize(current.size())
			.allSatisfy((row) -> assertThat(row.reason()).isEqualTo(
					row.retractsId().equals(current.get(0).id()) ? "first, alone" : "reason " + row.retractsId()));
		assertThat(this.ledger.retractAll(current, (row) -> "again", "bob")).isEmpty();
	}

	@Test
	void deletingAMappingRetractsAllItGaveByAJobWhoseWorkingSetIsGoneAfterwards() throws Exception {
		MappingAdministration.Saved created = this.mappings.create(quizMapping("D2.1"), "test");
		long quiz = created.mapping().id();
		awaitDone(created.recomputeJobId());
		stored("034-core.course_module_completion_updated.json", "059-core.course_module_completion_updated.json",
				"080-core.course_module_completion_updated.json", "090-core.course_module_completion_updated.json");
		eventually(() -> currentOf(quiz).size() == 4);
		List<EvidenceRow> before = currentOf(quiz);
		// the ledger's pages: one row at a time gives every row once, in order
		List<EvidenceRow> paged = new ArrayList<>();
		for (long after = 0;;) {
			List<EvidenceRow> page = this.ledger.currentForMapping(quiz, after, 1);
			if (page.isEmpty()) {
				break;
			}
			assertThat(page).hasSize(1);
			paged.addAll(page);
			after = page.get(0).id();
		}
		assertThat(paged).extracting(EvidenceRow::id)
			.containsExactlyElementsOf(before.stream().map(EvidenceRow::id).toList());

		long job = this.mappings.delete(quiz, "ann");
		RecomputeJob done = awaitDone(job);

		assertThat(currentOf(quiz)).isEmpty();
		assertThat(done.retracted()).isEqualTo(4);
		assertThat(done.processed()).as("a deleted mapping reads no statements").isZero();
		assertThat(done.total()).isZero();
		for (EvidenceRow row : before) {
			assertThat(this.ledger.history(row.learnerId()))
				.filteredOn((r) -> Long.valueOf(row.id()).equals(r.retractsId()))
				.singleElement()
				.satisfies((r) -> {
					assertThat(r.reason()).isEqualTo("mapping " + quiz + " deleted by ann");
					assertThat(r.recordedBy()).isEqualTo("ann");
				});
		}
		assertThat(workingRows(job)).isZero();
	}

	@Test
	void aMappingThatNowCreditsAnotherCapabilityHasItsEvidenceRetractedAndGivenAgainUnderTheNewOne() throws Exception {
		MappingAdministration.Saved created = this.mappings.create(quizMapping("D2.1"), "test");
		long quiz = created.mapping().id();
		awaitDone(created.recomputeJobId());
		stored("034-core.course_module_completion_updated.json", "090-core.course_module_completion_updated.json");
		eventually(() -> currentOf(quiz).size() == 2);
		Set<String> keys = currentKeys(quiz);

		RecomputeJob done = awaitDone(this.mappings.update(quiz, quizMapping("D2.2"), "ann").recomputeJobId());

		String now = this.mappings.find(quiz).capabilityIdentifier();
		assertThat(now).isNotEqualTo(created.mapping().capabilityIdentifier());
		assertThat(done.retracted()).isEqualTo(2);
		assertThat(currentOf(quiz)).hasSize(2)
			.allSatisfy((row) -> assertThat(row.capabilityIdentifier()).isEqualTo(now));
		assertThat(currentKeys(quiz)).isEqualTo(keys);
		assertThat(workingRows(done.id())).isZero();
	}

	@Test
	void aJobWhoseRunStoppedIsTakenUpWhereItStoppedAndOnlyOnce() throws Exception {
		MappingAdministration.Saved created = this.mappings.create(quizMapping("D2.1"), "test");
		long quiz = created.mapping().id();
		awaitDone(created.recomputeJobId());
		List<StoredStatement> statements = stored("034-core.course_module_completion_updated.json",
				"059-core.course_module_completion_updated.json", "080-core.course_module_completion_updated.json",
				"090-core.course_module_completion_updated.json");
		eventually(() -> currentOf(quiz).size() == 4);
		Map<UUID, EvidenceRow> byStatement = currentOf(quiz).stream()
			.collect(Collectors.toMap(EvidenceRow::statementId, (r) -> r));
		StoredStatement first = statements.get(0);
		StoredStatement second = statements.get(1);

		// a run on a node that died had re-credited up to the second statement and noted
		// the second's key (not the first's: what it noted is what the next run relies
		// on)
		this.jdbc.update("INSERT INTO cred_recompute_job (reason, mapping_id, status, requested_by, requested_at, "
				+ "started_at, position, claim, heartbeat_at) VALUES ('test: died', ?, 'RUNNING', 'test', ?, ?, ?, "
				+ "'dead-node', ?)", quiz, Timestamp.from(Instant.now()), Timestamp.from(Instant.now()),
				second.position(), Timestamp.from(Instant.now()));
		long job = this.jdbc.queryForObject("SELECT MAX(id) FROM cred_recompute_job", Long.class);
		this.jdbc.update("INSERT INTO cred_recompute_wanted (job_id, base_key) VALUES (?, ?)", job,
				byStatement.get(second.id()).baseKey());

		// while its heartbeat is fresh nobody else runs it
		this.jobs.run(job);
		assertThat(this.jobs.find(job).orElseThrow().status()).isEqualTo("RUNNING");
		assertThat(this.jdbc.queryForObject("SELECT claim FROM cred_recompute_job WHERE id = ?", String.class, job))
			.isEqualTo("dead-node");

		// once it is stale, the check takes it up
		this.jdbc.update("UPDATE cred_recompute_job SET heartbeat_at = ? WHERE id = ?",
				Timestamp.from(Instant.now().minus(RecomputeJobs.STALE).minusSeconds(1)), job);
		assertThat(this.jobs.takeUpAbandoned()).isPositive();
		RecomputeJob done = awaitDone(job);

		List<EvidenceRow> after = currentOf(quiz);
		assertThat(after).extracting(EvidenceRow::statementId)
			.as("statements before its position were not read again: the first's key was never noted")
			.containsExactlyInAnyOrder(second.id(), statements.get(2).id(), statements.get(3).id());
		assertThat(done.retracted()).isEqualTo(1);
		assertThat(this.ledger.history(byStatement.get(first.id()).learnerId()))
			.anySatisfy((r) -> assertThat(r.retractsId()).isEqualTo(byStatement.get(first.id()).id()));
		assertThat(done.processed()).isGreaterThanOrEqualTo(2).isLessThanOrEqualTo(done.total() - 2);
		assertThat(workingRows(job)).isZero();
		assertThat(this.jdbc.queryForObject("SELECT claim FROM cred_recompute_job WHERE id = ?", String.class, job))
			.isNull();
	}

	@Test
	void mergingMovesEvidenceToTheSurvivorAndSplittingMovesItBack() throws Exception {
		long quiz = mapping("/mod/quiz/view.php?id=10", "D2.1");
		stored("034-core.course_module_completion_updated.json");
		eventually(() -> currentOf(quiz).size() == 1);
		LearnerId moodle = this.learners.find(AgentIdentifier.account(this.site, "4")).orElseThrow();
		LearnerId other = this.learners.resolveActor(AgentIdentifier.mbox("mailto:" + UUID.randomUUID() + "@nhs.net"),
				null);

		// a coordinator merges the Moodle learner into the other record, then undoes it
		HttpTestClient http = new HttpTestClient(this.port);
		HttpResponse<String> merged = http.send(http.request("/api/learners/" + other + "/merge")
			.header("Authorization", HttpTestClient.basic(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"learnerId\":" + moodle + "}")));
		assertThat(merged.statusCode()).as(merged.body()).isEqualTo(200);
		eventually(() -> currentOf(quiz).stream().allMatch((r) -> r.learnerId() == other.value()));
		long mergeId = JsonMapper.builder().build().readTree(merged.body()).get("merges").get(0).get("id").asLong();

		HttpResponse<String> split = http.send(http.request("/api/learners/" + other + "/split")
			.header("Authorization", HttpTestClient.basic(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"mergeId\":" + mergeId + "}")));
		assertThat(split.statusCode()).as(split.body()).isEqualTo(200);
		eventually(() -> currentOf(quiz).stream().allMatch((r) -> r.learnerId() == moodle.value()));
	}

}
