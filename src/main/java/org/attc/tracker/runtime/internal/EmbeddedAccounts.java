package org.attc.tracker.runtime.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/**
 * The accounts of the embedded MariaDB, which runs with its grant tables: one application
 * user with a generated password, kept in a file beside the data directory that only the
 * service's OS user can read; no anonymous accounts; {@code root} only through the unix
 * socket by the OS user {@code root}. {@link #initFile} gives the SQL that
 * {@code mariadbd --init-file} runs, with every privilege, at each start before it
 * accepts connections: so a data directory made before this class existed (when the
 * server ran with {@code --skip-grant-tables} and everyone was let in) is brought to the
 * same state on its next start, and so is one whose password file was lost.
 */
final class EmbeddedAccounts {

	/** The application user. */
	static final String USER = "tracker";

	private static final SecureRandom random = new SecureRandom();

	private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

	private final Path secretFile;

	private final String password;

	private EmbeddedAccounts(Path secretFile, String password) {
		this.secretFile = secretFile;
		this.password = password;
	}

	/**
	 * The accounts of this data directory: the password from the file beside it, or a new
	 * one written there (mode 600) when there is none.
	 */
	static EmbeddedAccounts of(Path dataDir) throws IOException {
		Path file = secretFileOf(dataDir);
		if (!Files.exists(file)) {
			byte[] bytes = new byte[32];
			random.nextBytes(bytes);
			Properties created = new Properties();
			created.setProperty("username", USER);
			created.setProperty("password", Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
			try {
				writeOwnerOnly(file, "# the embedded MariaDB's application account; keep this file private\n"
						+ "username=" + USER + "\npassword=" + created.getProperty("password") + "\n");
			}
			catch (FileAlreadyExistsException ex) {
				// another process made it first: use theirs
			}
		}
		Properties properties = new Properties();
		try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			properties.load(in);
		}
		String password = properties.getProperty("password", "");
		if (!password.matches("[A-Za-z0-9_-]{20,}")) {
			throw new IOException(file + " holds no usable password (20 or more of A-Z a-z 0-9 _ -)");
		}
		return new EmbeddedAccounts(file, password);
	}

	/** {@code <data directory>.credentials}, beside the data directory. */
	static Path secretFileOf(Path dataDir) {
		return dataDir.resolveSibling(dataDir.getFileName() + ".credentials");
	}

	String user() {
		return USER;
	}

	String password() {
		return this.password;
	}

	Path secretFile() {
		return this.secretFile;
	}

	/**
	 * Writes the start-up SQL to a new owner-only file beside the data directory (it
	 * holds the password); delete it once the server is up.
	 */
	Path initFile(Path dataDir, String database) throws IOException {
		if (!database.matches("[A-Za-z0-9_]{1,64}")) {
			throw new IOException("the database name " + database + " must be 1-64 of A-Z a-z 0-9 _");
		}
		Path file = dataDir.resolveSibling(dataDir.getFileName() + ".init.sql");
		Files.deleteIfExists(file);
		String quotedPassword = "'" + this.password + "'";
		// one statement per line, each safe to run again on every start
		List<String> sql = List.of(
				"CREATE DATABASE IF NOT EXISTS `" + database + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;",
				// anonymous accounts, and root from anywhere but the socket
				"DELETE FROM mysql.global_priv WHERE User = '' OR (User = 'root' AND Host <> 'localhost');",
				"FLUSH PRIVILEGES;", "ALTER USER IF EXISTS 'root'@'localhost' IDENTIFIED VIA unix_socket;",
				"CREATE USER IF NOT EXISTS '" + USER + "'@'127.0.0.1' IDENTIFIED BY " + quotedPassword + ";",
				"ALTER USER '" + USER + "'@'127.0.0.1' IDENTIFIED BY " + quotedPassword + ";",
				"CREATE USER IF NOT EXISTS '" + USER + "'@'localhost' IDENTIFIED BY " + quotedPassword + ";",
				"ALTER USER '" + USER + "'@'localhost' IDENTIFIED BY " + quotedPassword + ";",
				"GRANT ALL PRIVILEGES ON `" + database + "`.* TO '" + USER + "'@'127.0.0.1';",
				"GRANT ALL PRIVILEGES ON `" + database + "`.* TO '" + USER + "'@'localhost';", "FLUSH PRIVILEGES;");
		writeOwnerOnly(file, String.join("\n", sql) + "\n");
		return file;
	}

	private static void writeOwnerOnly(Path file, String text) throws IOException {
		Files.createDirectories(file.toAbsolutePath().getParent());
		try {
			Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
		}
		catch (UnsupportedOperationException ex) {
			Files.createFile(file);
		}
		Files.writeString(file, text, StandardCharsets.UTF_8);
	}

}
