package org.attc.tracker.runtime;

/**
 * The embedded MariaDB could not be started here (missing system libraries, an
 * unsupported platform, a locked or foreign data directory).
 */
public class EmbeddedDatabaseUnavailable extends RuntimeException {

	private final String action;

	public EmbeddedDatabaseUnavailable(String message, String action, Throwable cause) {
		super(message, cause);
		this.action = action;
	}

	/** What the operator can do about it, shown in the startup failure report. */
	public String action() {
		return this.action;
	}

}
