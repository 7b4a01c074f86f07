package org.attc.tracker.progress.internal;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.attc.tracker.framework.Capability;
import org.attc.tracker.framework.CapabilityCatalogue;
import org.attc.tracker.framework.FrameworkPublished;
import org.attc.tracker.framework.RoleProfile;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Capabilities by identifier, and role profiles by job role codes, across requests: every
 * page names the same few dozen, one catalogue query each. Emptied when a framework
 * version is published; entries are also looked up again after a minute, so any other
 * framework change shows within that.
 */
@Component
public class CapabilityCache {

	private static final long TTL_NANOS = Duration.ofMinutes(1).toNanos();

	private final CapabilityCatalogue catalogue;

	private final Map<String, Entry> entries = new ConcurrentHashMap<>();

	CapabilityCache(CapabilityCatalogue catalogue) {
		this.catalogue = catalogue;
	}

	private final Map<java.util.Set<String>, Profiles> profiles = new ConcurrentHashMap<>();

	private record Entry(Optional<Capability> capability, long loadedAt) {
	}

	private record Profiles(java.util.List<RoleProfile> profiles, long loadedAt) {
	}

	/** The role profiles with these codes in every published framework. */
	public java.util.List<RoleProfile> roleProfiles(java.util.Collection<String> codes) {
		long now = System.nanoTime();
		java.util.Set<String> key = java.util.Set.copyOf(codes);
		Profiles entry = this.profiles.get(key);
		if (entry == null || now - entry.loadedAt() > TTL_NANOS) {
			entry = new Profiles(this.catalogue.roleProfilesWithCodes(key), now);
			if (this.profiles.size() > 10_000) {
				this.profiles.clear();
			}
			this.profiles.put(key, entry);
		}
		return entry.profiles();
	}

	/**
	 * Per capability their role profiles require, the highest tier rank any of them asks
	 * (in profile order).
	 */
	public java.util.Map<String, Integer> requiredTiers(java.util.Collection<String> jobRoles) {
		java.util.Map<String, Integer> required = new java.util.LinkedHashMap<>();
		if (jobRoles.isEmpty()) {
			return required;
		}
		for (RoleProfile role : roleProfiles(jobRoles)) {
			for (RoleProfile.Requirement requirement : role.requirements()) {
				required.merge(requirement.capabilityIdentifier(), requirement.tierRank(), Math::max);
			}
		}
		return required;
	}

	public Optional<Capability> capability(String identifier) {
		long now = System.nanoTime();
		Entry entry = this.entries.get(identifier);
		if (entry == null || now - entry.loadedAt() > TTL_NANOS) {
			entry = new Entry(this.catalogue.capability(identifier), now);
			if (this.entries.size() > 50_000) {
				this.entries.clear();
			}
			this.entries.put(identifier, entry);
		}
		return entry.capability();
	}

	/**
	 * The domain a capability counts under in summaries: the top of its domain path, or
	 * "Other capabilities" when it has none or is unknown.
	 */
	public static String domainTitle(Optional<Capability> capability) {
		return capability.filter((c) -> !c.domainPath().isEmpty())
			.map((c) -> c.domainPath().get(0))
			.orElse("Other capabilities");
	}

	@TransactionalEventListener(fallbackExecution = true)
	void on(FrameworkPublished event) {
		this.entries.clear();
		this.profiles.clear();
	}

}
