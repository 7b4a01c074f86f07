package org.attc.tracker.xapi.internal.store;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.attc.tracker.CapabilityTrackerApplication;
import org.attc.tracker.shared.AgentIdentifier;
import org.attc.tracker.xapi.internal.XapiJson;
import org.attc.tracker.xapi.internal.XapiProperties;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Query benchmark (not a test): fills the store with Moodle-shaped statements straight
 * through {@link StatementStore#insert} (the LRS's own writer, key rows and all, without
 * HTTP), voids and references a few over HTTP, then times every filter combination of
 * Communication §2.1.3 as real {@code GET /xapi/statements} requests ({@code limit=100},
 * each followed by its {@code more} page), at a first size and again after growing the
 * store to the full size (measuring at each doubling on the way). Prints p50/p95/max per
 * combination against the 50 ms target, the growth of each p95, the plan MariaDB chooses,
 * and the bytes per statement.
 * <p>
 * Run: {@code ./mvnw -q -Pbenchmark-queries test-compile exec:exec} (see docs/xapi.md);
 * sizes with {@code -Dquery.statements=5000000 -Dquery.first=500000
 * -Dquery.agents=50000 -Dquery.activities=10000 -Dquery.repeats=30}.
 */
public final class QueryBenchmark {

	private static final String KEY = "benchmark";

	private static final String SECRET = "benchmark-secret-" + UUID.randomUUID();

	private static final double TARGET_MS = 50;

	private final long statements = Long.getLong("query.statements", 5_000_000);

	private final long first = Math.min(Long.getLong("query.first", 500_000), this.statements);

	private final int agents = Integer.getInteger("query.agents", 50_000);

	private final int activities = Integer.getInteger("query.activities", 10_000);

	private final int repeats = Integer.getInteger("query.repeats", 30);

	private final int writers = Integer.getInteger("query.writers", 2);

	private final String databaseArgs = System.getProperty("benchmark.databaseArgs", "").isBlank()
			? "--innodb-buffer-pool-size=2G --innodb-log-file-size=512M" : System.getProperty("benchmark.databaseArgs");

	/** Stored times spread over 400 days before the run, oldest first. */
	private final Instant start = Instant.now().minus(Duration.ofDays(400));

	private final Duration spacing = Duration.ofDays(400).dividedBy(this.statements);

	private ConfigurableApplicationContext context;

	private JdbcTemplate jdbc;

	private int port;

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final String auth = "Basic " + Base64.getEncoder().encodeToString((KEY + ":" + SECRET).getBytes());

	public static void main(String[] args) throws Exception {
		QueryBenchmark benchmark = new QueryBenchmark();
		try {
			benchmark.run();
		}
		finally {
			if (benchmark.context != null) {
				benchmark.context.close();
			}
		}
		System.exit(0);
	}

	/** One filter combination: its query parameters, from a sampled stored statement. */
	record Combination(String name, Function<Sample, Map<String, String>> parameters) {
	}

	/**
	 * What a stored statement offers a query: its learner, module, verb, registration.
	 */
	record Sample(int learner, int module, String verb, String registration, Instant stored) {
	}

