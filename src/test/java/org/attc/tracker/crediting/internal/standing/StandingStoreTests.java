package org.attc.tracker.crediting.internal.standing;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;

import org.attc.tracker.crediting.AttainmentStatus;
import org.attc.tracker.crediting.Attainments;
import org.attc.tracker.crediting.CapabilityStanding;
import org.attc.tracker.crediting.internal.engine.MappingAdministration;
import org.attc.tracker.crediting.internal.engine.RecomputeJobs;
import org.attc.tracker.crediting.internal.attainment.AttainmentCalculation;
import org.attc.tracker.crediting.internal.attainment.EvidenceKind;
import org.attc.tracker.crediting.internal.engine.SignOffs;
import org.attc.tracker.crediting.internal.ledger.EvidenceLedger;
import org.attc.tracker.crediting.internal.ledger.EvidenceRow;
import org.attc.tracker.crediting.internal.ledger.NewEvidence;
import org.attc.tracker.crediting.internal.mapping.MappingRequest;
import org.attc.tracker.framework.CapabilityCatalogue;
import org.attc.tracker.identity.Learners;
import org.attc.tracker.shared.AgentIdentifier;
import org.attc.tracker.shared.LearnerId;
import org.attc.tracker.support.HttpTestClient;
import org.attc.tracker.support.LrsTestClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The stored standings ({@code cred_standing}): written in the transaction that changes
 * the evidence, read for any moment without being written again, and written again by
 * every path that changes evidence (sign-offs, statements, mapping changes and their
 * recompute jobs), also when two transactions change one learner at once.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class StandingStoreTests {

	@LocalServerPort
	int port;

	@Autowired
	SignOffs signOffs;

	@Autowired
	Attainments attainments;

	@Autowired
	StandingStore store;

	@Autowired
	MappingAdministration mappings;

	@Autowired
	RecomputeJobs jobs;

	@Autowired
	Learners learners;

	@Autowired
	CapabilityCatalogue catalogue;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	EvidenceLedger ledger;

	@Autowired
	PlatformTransactionManager transactions;

	private LearnerId newLearner() {
		return this.learners.resolveActor(AgentIdentifier.mbox("mailto:" + UUID.randomUUID() + "@nhs.net"), null);
	}

	private String capability(String code) {
		return this.catalogue.capabilitiesByCode(code).get(0).identifier();
	}

	private CapabilityStanding standing(LearnerId learner, String capability, Instant at) {
		return this.attainments.standings(List.of(learner.value()), at)
			.stream()
			.filter((s) -> s.capabilityIdentifier().equals(capability))
			.findFirst()
			.orElse(null);
	}

	private static Instant monthsAgo(int months) {
		return Instant.now().atZone(ZoneOffset.UTC).minusMonths(months).toInstant();
	}

	@Test
	void aSignOffIsInTheStandingsWhenItsTransactionCommits() {
		LearnerId learner = newLearner();
		String d21 = capability("D2.1");
		this.signOffs.record(learner, "D2.1", "2", "observed", null, null, "assessor");
		// no listener, no job: the row was written with the evidence
		CapabilityStanding standing = standing(learner, d21, Instant.now());
		assertThat(standing).isNotNull();
		assertThat(standing.tier()).isEqualTo(2);
		assertThat(standing.status()).isEqualTo(AttainmentStatus.ACHIEVED);
		assertThat(standing.changesAt()).isNull();
		assertThat(this.attainments.forLearner(learner, d21, Instant.now()).status())
			.isEqualTo(AttainmentStatus.ACHIEVED);
	}

	@Test
	void statusesThatChangeWithTheClockAreReadFromTheStoredPeriodsWithoutWritingAgain() {
		LearnerId learner = newLearner();
		String d21 = capability("D2.1");
		// tier 3 runs out in about a month, tier 2 in about thirteen
		this.signOffs.record(learner, "D2.1", "3", "observed at tier 3", monthsAgo(11), 12, "assessor");
		this.signOffs.record(learner, "D2.1", "2", "observed at tier 2", monthsAgo(11), 24, "assessor");
		Integer rows = this.jdbc.queryForObject("SELECT COUNT(*) FROM cred_standing WHERE learner_id = ?",
				Integer.class, learner.value());

		Instant now = Instant.now();
		CapabilityStanding today = standing(learner, d21, now);
		assertThat(today.tier()).isEqualTo(3);
		assertThat(this.attainments.status(today, 3, now)).isEqualTo(AttainmentStatus.EXPIRING);
		assertThat(today.changesAt()).isEqualTo(today.expiresAt());

		Instant inTwoMonths = now.plus(Duration.ofDays(60));
		CapabilityStanding later = standing(learner, d21, inTwoMonths);
		assertThat(later.tier()).isEqualTo(2);
		assertThat(this.attainments.status(later, 2, inTwoMonths)).isEqualTo(AttainmentStatus.ACHIEVED);
		assertThat(this.attainments.status(later, 3, inTwoMonths)).isEqualTo(AttainmentStatus.IN_PROGRESS);

		Instant inTwoYears = now.plus(Duration.ofDays(730));
		CapabilityStanding expired = standing(learner, d21, inTwoYears);
		assertThat(expired.tier()).isNull();
		assertThat(this.attainments.status(expired, 2, inTwoYears)).isEqualTo(AttainmentStatus.EXPIRED);
		assertThat(this.attainments.expiring(List.of(learner.value()), now, now.plus(Duration.ofDays(60)), now))
			.extracting(CapabilityStanding::tier)
			.containsExactly(3);

		// reading changed nothing
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM cred_standing WHERE learner_id = ?", Integer.class,
				learner.value()))
			.isEqualTo(rows);
	}

	@Test
	void readsOfEveryLearnerGiveWhatTheLearnerByLearnerReadsGive() {
		String d21 = capability("D2.1");
		// expiring in about a month (tier 3) with tier 2 held for longer; run out a month
		// ago; held for two years
		LearnerId expiring = newLearner();
		this.signOffs.record(expiring, "D2.1", "3", "observed at tier 3", monthsAgo(11), 12, "assessor");
		this.signOffs.record(expiring, "D2.1", "2", "observed at tier 2", monthsAgo(11), 24, "assessor");
		LearnerId lapsed = newLearner();
		this.signOffs.record(lapsed, "D2.1", "2", "observed", monthsAgo(13), 12, "assessor");
		LearnerId holding = newLearner();
		this.signOffs.record(holding, "D2.1", "1", "observed", null, null, "assessor");
		List<Long> ids = List.of(expiring.value(), lapsed.value(), holding.value());
		Instant now = Instant.now();
		Instant until = now.plus(Duration.ofDays(90));

		java.util.Map<Long, java.util.Map<String, Integer>> everyone = this.attainments.heldTiersOfEveryone(now);
		everyone.keySet().retainAll(ids);
		assertThat(everyone).isEqualTo(this.attainments.heldTiers(ids, now))
			.containsEntry(expiring.value(), java.util.Map.of(d21, 3))
			.containsEntry(holding.value(), java.util.Map.of(d21, 1))
			.doesNotContainKey(lapsed.value());
		assertThat(this.attainments.expiringOfEveryone(now, until, now)
			.stream()
			.filter((s) -> ids.contains(s.learnerId())))
			.containsExactlyInAnyOrderElementsOf(this.attainments.expiring(ids, now, until, now))
			.extracting(CapabilityStanding::learnerId)
			.containsExactly(expiring.value());
		assertThat(this.attainments.lapsedOfEveryone(now).stream().filter((s) -> ids.contains(s.learnerId())))
			.containsExactlyInAnyOrderElementsOf(this.attainments.lapsed(ids, now))
			.singleElement()
			.satisfies((s) -> {
				assertThat(s.learnerId()).isEqualTo(lapsed.value());
				assertThat(s.tier()).isEqualTo(2);
				assertThat(s.expiredAt()).isBefore(now);
			});
	}

	@Test
	void aStatementCreditedAndItsMappingDeletedAreBothInTheStandings() throws Exception {
		String site = "http://moodle-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
		long mapping = this.mappings
			.create(new MappingRequest(site + "/mod/quiz/view.php?id=10", "exact", null, null, null, null, "D2.1", "2",
					null, null, null, null, null, null, null), "test")
			.mapping()
			.id();
		LrsTestClient.create(new HttpTestClient(this.port))
			.post(LrsTestClient.moodleLive("034-core.course_module_completion_updated.json", site, null));
		String d21 = capability("D2.1");
		eventually(() -> this.learners.find(AgentIdentifier.account(site, "4")).isPresent()
				&& standing(this.learners.find(AgentIdentifier.account(site, "4")).get(), d21, Instant.now()) != null);
		LearnerId learner = this.learners.find(AgentIdentifier.account(site, "4")).orElseThrow();
		assertThat(standing(learner, d21, Instant.now()).tier()).isEqualTo(2);

		long job = this.mappings.delete(mapping, "test");
		eventually(() -> this.jobs.find(job).map((j) -> "DONE".equals(j.status())).orElse(false));
		// the retraction's transaction wrote the standing again: no evidence, no row
		assertThat(standing(learner, d21, Instant.now())).isNull();
	}

	@Test
	void twoTransactionsChangingOneLearnerAtOnceLeaveAStandingWithBothPiecesOfEvidence() throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			String d24 = capability("D2.4");
			for (int round = 0; round < 5; round++) {
				LearnerId learner = newLearner();
				CountDownLatch start = new CountDownLatch(1);
				List<Future<?>> done = new ArrayList<>();
				done.add(pool.submit(() -> {
					start.await();
					return this.signOffs.record(learner, "D2.4", "1", "tier 1", null, null, "a");
				}));
				done.add(pool.submit(() -> {
					start.await();
					return this.signOffs.record(learner, "D2.4", "3", "tier 3", null, 12, "b");
				}));
				start.countDown();
				for (Future<?> f : done) {
					f.get();
				}
				assertThat(standing(learner, d24, Instant.now()).tier()).as("round %d", round).isEqualTo(3);
				assertThat(standing(learner, d24, Instant.now().plus(Duration.ofDays(400))).tier())
					.as("round %d after tier 3 expired", round)
					.isEqualTo(1);
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void aStandingIsWrittenAgainOnlyWhenItsEvidenceChangesItAndOnlyTheFirstAttemptCounts() {
		long learner = 8_000_000L + new java.util.Random().nextInt(1_000_000);
		String capability = "cap-" + UUID.randomUUID();
		StandingKey key = new StandingKey(learner, capability);
		java.util.function.BiFunction<String, EvidenceKind, NewEvidence> evidence = (name, kind) -> NewEvidence
			.of(learner, capability, 2, kind)
			.reason(name)
			.achievedAt(monthsAgo(1))
			.expiresAt((kind == EvidenceKind.CREDIT) ? monthsAgo(1).plus(Duration.ofDays(365)) : null)
			.baseKey(capability + ":" + name)
			.build();
		this.ledger.appendAllOnce(
				List.of(evidence.apply("a1", EvidenceKind.ATTEMPT), evidence.apply("a2", EvidenceKind.ATTEMPT)));
		List<EvidenceRow> attempts = this.ledger.current(learner);

		// the first recompute writes the period; nothing was there to delete
		assertThat(recomputeCountingDeletes(key)).isZero();
		assertThat(periods(learner)).containsExactly("IN_PROGRESS tier null first " + attempts.get(0).id());
		// the same evidence, or one more attempt: the stored period is left as it is
		assertThat(recomputeCountingDeletes(key)).isZero();
		this.ledger.appendOnce(evidence.apply("a3", EvidenceKind.ATTEMPT));
		assertThat(recomputeCountingDeletes(key)).isZero();
		assertThat(periods(learner)).containsExactly("IN_PROGRESS tier null first " + attempts.get(0).id());

		// the first attempt taken back: the next one is the standing's first
		this.ledger.retract(attempts.get(0), "test", null);
		assertThat(recomputeCountingDeletes(key)).isEqualTo(1);
		assertThat(periods(learner)).containsExactly("IN_PROGRESS tier null first " + attempts.get(1).id());

		// a credit: held until it expires, then in progress again (the attempts)
		this.ledger.appendOnce(evidence.apply("c1", EvidenceKind.CREDIT));
		assertThat(recomputeCountingDeletes(key)).isEqualTo(1);
		assertThat(periods(learner)).containsExactly("ACHIEVED tier 2 first " + attempts.get(1).id(),
				"IN_PROGRESS tier null first " + attempts.get(1).id());

		// nothing current: no standing
		this.ledger.retractAll(this.ledger.current(learner), (row) -> "test", null);
		assertThat(recomputeCountingDeletes(key)).isEqualTo(2);
		assertThat(periods(learner)).isEmpty();
	}

	@Test
	void afterAnySequenceOfAppendsAndRetractionsTheStoredPeriodsAreThoseOfAllCurrentEvidence() {
		java.util.Random random = new java.util.Random(23);
		long learner = 7_000_000L + new java.util.Random().nextInt(1_000_000);
		String capability = "cap-" + UUID.randomUUID();
		StandingKey key = new StandingKey(learner, capability);
		AttainmentCalculation calculation = new AttainmentCalculation(Duration.ofDays(90));
		EvidenceKind[] kinds = { EvidenceKind.ATTEMPT, EvidenceKind.ATTEMPT, EvidenceKind.ATTEMPT, EvidenceKind.CREDIT,
				EvidenceKind.POINTS, EvidenceKind.SIGN_OFF };
		for (int step = 0; step < 60; step++) {
			List<EvidenceRow> current = this.ledger.current(learner);
			if (!current.isEmpty() && random.nextInt(4) == 0) {
				this.ledger.retract(current.get(random.nextInt(current.size())), "step " + step, null);
			}
			else {
				EvidenceKind kind = kinds[random.nextInt(kinds.length)];
				Instant achieved = Instant.now().minus(Duration.ofDays(random.nextInt(900)));
				Instant expires = (kind == EvidenceKind.ATTEMPT || random.nextInt(5) == 0) ? null
						: achieved.plus(Duration.ofDays(30L * (6 + random.nextInt(24))));
				NewEvidence.Builder evidence = NewEvidence.of(learner, capability, 1 + random.nextInt(3), kind)
					.reason("step " + step)
					.achievedAt(achieved)
					.expiresAt(expires)
					.baseKey(capability + ":" + step);
				if (kind == EvidenceKind.POINTS) {
					evidence.points(1 + random.nextInt(5), 8);
				}
				this.ledger.appendOnce(evidence.build());
			}
			recomputeCountingDeletes(key);

			// what a standing written from scratch, from every current row, would hold
			current = this.ledger.current(learner);
			List<String> expected = new ArrayList<>();
			if (!current.isEmpty()) {
				long first = current.stream().mapToLong(EvidenceRow::id).min().orElseThrow();
				for (AttainmentCalculation.Period p : calculation
					.periods(current.stream().map(EvidenceRow::item).toList())) {
					expected
						.add(period(p.status(), p.tier(), p.from(), p.until(), p.achievedAt(), p.expiresAt(), first));
				}
			}
			assertThat(storedPeriods(learner)).as("step %d", step).containsExactlyElementsOf(expected);
		}
	}

	private List<String> storedPeriods(long learner) {
		return this.jdbc.query(
				"SELECT status, tier_rank, valid_from, next_change_at, achieved_at, expires_at, "
						+ "first_evidence_id FROM cred_standing WHERE learner_id = ? ORDER BY period",
				(rs, n) -> period(AttainmentStatus.valueOf(rs.getString(1)), (Integer) rs.getObject(2),
						instant(rs.getTimestamp(3)), instant(rs.getTimestamp(4)), instant(rs.getTimestamp(5)),
						instant(rs.getTimestamp(6)), rs.getLong(7)),
				learner);
	}

	private static Instant instant(java.sql.Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	private static String period(AttainmentStatus status, Integer tier, Instant from, Instant until, Instant achieved,
			Instant expires, long first) {
		java.util.function.Function<Instant, Instant> micros = (i) -> (i != null)
				? i.truncatedTo(java.time.temporal.ChronoUnit.MICROS) : null;
		return status + " tier " + tier + " from " + micros.apply(from) + " until " + micros.apply(until) + " achieved "
				+ micros.apply(achieved) + " expires " + micros.apply(expires) + " first " + first;
	}

	/**
	 * Recomputes one standing in a transaction at READ COMMITTED, as the engine does.
	 * @return the rows the transaction's connection deleted (MariaDB's session counter)
	 */
	private long recomputeCountingDeletes(StandingKey key) {
		TransactionTemplate transaction = new TransactionTemplate(this.transactions);
		transaction.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
		return transaction.execute((tx) -> {
			long before = deletesOfThisSession();
			this.store.recompute(List.of(key));
			return deletesOfThisSession() - before;
		});
	}

	private long deletesOfThisSession() {
		return this.jdbc.queryForObject("SELECT VARIABLE_VALUE FROM information_schema.SESSION_STATUS "
				+ "WHERE VARIABLE_NAME = 'HANDLER_DELETE'", Long.class);
	}

	private List<String> periods(long learner) {
		return this.jdbc.query(
				"SELECT status, tier_rank, first_evidence_id FROM cred_standing WHERE learner_id = ? ORDER BY period",
				(rs, n) -> rs.getString(1) + " tier " + rs.getObject(2) + " first " + rs.getLong(3), learner);
	}

	@Test
	void standingsAreNotWrittenOutsideATransactionAtReadCommitted() {
		assertThatThrownBy(() -> this.store.recompute(List.of(new StandingKey(1, "x"))))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("READ COMMITTED");
	}

	private static void eventually(BooleanSupplier condition) throws InterruptedException {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
		while (!condition.getAsBoolean() && Instant.now().isBefore(deadline)) {
			Thread.sleep(100);
		}
		assertThat(condition.getAsBoolean()).as("condition met in time").isTrue();
	}

}
