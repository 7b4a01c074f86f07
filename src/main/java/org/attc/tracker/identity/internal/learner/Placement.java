package org.attc.tracker.identity.internal.learner;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The precedence of the sources of a learner's organisations (or job roles): of all that
 * the sources name, only what the strongest naming source says counts, so a course rule
 * replaces a platform's default rather than adding to it. A coordinator's choice is never
 * computed: rules leave a learner whose organisations a coordinator set alone.
 */
final class Placement {

	/**
	 * One source naming one value.
	 *
	 * @param source where it comes from
	 * @param value an organisation code or a job role code
	 * @param detail which rule, course or launch, for people
	 */
	record Claim(PlacementSource source, String value, String detail) {
	}

	private Placement() {
	}

	/**
	 * What the learner holds: each value of the strongest source among the claims, once
	 * (with the first detail given for it), in the order claimed; empty when no source
	 * names anything.
	 */
	static List<Claim> decide(List<Claim> claims) {
		Optional<PlacementSource> strongest = claims.stream()
			.map(Claim::source)
			.min(Comparator.comparingInt(PlacementSource::ordinal));
		if (strongest.isEmpty()) {
			return List.of();
		}
		Map<String, Claim> held = new LinkedHashMap<>();
		for (Claim claim : claims) {
			if (claim.source() == strongest.get()) {
				held.putIfAbsent(claim.value(), claim);
			}
		}
		return new ArrayList<>(held.values());
	}

}
