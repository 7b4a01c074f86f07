package org.attc.tracker.lti.internal.grades;

/** A score deliveries query parameter is not one the API takes. */
public class InvalidDeliveryQuery extends RuntimeException {

	private final String field;

	InvalidDeliveryQuery(String field, String message) {
		super(field + ": " + message);
		this.field = field;
	}

	public String field() {
		return this.field;
	}

}
