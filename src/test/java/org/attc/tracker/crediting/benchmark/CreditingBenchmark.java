package org.attc.tracker.crediting.benchmark;

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
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.attc.tracker.xapi.internal.store.IngestionBenchmark;

/**
 * Crediting benchmark (docs/crediting.md). Starts the service in its own JVM on a fresh
 * embedded MariaDB and prints:
 * <ol>
 * <li>statement-to-evidence latency at a steady ingestion rate over real HTTP: the time
 * from the LRS storing a statement to crediting appending its evidence (attainment is
 * derived from evidence when read, so this is when the learner's attainment changes), p50
 * and p99;</li>
 * <li>recompute throughput: a store of N statements (default 1,000,000, seeded straight
 * into the statement table, a tenth of them about the mapped activity) re-credited from
 * scratch by a recompute job, in statements per second;</li>
 * <li>ingestion throughput over HTTP before and while the recompute runs, and their
 * ratio.</li>
 * </ol>
 * Run: {@code ./mvnw -q -Pbenchmark-crediting test-compile exec:exec}.
 */
public final class CreditingBenchmark {

	private static final String KEY = "crediting-benchmark";

	private static final String SECRET = "secret-" + UUID.randomUUID();

	private static final String ADMIN_PASSWORD = "benchmark-admin";

	private static final String ACTIVITY = "https://bench.attc.example/course/1/activity/";

	private final long storeSize = Long.getLong("benchmark.statements", 1_000_000);

	private final int rate = Integer.getInteger("benchmark.rate", 50);

	private final int seconds = Integer.getInteger("benchmark.seconds", 20);

	/** The share of the seeded statements about the mapped activities. */
	private final double mappedShare = Double.parseDouble(System.getProperty("benchmark.mappedShare", "0.1"));

	/**
	 * The service's JVM: by default the settings the README recommends for production,
	 * whose heap a recompute over the whole store must fit.
	 */
	private final String serviceJvmArgs = blankAsDefault(System.getProperty("benchmark.serviceJvmArgs"),
			IngestionBenchmark.PRODUCTION_JVM);

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private Process service;

	private int httpPort;

	private int dbPort;

	public static void main(String[] args) throws Exception {
		new CreditingBenchmark().run();
	}

	private void run() throws Exception {
		this.httpPort = freePort();
		this.dbPort = freePort();
		Path dataDir = Files.createTempDirectory("crediting-benchmark-db");
		startService(dataDir);
		try (Connection db = connect(dataDir)) {
			System.out.printf(Locale.ROOT,
					"Crediting benchmark: store of %,d statements (%.0f %% about the mapped activities), %d statements/s "
							+ "steady rate, service JVM %s%n",
					this.storeSize, this.mappedShare * 100, this.rate, this.serviceJvmArgs);
			long mapping = createMapping();

			List<Double> latencies = steadyLatency(db);
			System.out.printf(Locale.ROOT,
					"statement-to-evidence latency at %d statements/s: p50 %.0f ms, p99 %.0f ms, max %.0f ms (%d statements)%n",
					this.rate, percentile(latencies, 50), percentile(latencies, 99), percentile(latencies, 100),
					latencies.size());

			long seeded = seed(db, this.storeSize);
			System.out.printf(Locale.ROOT, "seeded %,d statements into the store%n", seeded);

			double before = ingest(this.seconds, null);
			AtomicBoolean recomputing = new AtomicBoolean(true);
			ExecutorService background = Executors.newSingleThreadExecutor();
			Instant start = Instant.now();
			long job = startRecompute(mapping);
			Future<Double> during = background.submit(() -> ingest(this.seconds, recomputing));
			String finished = waitForJob(job);
			Duration took = Duration.between(start, Instant.now());
			recomputing.set(false);
			double whileRecomputing = during.get();
			background.shutdown();
			long processed = Long.parseLong(field(finished, "processed"));
			System.out.printf(Locale.ROOT,
					"recompute of %,d statements: %.1f s, %,.0f statements/s (%s added, %s retracted)%n", processed,
					took.toMillis() / 1000.0, processed / (took.toMillis() / 1000.0), field(finished, "added"),
					field(finished, "retracted"));
			System.out.printf(Locale.ROOT,
					"ingestion over HTTP (batches of 100): %,.0f statements/s before, %,.0f while recomputing (ratio %.2f)%n",
					before, whileRecomputing, whileRecomputing / before);
			System.out.printf(Locale.ROOT, "service peak RSS (VmHWM) %d MB%n",
					status(this.service.pid(), "VmHWM") / 1024);
		}
		finally {
			this.service.destroy();
			this.service.waitFor();
			try (var paths = Files.walk(dataDir)) {
				paths.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
			}
			Files.deleteIfExists(dataDir.resolveSibling(dataDir.getFileName() + ".credentials"));
		}
	}