	private void run() throws Exception {
		this.port = freePort();
		// a store filled by an earlier run (its data directory is kept and printed), to
		// measure again without generating, e.g. on a quieter machine
		String reuse = System.getProperty("query.reuse", "");
		Path dataDir = reuse.isBlank() ? Files.createTempDirectory("xapi-query-benchmark-db") : Path.of(reuse);
		List<String> args = new ArrayList<>(List.of("--server.port=" + this.port,
				"--app.database.embedded.data-dir=" + dataDir, "--app.database.embedded.port=" + freePort(),
				"--app.database.embedded.fresh=" + reuse.isBlank(),
				"--app.identity.initial-admin-password=benchmark-admin", "--app.xapi.clients[0].key=" + KEY,
				"--app.xapi.clients[0].secret=" + SECRET, "--app.xapi.clients[0].scopes=all",
				"--logging.level.root=warn"));
		String[] db = this.databaseArgs.trim().split("\\s+");
		for (int i = 0; i < db.length; i++) {
			args.add("--app.database.embedded.args[" + i + "]=" + db[i]);
		}
		this.context = SpringApplication.run(CapabilityTrackerApplication.class, args.toArray(String[]::new));
		this.jdbc = this.context.getBean(JdbcTemplate.class);
		System.out.printf(Locale.ROOT,
				"xAPI query benchmark: %,d then %,d statements over %,d agents, %,d activities (%,d courses), %d verbs; "
						+ "%d queries per combination, limit=100, each followed by its more page; mariadbd %s%n",
				this.first, this.statements, this.agents, this.activities, this.activities / 25,
				BenchmarkStatements.VERBS.length, this.repeats, this.databaseArgs);
		System.out.println("data directory: " + dataDir + " (measure it again: -Dquery.reuse=" + dataDir + ")");
		if (!reuse.isBlank()) {
			measure();
			return;
		}
		generate(0, this.first);
		referencesAndVoids(200);
		Map<String, double[]> small = measure();
		// measured again at each doubling, so a run stopped early still shows the growth
		for (long size = this.first, next; size < this.statements; size = next) {
			next = Math.min(this.statements, size * 2);
			generate(size, next);
			referencesAndVoids(200);
			Map<String, double[]> large = measure();
			System.out.printf(Locale.ROOT, "%ngrowth %,d -> %,d statements (p95 of the first page)%n", this.first,
					next);
			small.forEach((name, p95) -> System.out.printf(Locale.ROOT, "  %-44s %7.1f ms -> %7.1f ms  x%.2f%n", name,
					p95[0], large.get(name)[0], large.get(name)[0] / p95[0]));
		}
	}

	/** Statements {@code from} to {@code to} (exclusive), stored oldest first. */
	private void generate(long from, long to) throws Exception {
		StatementStore store = this.context.getBean(StatementStore.class);
		TransactionTemplate transactions = new TransactionTemplate(
				this.context.getBean(PlatformTransactionManager.class));
		XapiProperties properties = this.context.getBean(XapiProperties.class);
		ObjectNode authority = JsonNodeFactory.instance.objectNode().put("objectType", "Agent");
		authority.putObject("account").put("homePage", properties.authorityHomePage()).put("name", KEY);
		int batch = 500;
		AtomicLong next = new AtomicLong(from);
		AtomicLong done = new AtomicLong();
		long t0 = System.nanoTime();
		ExecutorService pool = Executors.newFixedThreadPool(this.writers);
		List<Future<?>> writers = new ArrayList<>();
		for (int w = 0; w < this.writers; w++) {
			long seed = from + w;
			writers.add(pool.submit(() -> {
				BenchmarkStatements generator = new BenchmarkStatements(seed, this.agents, this.activities);
				long at;
				while ((at = next.getAndAdd(batch)) < to) {
					List<IncomingStatement> rows = new ArrayList<>(batch);
					for (long i = at; i < Math.min(to, at + batch); i++) {
						rows.add(new IncomingStatement((ObjectNode) XapiJson.MAPPER.readTree(generator.next()),
								this.start.plus(this.spacing.multipliedBy(i)), authority, "1.0.0", false));
					}
					transactions.executeWithoutResult((status) -> store.insert(rows, KEY, List.of()));
					long total = done.addAndGet(rows.size());
					if (total % 100_000 < batch) {
						System.err.printf(Locale.ROOT, "%s generated %,d of %,d (%.0f st/s)%n", Instant.now(),
								from + total, to, total / ((System.nanoTime() - t0) / 1e9));
					}
				}
				return null;
			}));
		}
		for (Future<?> writer : writers) {
			writer.get();
		}
		pool.shutdown();
		System.out.printf(Locale.ROOT, "generated %,d statements in %.0f s (%.0f st/s, %d writers, batches of %d)%n",
				to - from, (System.nanoTime() - t0) / 1e9, (to - from) / ((System.nanoTime() - t0) / 1e9), this.writers,
				batch);
	}

