package org.attc.tracker.xapi.internal.validation;

/**
 * A statement breaks a rule of the xAPI Data part. Carries the JSON path of the first
 * fault, e.g. {@code $[2].actor.mbox}, so the client can find it.
 */
public class InvalidStatement extends RuntimeException {

	private final String path;

	public InvalidStatement(String path, String message) {
		super(message);
		this.path = path;
	}

	/**
	 * @return the JSON path of the faulty value
	 */
	public String path() {
		return this.path;
	}

}
