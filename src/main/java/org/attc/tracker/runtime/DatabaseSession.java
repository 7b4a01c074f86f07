package org.attc.tracker.runtime;

import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.JdbcOperations;

/**
 * Which database server session a transaction runs on. With a failover JDBC URL
 * ({@code jdbc:mariadb:sequential://…}, a Galera cluster), Connector/J replaces a
 * connection whose node died by one to the next node and may carry on with the next
 * statement without an error: the statements the transaction ran on the dead node are
 * gone, the rest commit on the new one. A transaction that must be all or nothing names
 * its session first and checks it is still the same before it commits
 * ({@link #requireSame}); {@link ConflictRetry} runs it again when it is not.
 */
public final class DatabaseSession {

	private DatabaseSession() {
	}

	/** The current session: server host, port and connection id. */
	public static String of(JdbcOperations jdbc) {
		return jdbc.queryForObject("SELECT CONCAT(@@hostname, ':', @@port, '#', CONNECTION_ID())", String.class);
	}

	/**
	 * Fails (and so rolls back) a transaction whose connection moved to another session
	 * since {@code began}.
	 */
	public static void requireSame(JdbcOperations jdbc, String began) {
		String now = of(jdbc);
		if (!began.equals(now)) {
			throw new Changed(began, now);
		}
	}

	/** The transaction's connection failed over part-way: nothing of it may commit. */
	public static final class Changed extends TransientDataAccessException {

		Changed(String began, String now) {
			super("the database connection moved from session " + began + " to " + now
					+ " during the transaction; what ran on the first is lost, so it runs again");
		}

	}

}
