package org.attc.tracker.xapi.internal.store;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.attc.tracker.xapi.internal.XapiJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Ingestion benchmark (not a test): starts the service in its own JVM on the embedded
 * MariaDB, drives {@code POST /xapi/statements} over real HTTP with several concurrent
 * clients for a fixed time, with batches of 1 and of 100 distinct statements, and
 * measures in the same run the ceiling: raw JDBC batch inserts of the same rows
 * (statement row and its query key rows, one transaction per batch, same concurrency)
 * into the same database. Prints statements/s, p50/p99 latency, ratio to the ceiling and
 * the service's peak RSS.
 * <p>
 * Run: {@code ./mvnw -q -Pbenchmark test-compile exec:exec} (see docs/xapi.md); tune with
 * {@code -Dbenchmark.seconds=20 -Dbenchmark.clients=8 -Dbenchmark.warmupSeconds=60} and
 * {@code -Dbenchmark.databaseArgs="--innodb-buffer-pool-size=1G --innodb-log-file-size=512M"}.
 */
public final class IngestionBenchmark {

	private static final String KEY = "benchmark";

	/**
	 * Crediting's backlog: statements in its queue and incomplete event publications
	 * (other modules' listeners).
	 */
	private static final String OUTSTANDING = "SELECT (SELECT COUNT(*) FROM cred_pending_statement) "
			+ "+ (SELECT COUNT(*) FROM EVENT_PUBLICATION WHERE completion_date IS NULL)";

	private static final String SECRET = "benchmark-secret-" + UUID.randomUUID();

	private final int seconds = Integer.getInteger("benchmark.seconds", 20);

	private final int clients = Integer.getInteger("benchmark.clients", 8);

	/**
	 * Traffic before anything is measured, so the phases see the service's steady state
	 * (a service runs for days; its JIT compiler's work belongs to its first minutes).
	 * Each client alternates batches of 100 and of 1, so both phases' code is compiled:
	 * with a 5 s warm-up of batches of 100 the JIT compiler still used as much CPU as all
	 * request threads together during the measured batch-100 phase, and with 20 s of them
	 * a fifth of the service's CPU (docs/xapi.md).
	 */
	private final int warmupSeconds = Integer.getInteger("benchmark.warmupSeconds", 60);

	/**
	 * The embedded MariaDB's options, the same for the ceiling and the LRS: a buffer pool
	 * that holds the run's data (about 1 GB) and a redo log that does not force a
	 * checkpoint every few seconds. With MariaDB's defaults (128 MB, 96 MB) both sides
	 * spend their time flushing pages, and whichever phase runs later, on the larger
	 * table, is penalised.
	 */
	private final String databaseArgs = blankAsDefault(System.getProperty("benchmark.databaseArgs"),
			"--innodb-buffer-pool-size=1G --innodb-log-file-size=512M");

	/**
	 * The service's JVM: a bounded heap with a young generation large enough that the
	 * batches in flight die young (with the default third of 192 MB, the serial collector
	 * ran eight times a second and promoted in-flight requests into the old generation,
	 * costing a fifth of the service's CPU), bounded JIT code cache, one-thread GC; with
	 * {@code MALLOC_ARENA_MAX=2} (set below) glibc does not keep an arena per busy
	 * thread. The heap is touched in full under load, so it sets most of the peak RSS:
	 * 224 MB gave 521–540 MB, 192 MB gives 481–500 MB (docs/benchmarks). The same
	 * settings suit a production instance of this size.
	 */
	public static final String PRODUCTION_JVM = "-Xmx192m -Xmn96m -XX:MaxMetaspaceSize=160m "
			+ "-XX:ReservedCodeCacheSize=64m -XX:+UseSerialGC -Xss512k";

	private final String serviceJvmArgs = blankAsDefault(System.getProperty("benchmark.serviceJvmArgs"),
			PRODUCTION_JVM);

	/**
	 * Crediting's phases (after the ingestion phases): single statements posted at this
	 * steady rate (open loop: each request is sent on schedule whatever the answers take)
	 * for {@link #seconds}, timing each statement from {@code stored} to its crediting
	 * committed; then a burst of single statements from {@link #clients} clients as fast
	 * as they are answered for {@link #burstSeconds}, and how long the backlog takes to
	 * drain.
	 */
	private final int sustainedRate = Integer.getInteger("benchmark.sustainedRate", 500);

