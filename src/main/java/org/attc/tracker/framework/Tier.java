package org.attc.tracker.framework;

import java.io.Serializable;

/**
 * One step of a framework's ordered tier scale (e.g. Tier 1 awareness, Tier 2
 * practitioner, Tier 3 specialist). A higher rank asks more.
 *
 * @param rank position on the scale, 1 for the lowest, unique within the scale
 * @param code short code used in files and role profiles (e.g. {@code T2})
 * @param name name people read
 * @param description what the tier means across the framework, may be {@code null}
 */
public record Tier(int rank, String code, String name, String description) implements Serializable {

	public Tier {
		if (rank < 1) {
			throw new IllegalArgumentException("a tier rank starts at 1");
		}
		if (code == null || code.isBlank()) {
			throw new IllegalArgumentException("a tier needs a code");
		}
		if (name == null || name.isBlank()) {
			name = code;
		}
	}

}
