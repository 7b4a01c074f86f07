package org.attc.tracker.runtime;

import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.stereotype.Component;

/**
 * Which database server session a transaction runs on. With a failover JDBC URL
 * ({@code jdbc:mariadb:sequential://n1,n2,n3/…}, a Galera cluster), Connector/J replaces
 * a connection whose node died by one to the next node and may carry on with the next
 * statement without an error: the statements the transaction ran on the dead node are
 * gone, the rest commit on the new one. A transaction that must be all or nothing runs
 * {@link #whole}: it names its session first and checks it is still the same before it
 * commits; {@link ConflictRetry} runs it again when it is not. With one database host
 * there is nothing to fail over to, and no query is spent on it.
 */
@Component
public class DatabaseSession {

	// several hosts, or a failover mode of Connector/J
	private static final Pattern FAILOVER_URL = Pattern
		.compile("^jdbc:mariadb:(sequential|loadbalance|replication|load-balance-read):.*|^jdbc:[a-z]+://[^/]*,.*");

	private final JdbcOperations jdbc;

	private final boolean canFailOver;

	DatabaseSession(JdbcOperations jdbc, @Value("${spring.datasource.url:}") String url) {
		this.jdbc = jdbc;
		this.canFailOver = canFailOver(url);
	}

	static boolean canFailOver(String url) {
		return url != null && FAILOVER_URL.matcher(url).matches();
	}

	/**
	 * Runs the body of a transaction (called inside it) and fails, so rolling it back,
	 * when its connection moved to another session part-way.
	 */
	public <T> T whole(Supplier<T> body) {
		if (!this.canFailOver) {
			return body.get();
		}
		// the transaction's first read, so wsrep_sync_wait applies to it
		String began = current();
		T result = body.get();
		String now = current();
		if (!began.equals(now)) {
			throw new Changed(began, now);
		}
		return result;
	}

	private String current() {
		return this.jdbc.queryForObject("SELECT CONCAT(@@hostname, ':', @@port, '#', CONNECTION_ID())", String.class);
	}

	/** The transaction's connection failed over part-way: nothing of it may commit. */
	public static final class Changed extends TransientDataAccessException {

		public Changed(String began, String now) {
			super("the database connection moved from session " + began + " to " + now
					+ " during the transaction; what ran on the first is lost, so it runs again");
		}

	}

}