	private final int burstSeconds = Integer.getInteger("benchmark.burstSeconds", 120);

	/**
	 * The phases to run, for a quicker look at one of them
	 * ({@code 1,100,sustained,burst}).
	 */
	private final List<String> phases = Arrays
		.asList(blankAsDefault(System.getProperty("benchmark.phases"), "1,100,sustained,burst").split(","));

	/** Most single statements of the steady phase awaiting their answer at once. */
	private static final int IN_FLIGHT = 64;

	private static String blankAsDefault(String value, String otherwise) {
		return (value == null || value.isBlank()) ? otherwise : value;
	}

	private Process service;

	private int httpPort;

	private int dbPort;

	/** The embedded server's application password, from the file beside its data. */
	private String dbPassword;

	public static void main(String[] args) throws Exception {
		new IngestionBenchmark().run();
	}

	private void run() throws Exception {
		this.httpPort = freePort();
		this.dbPort = freePort();
		Path dataDir = Files.createTempDirectory("xapi-benchmark-db");
		try {
			startService(dataDir);
			Properties credentials = new Properties();
			Path credentialsFile = dataDir.resolveSibling(dataDir.getFileName() + ".credentials");
			try (var in = Files.newBufferedReader(credentialsFile)) {
				credentials.load(in);
			}
			this.dbPassword = credentials.getProperty("password");
			System.out.printf(Locale.ROOT,
					"xAPI ingestion benchmark: %d clients, %d s per phase after %d s of warm-up, service JVM %s, MALLOC_ARENA_MAX=%s, mariadbd %s%n",
					this.clients, this.seconds, Math.max(3, this.warmupSeconds), this.serviceJvmArgs,
					System.getProperty("benchmark.mallocArenas", "2"), this.databaseArgs);
			createMapping();
			Result warmup = http(0, Math.max(3, this.warmupSeconds));
			System.out.printf(Locale.ROOT,
					"warm-up: %,d statements, crediting caught up %.1f s after the last request%n", warmup.statements,
					creditingCaughtUp());
			List<String> lines = new ArrayList<>();
			for (int batch : new int[] { 1, 100 }) {
				if (!this.phases.contains(String.valueOf(batch))) {
					continue;
				}
				Cpu beforeCeiling = cpu();
				progress("ceiling, batch " + batch);
				Result ceiling = ceiling(batch);
				Cpu beforeLrs = cpu();
				progress("LRS, batch " + batch);
				Result lrs = http(batch, this.seconds);
				// crediting runs after each commit, asynchronously: its backlog is part
				// of
				// the cost of ingestion, and the next phase starts only once it is done
				double caughtUp = creditingCaughtUp();
				Cpu afterLrs = cpu();
				lines.add(String.format(Locale.ROOT,
						"batch %3d | LRS %9.0f st/s  p50 %7.1f ms  p99 %7.1f ms | ceiling %9.0f st/s  p50 %6.1f ms  p99 %6.1f ms | ratio %.2f",
						batch, lrs.perSecond(), lrs.percentile(50), lrs.percentile(99), ceiling.perSecond(),
						ceiling.percentile(50), ceiling.percentile(99), lrs.perSecond() / ceiling.perSecond()));
				lines.add(String.format(Locale.ROOT,
						"          | crediting caught up %.1f s after the last request (%,d statements in %.1f s: %.0f st/s end to end)",
						caughtUp, lrs.statements, lrs.nanos / 1e9 + caughtUp,
						lrs.statements / (lrs.nanos / 1e9 + caughtUp)));
				// CPU time per 1,000 statements: what each phase cost the machine, which
				// the
				// load of other processes on a shared machine changes far less than rates
				lines.add(String.format(Locale.ROOT,
						"          | CPU s per 1,000 statements: LRS (with crediting) service %.3f + mariadbd %.3f "
								+ "+ this JVM %.3f; ceiling mariadbd %.3f + this JVM %.3f",
						(afterLrs.service() - beforeLrs.service()) * 1000 / lrs.statements,
						(afterLrs.mariadb() - beforeLrs.mariadb()) * 1000 / lrs.statements,
						(afterLrs.self() - beforeLrs.self()) * 1000 / lrs.statements,
						(beforeLrs.mariadb() - beforeCeiling.mariadb()) * 1000 / ceiling.statements,
						(beforeLrs.self() - beforeCeiling.self()) * 1000 / ceiling.statements));
				// what this machine allows whatever the service does: the CPU the
				// database and the client spent per statement (crediting's catch-up
				// included), over all cores, is an end-to-end rate no LRS asking the
				// same of this database can pass
				double othersPerStatement = ((afterLrs.mariadb() - beforeLrs.mariadb())
						+ (afterLrs.self() - beforeLrs.self())) / lrs.statements;
				lines.add(String.format(Locale.ROOT,
						"          | bound on %d cores: with a service using no CPU at all, the database and this client "
								+ "would still hold the end-to-end rate to %.0f st/s",
						Runtime.getRuntime().availableProcessors(),
						Runtime.getRuntime().availableProcessors() / othersPerStatement));
				if (lrs.errors > 0) {
					lines.add("  LRS errors: " + lrs.errors + " (first: " + lrs.firstError + ")");
				}
				// each phase as it ends, so a later failure loses nothing
				lines.forEach(System.out::println);
				lines.clear();
			}
			if (this.phases.contains("sustained")) {
				sustained().forEach(System.out::println);
			}
			if (this.phases.contains("burst")) {
				burst().forEach(System.out::println);
			}
			System.out.printf(Locale.ROOT,
					"service peak RSS (VmHWM) %d MB, current RSS %d MB; embedded mariadbd RSS %d MB%n",
					status(this.service.pid(), "VmHWM") / 1024, status(this.service.pid(), "VmRSS") / 1024,
					mariadbRss() / 1024);
		}
		finally {
			// also when it failed to start in time, so it does not outlive the run
			if (this.service != null) {
				this.service.destroy();
				this.service.waitFor();
			}
			// a run leaves gigabytes of database files behind
			deleteRecursively(dataDir);
			Files.deleteIfExists(dataDir.resolveSibling(dataDir.getFileName() + ".credentials"));
		}
	}

