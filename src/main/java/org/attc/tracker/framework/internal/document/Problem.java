package org.attc.tracker.framework.internal.document;

/**
 * One thing wrong with an imported file.
 *
 * @param at where: a JSON path ({@code $.CFItems[3].identifier}) or a line
 * ({@code line 7})
 * @param message what is wrong, for a person
 */
public record Problem(String at, String message) {

	@Override
	public String toString() {
		return this.at + ": " + this.message;
	}

}
