package org.attc.tracker.runtime.internal;

import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

import org.attc.tracker.runtime.EmbeddedDatabaseUnavailable;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/**
 * Turns a database that cannot be started or reached into a short report that says what
 * to do, instead of a wall of stack traces.
 */
class DatabaseStartupFailureAnalyzer implements FailureAnalyzer {

	@Override
	public FailureAnalysis analyze(Throwable failure) {
		EmbeddedDatabaseUnavailable embedded = find(failure, EmbeddedDatabaseUnavailable.class);
		if (embedded != null) {
			return new FailureAnalysis(embedded.getMessage(), embedded.action(), embedded);
		}
		SQLException connection = findConnectionFailure(failure);
		if (connection != null) {
			return new FailureAnalysis("The service cannot reach its MariaDB database: " + connection.getMessage(),
					"Check SPRING_DATASOURCE_URL (e.g. jdbc:mariadb://db-host:3306/tracker), "
							+ "SPRING_DATASOURCE_USERNAME and SPRING_DATASOURCE_PASSWORD, and that the server is "
							+ "running and reachable. Unset SPRING_DATASOURCE_URL to use the embedded database.",
					connection);
		}
		return null;
	}

	private static SQLException findConnectionFailure(Throwable failure) {
		for (Throwable t = failure; t != null; t = (t.getCause() == t) ? null : t.getCause()) {
			if (t instanceof SQLNonTransientConnectionException || t instanceof SQLTransientConnectionException
					|| t instanceof SQLInvalidAuthorizationSpecException) {
				return (SQLException) t;
			}
			if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
				return sql;
			}
		}
		return null;
	}

	private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
		for (Throwable t = failure; t != null; t = (t.getCause() == t) ? null : t.getCause()) {
			if (type.isInstance(t)) {
				return type.cast(t);
			}
		}
		return null;
	}

}
