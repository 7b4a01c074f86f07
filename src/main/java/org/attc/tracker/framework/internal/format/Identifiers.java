package org.attc.tracker.framework.internal.format;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Identifiers for items that arrive without one (Moodle CSV, hand-written native files):
 * derived from stable names (framework and item codes), so the next version of the same
 * file gets the same identifiers and capabilities keep matching.
 */
public final class Identifiers {

	private static final Pattern UUID_SHAPE = Pattern
		.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

	private Identifiers() {
	}

	/** A name-based (RFC 4122 version 3) UUID of the parts. */
	public static String derived(String... parts) {
		return UUID.nameUUIDFromBytes(String.join("\u001f", parts).getBytes(StandardCharsets.UTF_8)).toString();
	}

	public static boolean isUuid(String value) {
		return value != null && UUID_SHAPE.matcher(value.strip()).matches();
	}

}
