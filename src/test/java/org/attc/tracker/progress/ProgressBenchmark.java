package org.attc.tracker.progress;

import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

import org.attc.tracker.support.HttpTestClient;
import org.attc.tracker.support.LrsTestClient;
import org.attc.tracker.support.TestAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Data generator and benchmark for the progress views (not part of {@code verify}: the
 * name does not end in Tests). It builds a synthetic network through the real service:
 * organisations, one mapping per capability of the illustrative framework, learners with
 * sites and job roles, and xAPI statements posted to the LRS in batches, crediting
 * running as in production. Then it times the main views over HTTP with a signed-in
 * session and prints p50/p95 next to the targets and a baseline measured in the
 * same run (a trivial authenticated request), so the figures read relative to the
 * machine.
 *
 * Defaults are the national dataset: 40 organisations, 10,000 learners, 20 statements
 * each (200,000), posted in batches of 500 by 4 concurrent clients, so that generation
 * takes minutes, not hours. Every view of every role (learner, coordinator, trust
 * coordinator, programme lead, assessor, administrator), pages and JSON, gets a row with
 * p50, p95, size and PASS or FAIL against 300 KB and 300 ms. Run it with the
 * {@code benchmark-progress} profile (docs/benchmarks/progress-views.md):
 *
 * <pre>
 * ./mvnw -B -Pbenchmark-progress test                        # national: 10,000 learners
 * ./mvnw -B -Pbenchmark-progress test -Dbench.learners=1000  # a quick run
 * </pre>
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ProgressBenchmark {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final String[] ROLES = { "CTP", "RN", "PI", "APH", "CPS", "DM", "RDG", "WN", "QA" };

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	PasswordEncoder encoder;

	@Test
	void generateAndMeasure() throws Exception {
		int learners = Integer.getInteger("bench.learners", 10_000);
		int organisations = Integer.getInteger("bench.organisations", 40);
		int perLearner = Integer.getInteger("bench.statementsPerLearner", 20);
		int samples = Integer.getInteger("bench.samples", 20);
		String run = UUID.randomUUID().toString().substring(0, 6);
		HttpTestClient http = new HttpTestClient(this.port);
		Random random = new Random(42);

		Instant started = Instant.now();
		// half trusts, half sites (one site per trust); learners are spread evenly over
		// all
		// of them (staff at a trust's headquarters, staff at its site), so one
		// organisation has learners / organisations of them and a trust's coordinator
		// also
		// sees its site's
		int trusts = Math.max(1, organisations / 2);
		List<String> sites = new ArrayList<>();
		List<String> workplaces = new ArrayList<>();
		for (int t = 0; t < trusts; t++) {
			String trust = "BT" + run + t;
			admin(http, "POST", "/api/organisations",
					"{\"code\":\"" + trust + "\",\"name\":\"Bench trust " + t + "\",\"kind\":\"TRUST\"}");
			String site = "BS" + run + t;
			admin(http, "POST", "/api/organisations", "{\"code\":\"" + site + "\",\"name\":\"Bench site " + t
					+ "\",\"kind\":\"SITE\",\"parentCode\":\"" + trust + "\"}");
			sites.add(site);
			workplaces.add(trust);
			workplaces.add(site);
		}
		List<String> capabilities = capabilityCodes();
		String lms = "https://bench-" + run + ".test";
		for (String capability : capabilities) {
			admin(http, "POST", "/api/mappings",
					"{\"activityId\":\"" + lms + "/mod/quiz/view.php?id=" + capability.replace(".", "")
							+ "\",\"match\":\"exact\",\"capability\":\"" + capability
							+ "\",\"tier\":\"T3\",\"validityMonths\":24}");
		}
		// learners with their sites and job roles first, in bulk (identity's CSV import),
		// so the statements resolve to them
		for (int from = 0; from < learners; from += 200) {
			StringBuilder csv = new StringBuilder("identifier,name,email,organisations,jobRoles\n");
			for (int l = from; l < Math.min(learners, from + 200); l++) {
				csv.append("mailto:b")
					.append(run)
					.append('-')
					.append(l)
					.append("@nhs.net,Bench learner ")
					.append(l)
					.append(",b")
					.append(run)
					.append('-')
					.append(l)
					.append("@nhs.net,")
					.append(workplaces.get(l % workplaces.size()))
					.append(',')
					.append(ROLES[l % ROLES.length])
					.append('\n');
			}
			HttpResponse<String> imported = http.send(http.request("/api/learners/import")
				.header("Authorization", HttpTestClient.basic(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD))
				.header("Content-Type", "text/csv")
				.POST(HttpRequest.BodyPublishers.ofString(csv.toString())));
			if (imported.statusCode() >= 300) {
				throw new IllegalStateException("import: " + imported.statusCode() + " " + imported.body());
			}
		}
		long statements = post(LrsTestClient.create(http), run, lms, capabilities, learners, perLearner, random);
		List<Long> ids = new ArrayList<>();
		for (int l = 0; l < 2; l++) {
			String identifier = URLEncoder.encode("mailto:b" + run + "-" + l + "@nhs.net", StandardCharsets.UTF_8);
			ids.add(json.readTree(admin(http, "GET", "/api/learners?identifier=" + identifier, null).body())
				.get("id")
				.asLong());
		}
		awaitCrediting();
		Duration generation = Duration.between(started, Instant.now());
		String password = "bench-" + run;
		String coordinator = account("bcoord-" + run, password, "COORDINATOR", sites.get(0), null);
		String trustCoordinator = account("btcoord-" + run, password, "COORDINATOR", workplaces.get(0), null);
		String assessor = account("bassessor-" + run, password, "ASSESSOR", sites.get(0), null);
		String learnerAccount = account("blearner-" + run, password, "LEARNER", null, ids.get(0));
		String programmeLead = account("bprog-" + run, password, "PROGRAMME", null, null);
		HttpTestClient asCoordinator = signedIn(coordinator, password);
		HttpTestClient asTrustCoordinator = signedIn(trustCoordinator, password);
		HttpTestClient asAssessor = signedIn(assessor, password);
		HttpTestClient asLearner = signedIn(learnerAccount, password);
		HttpTestClient asProgramme = signedIn(programmeLead, password);
		HttpTestClient asAdmin = signedIn(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD);
		System.out.printf(
				"%nProgress benchmark: %d organisations, %d learners, %d statements, generated in %d s"
						+ " (%.0f statements/s)%n",
				trusts * 2, learners, statements, generation.toSeconds(),
				statements / Math.max(1.0, generation.toMillis() / 1000.0));
		System.out.printf("standing rows: %d%n",
				this.jdbc.queryForObject("SELECT COUNT(*) FROM cred_standing", Long.class));
		System.out.printf("targets: every page and JSON answer <= %d KB and p95 <= %d ms%n", MAX_KB, MAX_MS);
		System.out.printf("%-62s %8s %8s %8s  %s%n", "view", "p50 ms", "p95 ms", "KB", "verdict");
		print("baseline: GET /api/organisations (ceiling)", measure(samples, () -> asAdmin.get("/api/organisations")),
				false);
		int perOrganisation = learners / workplaces.size();
		String site = sites.get(0);
		String trust = workplaces.get(0);
		String nationalOrg = workplaces.get(workplaces.size() - 1);
		String name = URLEncoder.encode("Bench learner 12", StandardCharsets.UTF_8);
		// learner 0 works at the first trust, learner 1 at its site: the site's
		// coordinator and assessor see learner 1
		long atTrust = ids.get(0);
		long atSite = ids.get(1);
		Object[][] views = { { "learner: start page /", asLearner, "/" },
				{ "learner: page /my/capabilities", asLearner, "/my/capabilities" },
				{ "learner: JSON /api/progress/me", asLearner, "/api/progress/me" },

				{ "coordinator: start page /", asCoordinator, "/" },
				{ "coordinator: matrix page (" + perOrganisation + " learners)", asCoordinator, "/coordinator/matrix" },
				{ "coordinator: matrix JSON", asCoordinator, "/api/progress/matrix" },
				{ "coordinator: matrix JSON, status expired", asCoordinator, "/api/progress/matrix?status=expired" },
				{ "coordinator: expiring page", asCoordinator, "/coordinator/expiring" },
				{ "coordinator: expiring JSON", asCoordinator, "/api/progress/expiring" },
				{ "coordinator: readiness page", asCoordinator, "/coordinator/readiness" },
				{ "coordinator: readiness JSON", asCoordinator, "/api/progress/readiness" },
				{ "coordinator: who is not ready page", asCoordinator, "/coordinator/readiness/people" },
				{ "coordinator: who is not ready JSON", asCoordinator, "/api/progress/readiness/people" },
				{ "coordinator: summary page", asCoordinator, "/coordinator/summary" },
				{ "coordinator: summary JSON", asCoordinator, "/api/progress/summary" },
				{ "coordinator: /learners", asCoordinator, "/learners" },
				{ "coordinator: /learners?q=<name>", asCoordinator, "/learners?q=" + name },
				{ "coordinator: JSON /api/learners", asCoordinator, "/api/learners" },
				{ "coordinator: learner page /learners/{id}/capabilities", asCoordinator,
						"/learners/" + atSite + "/capabilities" },
				{ "coordinator: learner record /learners/{id}", asCoordinator, "/learners/" + atSite },
				{ "coordinator: learner JSON /api/progress/learners/{id}", asCoordinator,
						"/api/progress/learners/" + atSite },

				{ "trust coordinator: start page /", asTrustCoordinator, "/" },
				{ "trust coordinator: matrix page (" + 2 * perOrganisation + ")", asTrustCoordinator,
						"/coordinator/matrix" },
				{ "trust coordinator: matrix JSON", asTrustCoordinator, "/api/progress/matrix" },
				{ "trust coordinator: expiring page", asTrustCoordinator, "/coordinator/expiring" },
				{ "trust coordinator: expiring JSON", asTrustCoordinator, "/api/progress/expiring" },
				{ "trust coordinator: readiness page", asTrustCoordinator, "/coordinator/readiness" },
				{ "trust coordinator: readiness JSON", asTrustCoordinator, "/api/progress/readiness" },
				{ "trust coordinator: who is not ready page", asTrustCoordinator,
						"/coordinator/readiness/people?organisation=" + trust },
				{ "trust coordinator: who is not ready JSON", asTrustCoordinator,
						"/api/progress/readiness/people?organisation=" + trust },
				{ "trust coordinator: summary page", asTrustCoordinator, "/coordinator/summary" },
				{ "trust coordinator: /learners", asTrustCoordinator, "/learners" },
				{ "trust coordinator: learner page", asTrustCoordinator, "/learners/" + atTrust + "/capabilities" },

				{ "programme lead: start page /", asProgramme, "/" },
				{ "programme lead: summary page", asProgramme, "/coordinator/summary" },
				{ "programme lead: summary JSON", asProgramme, "/api/progress/summary" },
				{ "programme lead: matrix page (organisations first)", asProgramme, "/coordinator/matrix" },
				{ "programme lead: readiness page (organisations first)", asProgramme, "/coordinator/readiness" },
				{ "programme lead: who is not ready, one organisation", asProgramme,
						"/coordinator/readiness/people?organisation=" + site },
				{ "programme lead: matrix JSON (national, page 1)", asProgramme, "/api/progress/matrix" },
				{ "programme lead: expiring JSON (national, page 1)", asProgramme, "/api/progress/expiring" },
				{ "programme lead: who is not ready JSON (national, page 1)", asProgramme,
						"/api/progress/readiness/people" },
				{ "programme lead: /learners (national, page 1)", asProgramme, "/learners" },
				{ "programme lead: learner page", asProgramme, "/learners/" + atSite + "/capabilities" },

				{ "assessor: start page /", asAssessor, "/" },
				{ "assessor: worklist /sign-offs", asAssessor, "/sign-offs" },
				{ "assessor: worklist search /sign-offs?q=<name>", asAssessor, "/sign-offs?q=" + name },
				{ "assessor: sign-off page /learners/{id}/sign-offs", asAssessor,
						"/learners/" + atSite + "/sign-offs" },

				{ "admin: start page /", asAdmin, "/" },
				{ "admin: summary page (national)", asAdmin, "/coordinator/summary" },
				{ "admin: summary JSON (national)", asAdmin, "/api/progress/summary" },
				{ "admin: matrix page (organisations first)", asAdmin, "/coordinator/matrix" },
				{ "admin: matrix page, one organisation", asAdmin, "/coordinator/matrix?organisation=" + nationalOrg },
				{ "admin: expiring page (organisations first)", asAdmin, "/coordinator/expiring" },
				{ "admin: expiring page, one organisation", asAdmin,
						"/coordinator/expiring?organisation=" + nationalOrg },
				{ "admin: readiness page (organisations first)", asAdmin, "/coordinator/readiness" },
				{ "admin: readiness page, one organisation", asAdmin,
						"/coordinator/readiness?organisation=" + nationalOrg },
				{ "admin: who is not ready (organisations first)", asAdmin, "/coordinator/readiness/people" },
				{ "admin: who is not ready JSON (national, page 1)", asAdmin, "/api/progress/readiness/people" },
				{ "admin: readiness JSON (national)", asAdmin, "/api/progress/readiness" },
				{ "admin: matrix JSON (national, page 1)", asAdmin, "/api/progress/matrix" },
				{ "admin: matrix JSON (national, furthest behind first)", asAdmin, "/api/progress/matrix?sort=behind" },
				{ "admin: matrix JSON (national, status expiring)", asAdmin, "/api/progress/matrix?status=expiring" },
				{ "admin: expiring JSON (national, page 1)", asAdmin, "/api/progress/expiring" },
				{ "admin: /learners (national, page 1)", asAdmin, "/learners" },
				{ "admin: /learners?q=<name>", asAdmin, "/learners?q=" + name },
				{ "admin: JSON /api/learners (national, page 1)", asAdmin, "/api/learners" },
				{ "admin: JSON /api/learners?q=<name>", asAdmin, "/api/learners?q=" + name },
				{ "admin: learner page", asAdmin, "/learners/" + atSite + "/capabilities" },
				{ "admin: learner JSON", asAdmin, "/api/progress/learners/" + atSite } };
		int failed = 0;
		for (Object[] view : views) {
			HttpTestClient client = (HttpTestClient) view[1];
			String path = (String) view[2];
			failed += print((String) view[0], measure(samples, () -> client.get(path)), true) ? 0 : 1;
		}
		System.out.printf("%-62s %8s %8s %8s  %s%n", "national matrix CSV export (" + learners + " rows)", "", "", "",
				"(an export, not a page: target 2000 ms)");
		print("  export",
				measure(Math.max(3, samples / 4), () -> asAdmin.get("/api/progress/matrix/export?format=csv")), false);
		System.out.printf("%d of %d views miss a target%n", failed, views.length);
		hold(coordinator, password);
	}

	/**
	 * Posts the statements to the LRS in batches of {@code bench.batch} (500) from
	 * {@code bench.clients} (4) concurrent clients, as several LMSs would: crediting then
	 * runs as in production, on the statements as stored. Each learner's statements are
	 * random passes (80 %) and failures of mapped activities, dated over the last 800
	 * days so that some credits have lapsed and some are about to.
	 * @return how many statements were posted
	 */
	private static long post(LrsTestClient lrs, String run, String lms, List<String> capabilities, int learners,
			int perLearner, Random random) throws InterruptedException {
		int size = Integer.getInteger("bench.batch", 500);
		int clients = Integer.getInteger("bench.clients", 4);
		ExecutorService posting = Executors.newFixedThreadPool(clients);
		// at most two batches waiting per client: the generator stays ahead, memory stays
		// small
		Semaphore waiting = new Semaphore(clients * 2);
		List<Future<?>> posted = new ArrayList<>();
		List<String> batch = new ArrayList<>();
		long statements = 0;
		try {
			for (int l = 0; l < learners; l++) {
				for (int s = 0; s < perLearner; s++) {
					String capability = capabilities.get(random.nextInt(capabilities.size()));
					boolean passed = random.nextDouble() < 0.8;
					String when = Instant.now().minus(Duration.ofDays(random.nextInt(800))).toString();
					batch.add("{\"actor\":{\"mbox\":\"mailto:b" + run + "-" + l + "@nhs.net\",\"name\":\"Bench learner "
							+ l + "\"},\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/"
							+ (passed ? "passed" : "failed") + "\"},\"object\":{\"id\":\"" + lms
							+ "/mod/quiz/view.php?id=" + capability.replace(".", "") + "\"},\"result\":{\"success\":"
							+ passed + "},\"timestamp\":\"" + when + "\"}");
					if (batch.size() == size || (l == learners - 1 && s == perLearner - 1)) {
						String[] body = batch.toArray(String[]::new);
						statements += body.length;
						batch.clear();
						waiting.acquire();
						posted.add(posting.submit(() -> {
							try {
								lrs.post(body);
							}
							finally {
								waiting.release();
							}
						}));
					}
				}
			}
			for (Future<?> f : posted) {
				f.get();
			}
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("a batch was refused", ex.getCause());
		}
		finally {
			posting.shutdownNow();
		}
		return statements;
	}

	/**
	 * With {@code -Dbench.holdSeconds=N} the service stays up that long after the
	 * figures, to look around the generated network in a browser.
	 */
	private void hold(String coordinator, String password) throws InterruptedException {
		int seconds = Integer.getInteger("bench.holdSeconds", 0);
		if (seconds > 0) {
			System.out.printf("%nService up at http://localhost:%d for %d s: admin %s / %s, coordinator %s / %s%n",
					this.port, seconds, TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD, coordinator, password);
			Thread.sleep(seconds * 1000L);
		}
	}

	/** The targets for every page and JSON answer. */
	private static final int MAX_KB = 300;

	private static final int MAX_MS = 300;

	/**
	 * One row: p50, p95, size and, when judged, PASS or FAIL against the targets.
	 * @return whether it passed (true when not judged)
	 */
	private static boolean print(String view, long[] measured, boolean judged) {
		double p95 = measured[1] / 1e6;
		double kb = measured[2] / 1024.0;
		boolean pass = p95 <= MAX_MS && kb <= MAX_KB;
		System.out.printf("%-62s %8.1f %8.1f %8.1f  %s%n", view, measured[0] / 1e6, p95, kb, judged
				? (pass ? "PASS" : "FAIL" + ((p95 > MAX_MS) ? " time" : "") + ((kb > MAX_KB) ? " size" : "")) : "-");
		return !judged || pass;
	}

	/**
	 * p50 and p95 in nanoseconds and the answer's size in bytes, after two warm-up calls;
	 * every answer must be 200.
	 */
	private static long[] measure(int samples, Supplier<HttpResponse<String>> call) {
		long bytes = 0;
		for (int i = 0; i < 2; i++) {
			bytes = check(call.get());
		}
		long[] times = new long[samples];
		for (int i = 0; i < samples; i++) {
			long start = System.nanoTime();
			check(call.get());
			times[i] = System.nanoTime() - start;
		}
		Arrays.sort(times);
		return new long[] { times[(int) Math.floor(0.5 * (samples - 1))], times[(int) Math.ceil(0.95 * (samples - 1))],
				bytes };
	}

	/**
	 * @return the answer's size in bytes (UTF-8)
	 */
	private static long check(HttpResponse<String> response) {
		if (response.statusCode() != 200) {
			throw new IllegalStateException(response.statusCode() + " " + response.body());
		}
		return response.body().getBytes(StandardCharsets.UTF_8).length;
	}

	private HttpTestClient signedIn(String user, String password) {
		HttpTestClient client = new HttpTestClient(this.port);
		client.login(user, password);
		return client;
	}

	private HttpResponse<String> admin(HttpTestClient http, String method, String path, String body) {
		HttpRequest.Builder request = http.request(path)
			.header("Authorization", HttpTestClient.basic(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD))
			.header("Content-Type", "application/json")
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		HttpResponse<String> response = http.send(request);
		if (response.statusCode() >= 300) {
			throw new IllegalStateException(method + " " + path + ": " + response.statusCode() + " " + response.body());
		}
		return response;
	}

	/**
	 * Waits until the event publication registry has no incomplete crediting work and the
	 * read model has recomputed every learner the events marked.
	 */
	private void awaitCrediting() throws InterruptedException {
		Instant deadline = Instant.now().plus(Duration.ofHours(6));
		while (Instant.now().isBefore(deadline)) {
			// standings are written with the evidence: crediting is done when its queue
			// and
			// are
			Integer open = this.jdbc
				.queryForObject("SELECT (SELECT COUNT(*) FROM cred_pending_statement) + (SELECT COUNT(*) "
						+ "FROM EVENT_PUBLICATION WHERE completion_date IS NULL)", Integer.class);
			if (open == null || open == 0) {
				return;
			}
			Thread.sleep(500);
		}
		throw new IllegalStateException("crediting did not finish");
	}

	private String account(String username, String password, String role, String organisation, Long learner) {
		this.jdbc.update(
				"INSERT INTO id_user_account (username, password_hash, display_name, enabled, created_at, learner_id) "
						+ "VALUES (?, ?, ?, TRUE, NOW(6), ?)",
				username, this.encoder.encode(password), username, learner);
		Long id = this.jdbc.queryForObject("SELECT id FROM id_user_account WHERE username = ?", Long.class, username);
		this.jdbc.update("INSERT INTO id_user_account_role (account_id, role) VALUES (?, ?)", id, role);
		if (organisation != null) {
			this.jdbc.update(
					"INSERT INTO id_user_account_organisation (account_id, organisation_id) SELECT ?, id FROM id_organisation WHERE code = ?",
					id, organisation);
		}
		return username;
	}

	private static List<String> capabilityCodes() throws java.io.IOException {
		try (InputStream in = ProgressBenchmark.class
			.getResourceAsStream("/framework/attc-illustrative-framework.json")) {
			JsonNode framework = json.readTree(in);
			Set<String> codes = new LinkedHashSet<>();
			for (JsonNode profile : framework.get("roleProfiles")) {
				for (JsonNode requirement : profile.get("requirements")) {
					codes.add(requirement.get("capability").asString());
				}
			}
			return List.copyOf(codes);
		}
	}

}
