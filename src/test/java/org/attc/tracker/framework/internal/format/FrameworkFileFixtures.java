package org.attc.tracker.framework.internal.format;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Reads the independently written framework files under src/test/resources/frameworks.
 */
final class FrameworkFileFixtures {

	private FrameworkFileFixtures() {
	}

	static byte[] bytes(String name) {
		try (InputStream in = FrameworkFileFixtures.class.getResourceAsStream("/frameworks/" + name)) {
			if (in == null) {
				throw new IllegalArgumentException("no fixture " + name);
			}
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static String text(String name) {
		return new String(bytes(name), java.nio.charset.StandardCharsets.UTF_8);
	}

}