	/**
	 * The embedded database's application account (never root), as the service wrote it.
	 */
	private Connection connect(Path dataDir) throws Exception {
		Properties credentials = new Properties();
		try (var in = Files.newBufferedReader(dataDir.resolveSibling(dataDir.getFileName() + ".credentials"))) {
			credentials.load(in);
		}
		return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + this.dbPort + "/tracker",
				credentials.getProperty("username"), credentials.getProperty("password"));
	}

	private long createMapping() throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/mappings"))
			.header("Authorization", basic("admin", ADMIN_PASSWORD))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"activityId\":\"" + ACTIVITY + "\",\"match\":\"prefix\","
					+ "\"capability\":\"D2.1\",\"tier\":\"T2\",\"minScaledScore\":0.8,\"validityMonths\":24}")));
		if (response.statusCode() != 201) {
			throw new IllegalStateException("mapping refused: " + response.body());
		}
		return Long.parseLong(field(response.body().substring(response.body().indexOf("\"mapping\"")), "id"));
	}

	/** Posts one statement at a time at a steady rate; reads each one's evidence time. */
	private List<Double> steadyLatency(Connection db) throws Exception {
		List<String> ids = new ArrayList<>();
		long interval = 1_000_000_000L / this.rate;
		long next = System.nanoTime();
		long end = next + Duration.ofSeconds(this.seconds).toNanos();
		List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
		while (System.nanoTime() < end) {
			String id = UUID.randomUUID().toString();
			// sent without waiting for the answer, so the rate holds whatever the latency
			sent.add(this.http.sendAsync(postRequest("[" + statement(id, true) + "]"),
					HttpResponse.BodyHandlers.ofString()));
			ids.add(id);
			next += interval;
			long sleep = next - System.nanoTime();
			if (sleep > 0) {
				Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
			}
		}
		for (var response : sent) {
			if (response.get().statusCode() != 200) {
				throw new IllegalStateException(response.get().statusCode() + " " + response.get().body());
			}
		}
		Instant deadline = Instant.now().plusSeconds(120);
		List<Double> latencies = new ArrayList<>();
		while (Instant.now().isBefore(deadline)) {
			latencies.clear();
			try (PreparedStatement query = db
				.prepareStatement("SELECT TIMESTAMPDIFF(MICROSECOND, s.stored, MIN(e.recorded_at)) "
						+ "FROM xapi_statement s JOIN cred_evidence e ON e.statement_id = s.statement_id "
						+ "WHERE s.statement_id IN (" + String.join(",", Collections.nCopies(ids.size(), "?")) + ") "
						+ "GROUP BY s.statement_id")) {
				for (int i = 0; i < ids.size(); i++) {
					query.setString(i + 1, ids.get(i));
				}
				try (ResultSet rs = query.executeQuery()) {
					while (rs.next()) {
						latencies.add(rs.getLong(1) / 1000.0);
					}
				}
			}
			if (latencies.size() == ids.size()) {
				return latencies;
			}
			Thread.sleep(500);
		}
		throw new IllegalStateException("only " + latencies.size() + " of " + ids.size() + " statements were credited");
	}

	/**
	 * Seeds the store straight into the statement table (the recompute reads only that
	 * table), in JDBC batches: a tenth of the statements are about the mapped activities.
	 */
	private long seed(Connection db, long count) throws Exception {
		db.setAutoCommit(false);
		byte[] verbHash = new byte[20];
		long done = 0;
		try (PreparedStatement insert = db
			.prepareStatement("INSERT INTO xapi_statement (statement_id, statement, stored, "
					+ "stamp, verb_hash, client_key) VALUES (?, ?, ?, ?, ?, ?)")) {
			Timestamp now = Timestamp.from(Instant.now());
			while (done < count) {
				for (int i = 0; i < 1000 && done < count; i++, done++) {
					String id = UUID.randomUUID().toString();
					insert.setString(1, id);
					insert.setString(2, statement(id, mapped(done)));
					insert.setTimestamp(3, now);
					insert.setTimestamp(4, now);
					insert.setBytes(5, verbHash);
					insert.setString(6, KEY);
					insert.addBatch();
				}
				insert.executeBatch();
				db.commit();
			}
		}
		db.setAutoCommit(true);
		return done;
	}

	/**
	 * Whether the n-th seeded statement is about the mapped activities, evenly spread.
	 */
	private boolean mapped(long n) {
		return Math.floor((n + 1) * this.mappedShare) > Math.floor(n * this.mappedShare);
	}

	private double ingest(int duration, AtomicBoolean whileTrue) throws Exception {
		int clients = 4;
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		AtomicLong statements = new AtomicLong();
		long end = System.nanoTime() + Duration.ofSeconds(duration).toNanos();
		long start = System.nanoTime();
		List<Future<?>> running = new ArrayList<>();
		for (int c = 0; c < clients; c++) {
			running.add(pool.submit(() -> {
				while (System.nanoTime() < end && (whileTrue == null || whileTrue.get())) {
					StringBuilder batch = new StringBuilder("[");
					for (int i = 0; i < 100; i++) {
						batch.append((i == 0) ? "" : ",").append(statement(UUID.randomUUID().toString(), i % 10 == 0));
					}
					post(batch.append("]").toString());
					statements.addAndGet(100);
				}
				return null;
			}));
		}
		for (Future<?> f : running) {
			f.get();
		}
		pool.shutdown();
		return statements.get() / ((System.nanoTime() - start) / 1e9);
	}

	private long startRecompute(long mapping) throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/recompute-jobs"))
			.header("Authorization", basic("admin", ADMIN_PASSWORD))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"mappingId\":" + mapping + "}")));
		if (response.statusCode() != 202) {
			throw new IllegalStateException("recompute refused: " + response.body());
		}
		return Long.parseLong(field(response.body(), "id"));
	}

	private String waitForJob(long job) throws Exception {
		while (true) {
			HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/recompute-jobs/" + job))
				.header("Authorization", basic("admin", ADMIN_PASSWORD))
				.GET());
			String status = field(response.body(), "status");
			if ("DONE".equals(status) || "FAILED".equals(status)) {
				if ("FAILED".equals(status)) {
					throw new IllegalStateException("recompute failed: " + response.body());
				}
				return response.body();
			}
			Thread.sleep(1000);
		}
	}

	/**
	 * A realistic statement: a learner, a quiz attempt with a score, context with a
	 * registration.
	 */
	private static String statement(String id, boolean aboutMappedActivity) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		int learner = random.nextInt(10_000);
		String activity = aboutMappedActivity ? ACTIVITY + random.nextInt(20)
				: "https://bench.attc.example/course/" + (2 + random.nextInt(50)) + "/page/" + random.nextInt(100);
		int raw = random.nextInt(101);
		return "{\"id\":\"" + id + "\",\"actor\":{\"objectType\":\"Agent\",\"name\":\"Learner " + learner
				+ "\",\"account\":{\"homePage\":\"https://moodle.bench.nhs.uk\",\"name\":\"" + learner + "\"}},"
				+ "\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/completed\",\"display\":{\"en-GB\":\"completed\"}},"
				+ "\"object\":{\"objectType\":\"Activity\",\"id\":\"" + activity
				+ "\",\"definition\":{\"name\":{\"en-GB\":"
				+ "\"Quiz\"},\"type\":\"http://adlnet.gov/expapi/activities/assessment\"}},"
				+ "\"result\":{\"score\":{\"raw\":" + raw + ",\"min\":0,\"max\":100,\"scaled\":" + (raw / 100.0)
				+ "},\"success\":" + (raw >= 80) + ",\"completion\":true}," + "\"context\":{\"registration\":\""
				+ UUID.randomUUID() + "\",\"contextActivities\":{\"parent\":"
				+ "[{\"id\":\"https://bench.attc.example/course/1\"}]}},\"timestamp\":\"" + Instant.now() + "\"}";
	}

	private HttpRequest postRequest(String body) {
		return HttpRequest.newBuilder(uri("/xapi/statements"))
			.timeout(Duration.ofSeconds(60))
			.header("Authorization", basic(KEY, SECRET))
			.header("X-Experience-API-Version", "1.0.3")
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
	}

	private void post(String body) throws Exception {
		HttpResponse<String> response = this.http.send(postRequest(body), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IllegalStateException(response.statusCode() + " " + response.body());
		}
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return this.http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.httpPort + path);
	}

	private static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes());
	}

	/** A scalar field of a flat JSON object; enough for the few answers read here. */
	private static String field(String json, String name) {
		int at = json.indexOf("\"" + name + "\":");
		if (at < 0) {
			throw new IllegalStateException("no " + name + " in " + json);
		}
		int from = at + name.length() + 3;
		int to = from;
		while (to < json.length() && ",}".indexOf(json.charAt(to)) < 0) {
			to++;
		}
		return json.substring(from, to).replace("\"", "").trim();
	}

	private static double percentile(List<Double> values, int p) {
		List<Double> sorted = values.stream().sorted().toList();
		if (sorted.isEmpty()) {
			return Double.NaN;
		}
		int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
		return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
	}

	private void startService(Path dataDir) throws Exception {
		List<String> command = IngestionBenchmark.serviceJava(this.serviceJvmArgs);
		command.addAll(List.of("--server.port=" + this.httpPort, "--app.database.embedded.data-dir=" + dataDir,
				"--app.database.embedded.port=" + this.dbPort, "--app.database.embedded.fresh=true",
				"--app.identity.initial-admin-password=" + ADMIN_PASSWORD, "--app.xapi.clients[0].key=" + KEY,
				"--app.xapi.clients[0].secret=" + SECRET, "--app.xapi.clients[0].scopes=all",
				"--logging.level.root=warn"));
		File log = Files.createTempFile("crediting-benchmark-service", ".log").toFile();
		System.out.println("service log: " + log);
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log);
		// as the README recommends beside those JVM settings
		builder.environment().put("MALLOC_ARENA_MAX", "2");
		this.service = builder.start();
		Instant deadline = Instant.now().plusSeconds(180);
		while (Instant.now().isBefore(deadline)) {
			if (!this.service.isAlive()) {
				throw new IllegalStateException("the service stopped; see " + log);
			}
			try {
				if (send(HttpRequest.newBuilder(uri("/actuator/health"))).statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(500);
		}
		throw new IllegalStateException("the service did not start within 3 minutes; see " + log);
	}

	private static long status(long pid, String field) throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
			if (line.startsWith(field + ":")) {
				return Long.parseLong(line.replaceAll("\\D", ""));
			}
		}
		return -1;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static String blankAsDefault(String value, String fallback) {
		return (value == null || value.isBlank()) ? fallback : value;
	}

}