	/**
	 * A mapping for every activity of the benchmark's statements (quizzes of the Moodle
	 * site) to a capability of the sample framework, made before any statement is stored
	 * (so its recompute job has nothing to do): crediting appends evidence and attainment
	 * as on a real site, and the crediting phase times statement to attainment.
	 */
	private void createMapping() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.httpPort + "/api/mappings"))
				.header("Authorization",
						"Basic " + Base64.getEncoder().encodeToString("admin:benchmark-admin".getBytes()))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers
					.ofString("{\"activityId\":\"https://moodle.attc.example.org/mod/quiz/\",\"match\":\"prefix\","
							+ "\"capability\":\"D2.1\",\"tier\":\"T2\",\"minScaledScore\":0.5,\"validityMonths\":24}"))
				.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 201) {
			throw new IllegalStateException("mapping refused: " + response.statusCode() + " " + response.body());
		}
	}

	/**
	 * Single statements at {@link #sustainedRate} per second: statement to attainment
	 * (stored to crediting committed) p50 and p99, target p99 at most 1 s.
	 */
	private List<String> sustained() throws Exception {
		progress("crediting latency at " + this.sustainedRate + " single statements/s");
		BenchmarkStatements generator = new BenchmarkStatements(System.nanoTime());
		// one connection per request in flight, as many as the open loop allows
		ExecutorService senders = Executors.newFixedThreadPool(IN_FLIGHT);
		ThreadLocal<KeepAliveClient> connections = ThreadLocal.withInitial(this::client);
		// the phase's statements are those stored after the last one before it (the
		// database's own values, so no time zone is involved)
		long before;
		try (Connection connection = connect();
				ResultSet rs = connection.createStatement().executeQuery("SELECT MAX(seq) FROM xapi_statement")) {
			rs.next();
			before = rs.getLong(1);
		}
		long interval = 1_000_000_000L / this.sustainedRate;
		long next = System.nanoTime();
		long end = next + Duration.ofSeconds(this.seconds).toNanos();
		// open loop, but at most IN_FLIGHT requests outstanding: past that the service is
		// not keeping up, and the rate actually sent is printed
		java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(IN_FLIGHT);
		AtomicLong errors = new AtomicLong();
		String[] firstError = new String[1];
		long sent = 0;
		long start = System.nanoTime();
		while (System.nanoTime() < end) {
			inFlight.acquire();
			sent++;
			String body = generator.batch(1);
			senders.execute(() -> {
				String failure = null;
				try {
					KeepAliveClient.Answer answer = connections.get().post("/xapi/statements", body);
					if (answer.status() != 200) {
						failure = answer.status() + " " + answer.body();
					}
				}
				catch (IOException | RuntimeException ex) {
					failure = ex.toString();
				}
				finally {
					inFlight.release();
				}
				if (failure != null && errors.incrementAndGet() == 1) {
					firstError[0] = failure;
				}
			});
			next += interval;
			long sleep = next - System.nanoTime();
			if (sleep > 0) {
				Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
			}
		}
		double rate = sent / ((System.nanoTime() - start) / 1e9);
		inFlight.acquire(IN_FLIGHT);
		senders.shutdown();
		double caughtUp = creditingCaughtUp();
		List<Double> latencies = new ArrayList<>();
		// statement to attainment: from stored to its first evidence (attainment is
		// derived from evidence), for the statements the mapping credits
		try (Connection connection = connect();
				PreparedStatement query = connection
					.prepareStatement("SELECT TIMESTAMPDIFF(MICROSECOND, s.stored, MIN(e.recorded_at)) "
							+ "FROM xapi_statement s JOIN cred_evidence e ON e.statement_id = s.statement_id "
							+ "WHERE s.seq > ? GROUP BY s.statement_id")) {
			query.setLong(1, before);
			try (ResultSet rs = query.executeQuery()) {
				while (rs.next()) {
					latencies.add(rs.getLong(1) / 1000.0);
				}
			}
		}
		latencies.sort(null);
		return List.of(String.format(Locale.ROOT,
				"crediting | %d single statements/s asked for %d s (%,d sent, %.0f/s, %d errors%s): statement to attainment p50 %.0f ms, "
						+ "p99 %.0f ms, max %.0f ms over %,d credited (target p99 <= 1000 ms); caught up %.1f s after the last request",
				this.sustainedRate, this.seconds, sent, rate, errors.get(),
				(firstError[0] != null) ? ", first: " + firstError[0] : "", percentile(latencies, 50),
				percentile(latencies, 99), percentile(latencies, 100), latencies.size(), caughtUp));
	}

	/**
	 * Single statements as fast as {@link #clients} clients get answers, for
	 * {@link #burstSeconds}: the backlog of uncredited statements it leaves and how long
	 * that takes to drain (target: no longer than the burst that built it).
	 */
	private List<String> burst() throws Exception {
		progress("burst of single statements for " + this.burstSeconds + " s");
		Result burst = http(1, this.burstSeconds);
		long backlog;
		try (Connection connection = connect();
				PreparedStatement outstanding = connection.prepareStatement(OUTSTANDING);
				ResultSet rs = outstanding.executeQuery()) {
			rs.next();
			backlog = rs.getLong(1);
		}
		double drained = creditingCaughtUp();
		double seconds = burst.nanos / 1e9;
		return List.of(String.format(Locale.ROOT,
				"burst     | batch 1 for %.0f s: %.0f st/s, p99 %.1f ms; backlog at its end %,d statements "
						+ "(built at %.0f st/s), drained in %.1f s (%.0f st/s; target: drains at least as fast as it built, "
						+ "i.e. within %.0f s)%s",
				seconds, burst.perSecond(), burst.percentile(99), backlog, backlog / seconds, drained,
				(drained > 0) ? backlog / drained : Double.NaN, seconds,
				(burst.errors > 0) ? "; errors " + burst.errors + " (first: " + burst.firstError + ")" : ""));
	}

	private static double percentile(List<Double> sorted, int p) {
		if (sorted.isEmpty()) {
			return Double.NaN;
		}
		int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
		return sorted.get(Math.max(0, index));
	}

	private Connection connect() throws SQLException {
		return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + this.dbPort + "/tracker", "tracker",
				this.dbPassword);
	}

	private static void deleteRecursively(Path dir) throws IOException {
		if (Files.exists(dir)) {
			try (Stream<Path> paths = Files.walk(dir)) {
				for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
					Files.deleteIfExists(path);
				}
			}
		}
	}

	/** A phase's start on stderr, so a profiler can be pointed at it. */
	private void progress(String phase) {
		System.err.printf(Locale.ROOT, "%s measuring %s for %d s (service pid %d)%n", Instant.now(), phase,
				this.seconds, this.service.pid());
	}

	/**
	 * The command that runs the service with these JVM arguments, from the main classes
	 * only (test classes hold test listeners); the service's arguments go after it.
	 */
	public static List<String> serviceJava(String jvmArgs) {
		String classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
			.filter((entry) -> !entry.endsWith("test-classes"))
			.collect(Collectors.joining(File.pathSeparator));
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(Arrays.asList(jvmArgs.trim().split("\\s+")));
		command.addAll(List.of("-cp", classpath, "org.attc.tracker.CapabilityTrackerApplication"));
		return command;
	}

	private void startService(Path dataDir) throws Exception {
		List<String> command = serviceJava(this.serviceJvmArgs);
		command.addAll(List.of("--server.port=" + this.httpPort, "--app.database.embedded.data-dir=" + dataDir,
				"--app.database.embedded.port=" + this.dbPort, "--app.database.embedded.fresh=true",
				"--app.identity.initial-admin-password=benchmark-admin", "--app.xapi.clients[0].key=" + KEY,
				"--app.xapi.clients[0].secret=" + SECRET, "--app.xapi.clients[0].scopes=all",
				"--logging.level.root=warn"));
		String[] databaseArgs = this.databaseArgs.trim().split("\\s+");
		for (int i = 0; i < databaseArgs.length; i++) {
			command.add("--app.database.embedded.args[" + i + "]=" + databaseArgs[i]);
		}
		// extra service arguments, e.g. to try a setting: -Dbenchmark.serviceArgs="--a=b
		// --c=d"
		String extra = System.getProperty("benchmark.serviceArgs", "").trim();
		if (!extra.isEmpty()) {
			command.addAll(Arrays.asList(extra.split("\\s+")));
		}
		File log = Files.createTempFile("xapi-benchmark-service", ".log").toFile();
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log);
		builder.environment().put("MALLOC_ARENA_MAX", System.getProperty("benchmark.mallocArenas", "2"));
		this.service = builder.start();
		HttpClient http = HttpClient.newHttpClient();
		Instant deadline = Instant.now().plusSeconds(300);
		while (Instant.now().isBefore(deadline)) {
			if (!this.service.isAlive()) {
				throw new IllegalStateException("the service stopped; see " + log);
			}
			try {
				HttpResponse<String> health = http
					.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.httpPort + "/actuator/health"))
						.build(), HttpResponse.BodyHandlers.ofString());
				if (health.statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(500);
		}
		throw new IllegalStateException("the service did not start within 5 minutes; see " + log);
	}

	/**
	 * Waits until every event publication (crediting's {@code StatementsStored} listener
	 * above all) is complete.
	 * @return the seconds waited
	 */
	private double creditingCaughtUp() throws Exception {
		long start = System.nanoTime();
		try (Connection connection = connect();
				PreparedStatement outstanding = connection.prepareStatement(OUTSTANDING)) {
			long last = Long.MAX_VALUE;
			long progressAt = start;
			while (true) {
				long count;
				try (ResultSet rs = outstanding.executeQuery()) {
					rs.next();
					count = rs.getLong(1);
				}
				if (count == 0) {
					return (System.nanoTime() - start) / 1e9;
				}
				if (count < last) {
					last = count;
					progressAt = System.nanoTime();
				}
				else if (System.nanoTime() - progressAt > Duration.ofSeconds(60).toNanos()) {
					// a failed listener stays incomplete until the service restarts
					throw new IllegalStateException(count
							+ " event publications made no progress for 60 s: crediting failed, see the service log");
				}
				Thread.sleep(100);
			}
		}
	}

	/**
	 * POST batches over HTTP from several clients for the given time; batch 0 alternates
	 * batches of 100 and of 1 (the warm-up).
	 */
	private Result http(int batch, int duration) throws Exception {
		return drive(batch, duration, (generator) -> {
			int[] sent = { 0 };
			KeepAliveClient http = client();
			return () -> {
				int size = (batch > 0) ? batch : (sent[0]++ % 2 == 0) ? 100 : 1;
				KeepAliveClient.Answer answer = http.post("/xapi/statements", generator.batch(size));
				if (answer.status() != 200) {
					throw new IllegalStateException(answer.status() + " " + answer.body());
				}
				return size;
			};
		});
	}

	/** A connection of one client to the LRS, as the benchmark's statement source. */
	private KeepAliveClient client() {
		return new KeepAliveClient("127.0.0.1", this.httpPort,
				"Authorization: Basic " + Base64.getEncoder().encodeToString((KEY + ":" + SECRET).getBytes())
						+ "\r\nX-Experience-API-Version: 1.0.3\r\nContent-Type: application/json\r\n");
	}

	/**
	 * The same rows, inserted with JDBC batches straight into the same database: what the
	 * LRS would reach with zero cost for HTTP, authentication, JSON and validation.
	 */
	private Result ceiling(int batch) throws Exception {
		String url = "jdbc:mariadb://127.0.0.1:" + this.dbPort + "/tracker";
		JsonNode authority = new ObjectNode(tools.jackson.databind.node.JsonNodeFactory.instance)
			.put("objectType", "Agent")
			.put("name", KEY);
		ThreadLocal<Connection> connections = ThreadLocal.withInitial(() -> {
			try {
				Connection connection = DriverManager.getConnection(url, "tracker", this.dbPassword);
				connection.setAutoCommit(false);
				return connection;
			}
			catch (SQLException ex) {
				throw new IllegalStateException(ex);
			}
		});
		return drive(batch, this.seconds, (generator) -> {
			// rows are prepared before the clock starts (a pool reused with fresh ids),
			// so
			// only the inserts are measured
			List<Row> pool = new ArrayList<>();
			Instant stored = Instant.now();
			for (int i = 0; i < 2_000; i++) {
				IncomingStatement statement = new IncomingStatement(
						(ObjectNode) XapiJson.MAPPER.readTree(generator.next()), stored, authority, "1.0.0");
				pool.add(new Row(statement, XapiJson.MAPPER.writeValueAsString(statement.statement)));
			}
			Connection connection = connections.get();
			int[] next = { 0 };
			return () -> {
				List<Row> rows = new ArrayList<>(batch);
				for (int i = 0; i < batch; i++) {
					Row row = pool.get(next[0]++ % pool.size());
					String id = UUID.randomUUID().toString();
					rows.add(new Row(row.statement(), row.json().replace(row.statement().id.toString(), id), id));
				}
				insert(connection, rows);
				return batch;
			};
		});
	}

	/** A prepared row, with the id it is inserted under. */
	record Row(IncomingStatement statement, String json, String id) {

		Row(IncomingStatement statement, String json) {
			this(statement, json, statement.id.toString());
		}

	}

	private static void insert(Connection connection, List<Row> rows) throws SQLException {
		try (PreparedStatement insert = connection.prepareStatement(
				"INSERT INTO xapi_statement (statement_id, statement, stored, stamp, verb_hash, registration, "
						+ "voiding_target, voided, client_key) VALUES (?, ?, ?, ?, ?, ?, ?, FALSE, ?)")) {
			for (Row row : rows) {
				IncomingStatement s = row.statement();
				insert.setString(1, row.id());
				insert.setString(2, row.json());
				insert.setObject(3, StatementStore.utc(s.stored));
				insert.setObject(4, StatementStore.utc(s.timestamp));
				insert.setBytes(5, s.verbHash);
				insert.setString(6, s.registration);
				insert.setString(7, null);
				insert.setString(8, KEY);
				insert.addBatch();
			}
			insert.executeBatch();
		}
		java.util.Map<String, Long> seqs = new java.util.HashMap<>();
		String in = rows.stream().map((r) -> "'" + r.id() + "'").collect(Collectors.joining(","));
		try (PreparedStatement select = connection
			.prepareStatement("SELECT seq, statement_id FROM xapi_statement WHERE statement_id IN (" + in + ")");
				ResultSet rs = select.executeQuery()) {
			while (rs.next()) {
				seqs.put(rs.getString(2), rs.getLong(1));
			}
		}
		try (PreparedStatement keys = connection.prepareStatement(StatementStore.INSERT_KEYS)) {
			for (Row row : rows) {
				for (Object[] key : StatementStore.keyRows(row.statement(), seqs.get(row.id()))) {
					for (int i = 0; i < key.length; i++) {
						keys.setObject(i + 1, key[i]);
					}
					keys.addBatch();
				}
			}
			keys.executeBatch();
		}
		connection.commit();
	}

	interface Work {

		/**
		 * @return the statements sent
		 */
		int run() throws Exception;

	}

	interface Setup {

		Work prepare(BenchmarkStatements generator) throws Exception;

	}

	private Result drive(int batch, int duration, Setup setup) throws Exception {
		AtomicBoolean running = new AtomicBoolean(true);
		AtomicLong errors = new AtomicLong();
		String[] firstError = new String[1];
		ExecutorService pool = Executors.newFixedThreadPool(this.clients);
		List<Future<long[]>> results = new ArrayList<>();
		AtomicLong statements = new AtomicLong();
		java.util.concurrent.CountDownLatch ready = new java.util.concurrent.CountDownLatch(this.clients);
		java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
		for (int c = 0; c < this.clients; c++) {
			long seed = System.nanoTime() + c;
			results.add(pool.submit(() -> {
				BenchmarkStatements generator = new BenchmarkStatements(seed);
				Work work = setup.prepare(generator);
				ready.countDown();
				go.await();
				long[] latencies = new long[1 << 16];
				int n = 0;
				while (running.get()) {
					long t0 = System.nanoTime();
					try {
						statements.addAndGet(work.run());
					}
					catch (Exception ex) {
						if (errors.incrementAndGet() == 1) {
							firstError[0] = ex.toString();
						}
						continue;
					}
					if (n == latencies.length) {
						latencies = Arrays.copyOf(latencies, n * 2);
					}
					latencies[n++] = System.nanoTime() - t0;
				}
				return Arrays.copyOf(latencies, n);
			}));
		}
		ready.await();
		long start = System.nanoTime();
		go.countDown();
		Thread.sleep(Duration.ofSeconds(duration).toMillis());
		running.set(false);
		List<long[]> all = new ArrayList<>();
		for (Future<long[]> result : results) {
			all.add(result.get());
		}
		long elapsed = System.nanoTime() - start;
		pool.shutdown();
		long[] latencies = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
		return new Result(statements.get(), elapsed, latencies, errors.get(), firstError[0]);
	}

	record Result(long statements, long nanos, long[] latencies, long errors, String firstError) {

		double perSecond() {
			return this.statements / (this.nanos / 1e9);
		}

		double percentile(int p) {
			if (this.latencies.length == 0) {
				return Double.NaN;
			}
			int index = (int) Math.ceil(p / 100.0 * this.latencies.length) - 1;
			return this.latencies[Math.max(0, index)] / 1e6;
		}

	}

	private static long status(long pid, String field) throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
			if (line.startsWith(field + ":")) {
				return Long.parseLong(line.replaceAll("\\D", ""));
			}
		}
		return -1;
	}

	private long mariadbRss() {
		return this.service.descendants()
			.filter((p) -> p.info().command().map((c) -> c.contains("mariadbd") || c.contains("mysqld")).orElse(false))
			.mapToLong((p) -> {
				try {
					return status(p.pid(), "VmRSS");
				}
				catch (IOException ex) {
					return 0;
				}
			})
			.sum();
	}

	/** CPU seconds used so far by the service, its mariadbd and this JVM. */
	record Cpu(double service, double mariadb, double self) {
	}

	private Cpu cpu() {
		double mariadb = this.service.descendants()
			.filter((p) -> p.info().command().map((c) -> c.contains("mariadbd") || c.contains("mysqld")).orElse(false))
			.mapToDouble((p) -> cpuSeconds(p.pid()))
			.sum();
		return new Cpu(cpuSeconds(this.service.pid()), mariadb, cpuSeconds(ProcessHandle.current().pid()));
	}

	/** utime + stime of /proc/[pid]/stat, in clock ticks of 1/100 s (Linux USER_HZ). */
	private static double cpuSeconds(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
		}
		catch (IOException | RuntimeException ex) {
			return Double.NaN;
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
