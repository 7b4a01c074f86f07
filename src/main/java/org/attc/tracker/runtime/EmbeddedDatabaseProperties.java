package org.attc.tracker.runtime;

import java.nio.file.Path;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the embedded MariaDB that starts when no external database is configured
 * ({@code spring.datasource.url} unset).
 *
 * @param enabled start the embedded server when no external database is configured
 * @param dataDir where the database files live; survives restarts
 * @param baseDir where the MariaDB binaries are unpacked; empty for a temporary directory
 * @param databaseName schema created on first start and used by the service
 * @param port TCP port on 127.0.0.1; 0 picks a free one
 * @param fresh wipe the data directory before starting (tests use a throw-away database)
 * @param args extra {@code mariadbd} options, e.g. {@code --innodb-buffer-pool-size=512M}
 */
@ConfigurationProperties("app.database.embedded")
public record EmbeddedDatabaseProperties(@DefaultValue("true") boolean enabled,
		@DefaultValue("./data/mariadb") Path dataDir, Path baseDir, @DefaultValue("tracker") String databaseName,
		@DefaultValue("0") int port, @DefaultValue("false") boolean fresh, @DefaultValue List<String> args) {

	public EmbeddedDatabaseProperties {
		if (dataDir == null) {
			throw new IllegalArgumentException("app.database.embedded.data-dir: required");
		}
		// the name goes into the server's init SQL: letters, digits and _ only
		if (databaseName == null || !databaseName.matches("[A-Za-z0-9_]{1,64}")) {
			throw new IllegalArgumentException(
					"app.database.embedded.database-name: 1-64 letters, digits or _, was " + databaseName);
		}
		if (port < 0 || port > 65535) {
			throw new IllegalArgumentException("app.database.embedded.port: 0 (any free port) to 65535, was " + port);
		}
		args = (args != null) ? List.copyOf(args) : List.of();
	}

}
