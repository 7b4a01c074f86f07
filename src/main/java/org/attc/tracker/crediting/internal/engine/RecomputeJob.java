package org.attc.tracker.crediting.internal.engine;

import java.time.Instant;

/** A recompute job's state, as the API shows it. */
public record RecomputeJob(long id, String reason, Long mappingId, String status, Long total, long processed,
		long added, long retracted, String requestedBy, Instant requestedAt, Instant startedAt, Instant finishedAt,
		String error) {
}
