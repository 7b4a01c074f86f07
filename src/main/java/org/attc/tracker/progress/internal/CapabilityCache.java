package org.attc.tracker.progress.internal;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.attc.tracker.framework.Capability;
import org.attc.tracker.framework.CapabilityCatalogue;
import org.attc.tracker.framework.FrameworkPublished;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Capabilities by identifier across requests: every page names the same few dozen, one
 * catalogue query each. Emptied when a framework version is published; entries are also
 * looked up again after a minute, so any other framework change shows within that.
 */
@Component
public class CapabilityCache {

	private static final long TTL_NANOS = Duration.ofMinutes(1).toNanos();

	private final CapabilityCatalogue catalogue;

	private final Map<String, Entry> entries = new ConcurrentHashMap<>();

	CapabilityCache(CapabilityCatalogue catalogue) {
		this.catalogue = catalogue;
	}

	private record Entry(Optional<Capability> capability, long loadedAt) {
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

	@TransactionalEventListener(fallbackExecution = true)
	void on(FrameworkPublished event) {
		this.entries.clear();
	}

}