	/**
	 * Over HTTP, as clients send them: StatementRef statements to random stored ones, and
	 * voiding statements for as many, so the voided and StatementRef rules are exercised.
	 */
	private void referencesAndVoids(int count) throws Exception {
		SplittableRandom random = new SplittableRandom(count);
		long last = this.jdbc.queryForObject("SELECT MAX(seq) FROM xapi_statement", Long.class);
		StringBuilder body = new StringBuilder("[");
		for (int i = 0; i < count; i++) {
			String target = this.jdbc.queryForObject(
					"SELECT statement_id FROM xapi_statement WHERE seq >= ? AND voided = FALSE ORDER BY seq LIMIT 1",
					String.class, 1 + random.nextLong(last));
			String verb = (i % 2 == 0) ? "http://adlnet.gov/expapi/verbs/voided"
					: "http://adlnet.gov/expapi/verbs/experienced";
			body.append((i > 0) ? "," : "")
				.append("{\"actor\":")
				.append(BenchmarkStatements.agent(random.nextInt(this.agents)))
				.append(",\"verb\":{\"id\":\"")
				.append(verb)
				.append("\"},\"object\":{\"objectType\":\"StatementRef\",\"id\":\"")
				.append(target)
				.append("\"}}");
		}
		HttpResponse<String> response = this.http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/xapi/statements"))
				.header("Authorization", this.auth)
				.header("X-Experience-API-Version", "1.0.3")
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body.append(']').toString()))
				.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IllegalStateException(response.statusCode() + " " + response.body());
		}
	}

	private List<Combination> combinations() {
		Duration day = Duration.ofDays(1);
		return List.of(new Combination("(no filter)", (s) -> Map.of()),
				new Combination("verb", (s) -> Map.of("verb", s.verb())),
				new Combination("verb + ascending", (s) -> Map.of("verb", s.verb(), "ascending", "true")),
				new Combination("verb + since + until (1 day)",
						(s) -> Map.of("verb", s.verb(), "since", s.stored().minus(day).toString(), "until",
								s.stored().toString())),
				new Combination("agent", (s) -> Map.of("agent", BenchmarkStatements.agent(s.learner()))),
				new Combination("agent + verb",
						(s) -> Map.of("agent", BenchmarkStatements.agent(s.learner()), "verb", s.verb())),
				new Combination("agent + ascending",
						(s) -> Map.of("agent", BenchmarkStatements.agent(s.learner()), "ascending", "true")),
				new Combination("agent + since (30 days)",
						(s) -> Map.of("agent", BenchmarkStatements.agent(s.learner()), "since",
								s.stored().minus(Duration.ofDays(30)).toString())),
				new Combination("agent + related_agents",
						(s) -> Map.of("agent", BenchmarkStatements.agent(s.learner()), "related_agents", "true")),
				new Combination("activity", (s) -> Map.of("activity", BenchmarkStatements.module(s.module()))),
				new Combination("activity + verb",
						(s) -> Map.of("activity", BenchmarkStatements.module(s.module()), "verb", s.verb())),
				new Combination("activity (course) + related_activities",
						(s) -> Map.of("activity", BenchmarkStatements.course(s.module()), "related_activities",
								"true")),
				new Combination("activity (course) + related_activities + verb",
						(s) -> Map.of("activity", BenchmarkStatements.course(s.module()), "related_activities", "true",
								"verb", s.verb())),
				new Combination("agent + activity",
						(s) -> Map.of("agent", BenchmarkStatements.agent(s.learner()), "activity",
								BenchmarkStatements.module(s.module()))),
				new Combination("agent + activity + verb",
						(s) -> Map.of("agent", BenchmarkStatements.agent(s.learner()), "activity",
								BenchmarkStatements.module(s.module()), "verb", s.verb())),
				new Combination("agent + course + related_activities",
						(s) -> Map.of("agent", BenchmarkStatements.agent(s.learner()), "activity",
								BenchmarkStatements.course(s.module()), "related_activities", "true")),
				new Combination("agent + related_agents + activity",
						(s) -> Map.of("agent", BenchmarkStatements.agent(s.learner()), "related_agents", "true",
								"activity", BenchmarkStatements.module(s.module()))),
				new Combination("registration", (s) -> Map.of("registration", s.registration())),
				new Combination("agent + activity + registration",
						(s) -> Map.of("agent", BenchmarkStatements.agent(s.learner()), "activity",
								BenchmarkStatements.module(s.module()), "registration", s.registration())));
	}

	/**
	 * @return per combination, the p95 of its first pages
	 */
	private Map<String, double[]> measure() throws Exception {
		long count = this.jdbc.queryForObject("SELECT COUNT(*) FROM xapi_statement", Long.class);
		System.out.printf(Locale.ROOT, "%n== %,d statements (%s) ==%n", count, Instant.now());
		bytesPerStatement(count);
		SplittableRandom random = new SplittableRandom(count);
		long last = this.jdbc.queryForObject("SELECT MAX(seq) FROM xapi_statement", Long.class);
		// a warm-up round: the service's JIT and the buffer pool's upper index levels
		for (Combination combination : combinations()) {
			for (int i = 0; i < 5; i++) {
				page(combination.parameters().apply(sample(random, last)));
			}
		}
		Map<String, double[]> p95s = new LinkedHashMap<>();
		System.out.printf(Locale.ROOT, "%-44s | %-26s | %-26s | %6s | %s%n", "combination", "first page p50/p95/max ms",
				"more page p50/p95/max ms", "rows", "result");
		for (Combination combination : combinations()) {
			List<Double> firstPages = new ArrayList<>();
			List<Double> morePages = new ArrayList<>();
			long rows = 0;
			String plan = null;
			for (int i = 0; i < this.repeats; i++) {
				Map<String, String> parameters = combination.parameters().apply(sample(random, last));
				if (plan == null) {
					plan = plan(parameters);
				}
				long t0 = System.nanoTime();
				JsonNode answer = page(parameters);
				firstPages.add((System.nanoTime() - t0) / 1e6);
				rows += answer.get("statements").size();
				String more = answer.get("more").stringValue();
				if (!more.isEmpty()) {
					long t1 = System.nanoTime();
					get(more);
					morePages.add((System.nanoTime() - t1) / 1e6);
				}
			}
			double[] f = percentiles(firstPages);
			double[] m = percentiles(morePages);
			boolean pass = f[1] <= TARGET_MS && (morePages.isEmpty() || m[1] <= TARGET_MS);
			System.out.printf(Locale.ROOT, "%-44s | %7.1f %7.1f %8.1f | %7.1f %7.1f %8.1f | %6.1f | %s  [%s]%n",
					combination.name(), f[0], f[1], f[2], m[0], m[1], m[2], rows / (double) this.repeats,
					pass ? "PASS" : "FAIL", plan);
			p95s.put(combination.name(), new double[] { f[1] });
		}
		return p95s;
	}

	/** A random stored statement's learner, module, verb and registration. */
	private Sample sample(SplittableRandom random, long last) {
		Map<String, Object> row = this.jdbc.queryForMap(
				"SELECT statement, stored FROM xapi_statement WHERE seq >= ? AND object_ref IS NULL ORDER BY seq LIMIT 1",
				1 + random.nextLong(last));
		JsonNode statement = XapiJson.MAPPER.readTree((String) row.get("statement"));
		String object = statement.get("object").get("id").stringValue();
		return new Sample(Integer.parseInt(statement.get("actor").get("account").get("name").stringValue()),
				Integer.parseInt(object.substring(object.lastIndexOf('=') + 1)),
				statement.get("verb").get("id").stringValue(),
				statement.get("context").get("registration").stringValue(),
				Instant.parse(statement.get("stored").stringValue()));
	}

	private JsonNode page(Map<String, String> parameters) throws Exception {
		String query = parameters.entrySet()
			.stream()
			.map((e) -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		return get("/xapi/statements?limit=100" + (query.isEmpty() ? "" : "&" + query));
	}

	private JsonNode get(String path) throws IOException, InterruptedException {
		HttpResponse<String> response = this.http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
				.header("Authorization", this.auth)
				.header("X-Experience-API-Version", "1.0.3")
				.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IllegalStateException(path + ": " + response.statusCode() + " " + response.body());
		}
		return XapiJson.MAPPER.readTree(response.body());
	}

	/** The index MariaDB reads the key range with, and its estimate of the rows. */
	private String plan(Map<String, String> parameters) {
		StatementQuery.Builder query = StatementQuery.builder()
			.limit(100)
			.agent(parameters.containsKey("agent")
					? AgentIdentifier.fromActor(XapiJson.MAPPER.readTree(parameters.get("agent"))) : null)
			.verb(parameters.get("verb"))
			.activity(parameters.get("activity"))
			.registration(
					parameters.containsKey("registration") ? UUID.fromString(parameters.get("registration")) : null)
			.relatedAgents(parameters.containsKey("related_agents"))
			.relatedActivities(parameters.containsKey("related_activities"))
			.since(parameters.containsKey("since") ? Instant.parse(parameters.get("since")) : null)
			.until(parameters.containsKey("until") ? Instant.parse(parameters.get("until")) : null)
			.ascending(parameters.containsKey("ascending"));
		MapSqlParameterSource params = new MapSqlParameterSource("through", Long.MAX_VALUE).addValue("limit", 101);
		String sql = StatementStore.pageSql(query.build(), null, params);
		return this.context.getBean(NamedParameterJdbcTemplate.class)
			.queryForList("EXPLAIN " + sql, params)
			.stream()
			.filter((row) -> "k".equals(row.get("table")))
			.map((row) -> row.get("type") + " " + row.get("key") + " ~" + row.get("rows") + " rows"
					+ ((row.get("Extra") != null) ? ", " + row.get("Extra") : ""))
			.findFirst()
			.orElse("?");
	}

	/** Data and index bytes of the statement tables, per statement. */
	private void bytesPerStatement(long count) {
		List<String> tables = List.of("xapi_statement", "xapi_statement_key", "xapi_statement_ref_chain");
		tables.forEach((table) -> this.jdbc.queryForList("ANALYZE TABLE " + table));
		long[] total = new long[2];
		StringBuilder line = new StringBuilder();
		this.jdbc.query(
				"SELECT table_name, data_length, index_length FROM information_schema.tables "
						+ "WHERE table_schema = DATABASE() AND table_name IN ('" + String.join("','", tables) + "')",
				(rs) -> {
					total[0] += rs.getLong(2);
					total[1] += rs.getLong(3);
					line.append(String.format(Locale.ROOT, "  %s data %.0f + indexes %.0f B/st;", rs.getString(1),
							rs.getLong(2) / (double) count, rs.getLong(3) / (double) count));
				});
		long keyRows = this.jdbc.queryForObject("SELECT COUNT(*) FROM xapi_statement_key", Long.class);
		System.out.printf(Locale.ROOT,
				"bytes per statement: %.0f (data %.0f + indexes %.0f; %.1f key rows per statement):%s%n",
				(total[0] + total[1]) / (double) count, total[0] / (double) count, total[1] / (double) count,
				keyRows / (double) count, line);
	}

	private static double[] percentiles(List<Double> values) {
		if (values.isEmpty()) {
			return new double[] { 0, 0, 0 };
		}
		double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		return new double[] { sorted[(int) Math.ceil(0.50 * sorted.length) - 1],
				sorted[(int) Math.ceil(0.95 * sorted.length) - 1], sorted[sorted.length - 1] };
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
