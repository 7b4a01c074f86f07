package org.attc.tracker.shared;

import java.util.Optional;

/**
 * The convention for a bad-input message: {@code "<field>: <what is wrong>"}. Problem
 * JSON names the field from it, in every module alike.
 *
 * @param field the request field at fault
 * @param message the whole message
 */
public record FieldFault(String field, String message) {

	/**
	 * The field a message names before its colon, if it starts with one (a single word).
	 */
	public static Optional<FieldFault> of(String message) {
		if (message == null) {
			return Optional.empty();
		}
		int colon = message.indexOf(':');
		if (colon <= 0 || message.substring(0, colon).contains(" ")) {
			return Optional.empty();
		}
		return Optional.of(new FieldFault(message.substring(0, colon), message));
	}

}
