package org.attc.tracker.progress;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.attc.tracker.crediting.AttainmentStatus;
import org.attc.tracker.crediting.Attainments;
import org.attc.tracker.crediting.CapabilityAttainment;
import org.attc.tracker.identity.Learners;
import org.attc.tracker.framework.RoleProfile;
import org.attc.tracker.progress.internal.CapabilityCache;
import org.attc.tracker.progress.internal.standing.LearnerCoverage;
import org.attc.tracker.progress.internal.standing.LearnerCoverages;
import org.attc.tracker.progress.internal.standing.Standings;
import org.attc.tracker.shared.LearnerId;
import org.attc.tracker.support.Eventually;
import org.attc.tracker.support.HttpTestClient;
import org.attc.tracker.support.LrsTestClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The read model gives the same attainment as crediting computes from the ledger, for a
 * mixed cohort (achieved, expiring, expired, in progress against a higher requirement,
 * two records merged), now and at later moments when evidence has run out; and after a
 * rebuild from scratch.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ReadModelTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	PasswordEncoder passwordEncoder;

	@Autowired
	Standings standings;

	@Autowired
	Attainments attainments;

	@Autowired
	Learners learners;

	@Autowired
	LearnerCoverages coverages;

	@Autowired
	CapabilityCache capabilities;

	HttpTestClient http;

	static ProgressTestData data;

	static long erin;

	static long erinAtWork;

	@BeforeEach
	void setUp() {
		this.http = new HttpTestClient(this.port);
		if (data == null) {
			data = ProgressTestData.create(this.http, this.jdbc, this.passwordEncoder);
			Instant now = Instant.now();
			LrsTestClient.create(this.http)
				.post(passed("erin", "D9.1", now), passed("erin", "D2.1", now.minus(Duration.ofDays(800))),
						passed("erin-work", "D1.1", now.minus(Duration.ofDays(3))),
						passed("erin-work", "D10.1", now.minus(Duration.ofDays(700))),
						passed("erin-work", "D10.2", now.minus(Duration.ofDays(400))));
			erin = learner("erin");
			erinAtWork = learner("erin-work");
			put("/api/learners/" + erin + "/job-roles", "{\"jobRoles\":[\"DM\"]}");
			put("/api/learners/" + erin + "/organisations", "{\"organisations\":[\"" + data.siteA1 + "\"]}");
			ProgressTestData.eventually(
					() -> data.asAdmin(this.http.request("/api/learners/" + erinAtWork + "/attainment").GET()),
					(r) -> r.body().contains("\"expiring\""));
			HttpResponse<String> merged = data.asAdmin(this.http.request("/api/learners/" + erin + "/merge")
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers
					.ofString("{\"learnerId\":" + erinAtWork + ",\"reason\":\"same nurse, work e-mail\"}")));
			assertThat(merged.statusCode()).as(merged.body()).isEqualTo(200);
			ProgressTestData.eventually(
					() -> data.asAdmin(this.http.request("/api/learners/" + erin + "/attainment").GET()),
					(r) -> r.body().contains("D10.1"));
		}
	}

	@Test
	void readModelAnswersAsTheLedgerDoesForAMixedCohortIncludingAMerge() {
		Map<LearnerId, Set<String>> cohort = cohort();
		awaitSameAnswer(cohort);
		Map<LearnerId, List<CapabilityAttainment>> answer = this.standings.attainments(cohort, Instant.now());
		// the cohort really is mixed, and the merged record carries both halves
		assertThat(answer.values().stream().flatMap(List::stream).map(CapabilityAttainment::status)).contains(
				AttainmentStatus.ACHIEVED, AttainmentStatus.EXPIRING, AttainmentStatus.EXPIRED,
				AttainmentStatus.NOT_STARTED);
		assertThat(answer.get(new LearnerId(erin)).stream().filter((a) -> a.tier() != null))
			.extracting(CapabilityAttainment::capabilityCode)
			.contains("D9.1", "D1.1", "D10.1", "D10.2");
		// and it came from the read model, maintained by the events
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM prog_capability_standing WHERE learner_id = ?",
				Integer.class, erin))
			.isGreaterThanOrEqualTo(5);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM prog_capability_standing WHERE learner_id = ?",
				Integer.class, erinAtWork))
			.isZero();
	}

	@Test
	void statusesFollowTheClockFromStoredDatesAndRowsPastAnExpiryAreRecomputed() {
		Map<LearnerId, Set<String>> cohort = cohort();
		awaitSameAnswer(cohort);
		for (int days : new int[] { 20, 300, 700, 740, 1200 }) {
			Instant later = Instant.now().plus(Duration.ofDays(days));
			assertThat(this.standings.attainments(cohort, later)).as("in %d days", days)
				.isEqualTo(this.attainments.forLearners(cohort, later));
		}
		List<CapabilityAttainment> inThreeYears = this.standings
			.attainments(Map.of(new LearnerId(erin), cohort.get(new LearnerId(erin))),
					Instant.now().plus(Duration.ofDays(1200)))
			.get(new LearnerId(erin));
		assertThat(inThreeYears).filteredOn((a) -> a.tier() != null).isEmpty();
	}

	@Test
	void rebuildFromScratchGivesTheSameAnswer() {
		Map<LearnerId, Set<String>> cohort = cohort();
		awaitSameAnswer(cohort);
		HttpResponse<String> refused = data.as(data.coordinatorA,
				this.http.request("/api/progress/read-model/rebuild").POST(HttpRequest.BodyPublishers.noBody()));
		assertThat(refused.statusCode()).isEqualTo(403);
		HttpResponse<String> rebuilt = data
			.asAdmin(this.http.request("/api/progress/read-model/rebuild").POST(HttpRequest.BodyPublishers.noBody()));
		assertThat(rebuilt.statusCode()).as(rebuilt.body()).isEqualTo(200);
		assertThat(rebuilt.body()).contains("\"staleLearners\":0");
		Instant now = Instant.now();
		assertThat(this.standings.attainments(cohort, now)).isEqualTo(this.attainments.forLearners(cohort, now));
	}

	@Test
	void theCoverageSummaryTableAnswersAsTheLedgerDoesAndFollowsEvidenceRolesAndTheClock() {
		Map<LearnerId, Set<String>> cohort = cohort();
		awaitSameAnswer(cohort);
		LearnerId erinId = new LearnerId(erin);
		Instant now = Instant.now();
		assertThat(this.coverages.of(cohort, now)).isEqualTo(fromLedger(cohort, now));
		// stored, one row per learner, and read from there next time (a row altered
		// behind
		// its back shows)
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM prog_learner_coverage WHERE learner_id IN (?, ?, ?, ?, ?)", Integer.class,
				data.alice, data.bob, data.cara, data.dev, erin))
			.isEqualTo(5);
		this.jdbc.update("UPDATE prog_learner_coverage SET held = 999 WHERE learner_id = ?", erin);
		assertThat(this.coverages.of(cohort, Instant.now()).get(erinId).held()).isEqualTo(999);
		this.jdbc.update("DELETE FROM prog_learner_coverage WHERE learner_id = ?", erin);
		assertThat(this.coverages.of(cohort, Instant.now()).get(erinId).held()).isNotEqualTo(999);

		// a job role change counts against the new profile at once, with no event: to a
		// role that requires, at a tier the test data's mappings credit, a capability
		// Erin
		// does not hold yet
		Map<String, String> credited = Map.of("D9.1", "2", "D1.1", "2", "D2.1", "2", "D2.4", "2", "D10.1", "3", "D10.2",
				"2");
		Set<String> held = new java.util.HashSet<>();
		this.attainments.forLearners(cohort, Instant.now())
			.get(erinId)
			.stream()
			.filter((a) -> a.tier() != null)
			.forEach((a) -> held.add(a.capabilityCode()));
		String role = null;
		String code = null;
		for (String candidate : List.of("CTP", "RN", "PI", "APH", "CPS", "RDG", "WN", "QA")) {
			for (RoleProfile profile : this.capabilities.roleProfiles(Set.of(candidate))) {
				for (RoleProfile.Requirement r : profile.requirements()) {
					String c = this.capabilities.capability(r.capabilityIdentifier()).orElseThrow().code();
					if (role == null && credited.containsKey(c) && !held.contains(c)
							&& r.tierRank() <= Integer.parseInt(credited.get(c))) {
						role = candidate;
						code = c;
					}
				}
			}
		}
		assertThat(role).as("a role and capability to test with").isNotNull();
		put("/api/learners/" + erin + "/job-roles", "{\"jobRoles\":[\"" + role + "\"]}");
		try {
			Map<LearnerId, Set<String>> changed = cohort();
			LearnerCoverage before = this.coverages.of(changed, Instant.now()).get(erinId);
			assertThat(before.roles()).containsOnlyKeys(role);
			assertThat(before).isEqualTo(fromLedger(changed, Instant.now()).get(erinId));

			// new evidence replaces the learner's standings and with them the stored row
			LrsTestClient.create(this.http).post(passed("erin", code, Instant.now()));
			Eventually.value(() -> this.coverages.of(changed, Instant.now()).get(erinId),
					(c) -> c.held() == before.held() + 1);
			assertThat(this.coverages.of(changed, Instant.now())).isEqualTo(fromLedger(changed, Instant.now()));

			// past an expiry the stored row is not used; the future is answered, not
			// stored
			for (int days : new int[] { 300, 740, 1200 }) {
				Instant later = Instant.now().plus(Duration.ofDays(days));
				assertThat(this.coverages.of(changed, later)).as("in %d days", days)
					.isEqualTo(fromLedger(changed, later));
			}
			assertThat(this.jdbc.queryForObject(
					"SELECT COUNT(*) FROM prog_learner_coverage WHERE computed_at > NOW(6) + INTERVAL 1 DAY",
					Integer.class))
				.isZero();
		}
		finally {
			put("/api/learners/" + erin + "/job-roles", "{\"jobRoles\":[\"DM\"]}");
		}
	}

	@Test
	void creditsReachTheRowsInTheBackgroundWithNoReaderAsking() {
		LrsTestClient.create(this.http).post(passed("fay", "D2.4", Instant.now()));
		long fay = learner("fay");
		// read from the tables only: a reader through Standings would recompute the
		// learner
		Eventually.value(() -> this.jdbc.queryForObject(
				"SELECT (SELECT COUNT(*) FROM prog_capability_standing WHERE learner_id = ?) "
						+ "- 100 * (SELECT COUNT(*) FROM prog_stale_learner WHERE learner_id = ?)",
				Integer.class, fay, fay), (rows) -> rows == 1);
		assertThat(this.jdbc.queryForObject("SELECT tier_rank FROM prog_capability_standing WHERE learner_id = ?",
				Integer.class, fay))
			.isEqualTo(2);
	}

	/** What the summary table should say, counted from crediting's ledger directly. */
	private Map<LearnerId, LearnerCoverage> fromLedger(Map<LearnerId, Set<String>> cohort, Instant at) {
		Map<LearnerId, LearnerCoverage> expected = new LinkedHashMap<>();
		this.attainments.forLearners(cohort, at).forEach((learner, list) -> {
			Map<String, RoleProfile> profiles = new LinkedHashMap<>();
			if (!cohort.get(learner).isEmpty()) {
				this.capabilities.roleProfiles(cohort.get(learner)).forEach((p) -> profiles.putIfAbsent(p.code(), p));
			}
			expected.put(learner, LearnerCoverage.of(list, profiles,
					(id) -> CapabilityCache.domainTitle(this.capabilities.capability(id))));
		});
		return expected;
	}

	/** Events are delivered after commit, on other threads: wait for them, boundedly. */
	private void awaitSameAnswer(Map<LearnerId, Set<String>> cohort) {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (true) {
			Instant now = Instant.now();
			Map<LearnerId, List<CapabilityAttainment>> model = this.standings.attainments(cohort, now);
			Map<LearnerId, List<CapabilityAttainment>> ledger = this.attainments.forLearners(cohort, now);
			if (model.equals(ledger) || System.nanoTime() > deadline) {
				assertThat(model).isEqualTo(ledger);
				return;
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private Map<LearnerId, Set<String>> cohort() {
		Map<LearnerId, Set<String>> cohort = new LinkedHashMap<>();
		for (long id : new long[] { data.alice, data.bob, data.cara, data.dev, erin }) {
			LearnerId learner = new LearnerId(id);
			cohort.put(learner, this.learners.profile(learner).orElseThrow().jobRoles());
		}
		return cohort;
	}

	private String passed(String who, String capability, Instant timestamp) {
		return "{\"actor\":{\"mbox\":\"mailto:" + who + "-" + data.suffix + "@nhs.net\",\"name\":\"" + who
				+ "\"},\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/passed\",\"display\":{\"en-GB\":\"passed\"}},"
				+ "\"object\":{\"objectType\":\"Activity\",\"id\":\"" + data.activity(capability) + "\"},"
				+ "\"result\":{\"success\":true,\"completion\":true,\"score\":{\"scaled\":0.9}},\"timestamp\":\""
				+ timestamp + "\"}";
	}

	private long learner(String who) {
		String identifier = URLEncoder.encode("mailto:" + who + "-" + data.suffix + "@nhs.net", StandardCharsets.UTF_8);
		JsonNode learner = ProgressTestData.eventually(
				() -> data.asAdmin(this.http.request("/api/learners?identifier=" + identifier).GET()),
				(r) -> r.statusCode() == 200);
		return learner.get("id").asLong();
	}

	private void put(String path, String body) {
		HttpResponse<String> response = data.asAdmin(this.http.request(path)
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(body)));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
	}

}
