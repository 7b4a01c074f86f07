package org.attc.tracker.runtime.internal;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.stereotype.Component;

/**
 * Whether the database is known to be down right now, and since when. Requests then get a
 * 503 at once ({@link DatabaseUnavailableFilter}) instead of waiting for a connection
 * that will not come.
 */
@Component
class DatabaseOutage {

	private final AtomicReference<Instant> since = new AtomicReference<>();

	/** Marks the database down; true when this call began the outage. */
	boolean begin() {
		return this.since.compareAndSet(null, Instant.now());
	}

	/** Marks the database up; when the outage began, or null when there was none. */
	Instant end() {
		return this.since.getAndSet(null);
	}

	boolean isOngoing() {
		return this.since.get() != null;
	}

}
