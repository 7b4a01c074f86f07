package org.attc.tracker.xapi.internal.statements;

/**
 * A statement id is already stored with other content (xAPI 1.0.3 Communication
 * §2.1.1/§2.1.2: 409 Conflict), or a batch names one id twice.
 */
public class StatementConflict extends RuntimeException {

	private final String path;

	StatementConflict(String path, String message) {
		super(message);
		this.path = path;
	}

	public String path() {
		return this.path;
	}

}
