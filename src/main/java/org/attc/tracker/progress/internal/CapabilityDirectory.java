package org.attc.tracker.progress.internal;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.attc.tracker.framework.Capability;
import org.attc.tracker.framework.Tier;

/**
 * Capabilities looked up once per request: a matrix asks for the same few dozen thousands
 * of times.
 */
final class CapabilityDirectory {

	private final CapabilityCache shared;

	private final Map<String, Optional<Capability>> cache = new ConcurrentHashMap<>();

	CapabilityDirectory(CapabilityCache shared) {
		this.shared = shared;
	}

	Optional<Capability> capability(String identifier) {
		// one answer per identifier within a request, even if the shared cache expires
		return this.cache.computeIfAbsent(identifier, this.shared::capability);
	}

	String code(String identifier) {
		return capability(identifier).map(Capability::code).orElse(identifier);
	}

	String title(String identifier) {
		return capability(identifier).map(Capability::title).orElse(identifier);
	}

	String domain(String identifier) {
		return CapabilityCache.domainTitle(capability(identifier));
	}

	/** The tier's name on the capability's scale, e.g. "Tier 2 – Practitioner". */
	String tierName(String identifier, Integer rank) {
		if (rank == null) {
			return null;
		}
		return capability(identifier).flatMap((c) -> c.tierScale().byRank(rank))
			.map(CapabilityDirectory::label)
			.orElse("Tier " + rank);
	}

	private static String label(Tier tier) {
		return tier.name();
	}

}
