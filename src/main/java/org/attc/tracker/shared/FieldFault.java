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

	/**
	 * What is wrong as a sentence for a person, without the field's key: {@code "email:
	 * enter an address"} reads "Enter an address."
	 */
	public String sentence() {
		String text = this.message.startsWith(this.field + ":")
				? this.message.substring(this.field.length() + 1).strip() : this.message.strip();
		if (text.isEmpty()) {
			return text;
		}
		text = Character.toUpperCase(text.charAt(0)) + text.substring(1);
		return text.matches(".*[.!?]$") ? text : text + ".";
	}

}
