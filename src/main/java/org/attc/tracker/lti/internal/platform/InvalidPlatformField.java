package org.attc.tracker.lti.internal.platform;

/** A platform registration field that is missing or not right. */
public class InvalidPlatformField extends RuntimeException {

	private final String field;

	public InvalidPlatformField(String field, String problem) {
		super(field + " " + problem);
		this.field = field;
	}

	public String field() {
		return this.field;
	}

}
