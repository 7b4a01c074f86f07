package org.attc.tracker.crediting.internal.mapping;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.attc.tracker.crediting.internal.rule.ActivityMatch;
import org.attc.tracker.crediting.internal.rule.StatementFacts;
import org.springframework.stereotype.Component;

/**
 * The current mappings, held in memory and indexed by activity so that each statement is
 * checked only against mappings that can concern it. Reloaded when any node changed a
 * mapping (one cheap query per batch tells).
 */
@Component
public class MappingIndex {

	private final ActivityMappingRepository mappings;

	private volatile Snapshot snapshot = new Snapshot(null, List.of(), Map.of(), List.of());

	/** When the database was last asked whether mappings changed (System.nanoTime). */
	private volatile long checkedAt = System.nanoTime() - CHECK_INTERVAL_NANOS;

	// another node's change is seen within a second; this node's own changes also start a
	// recompute job, which evaluates every statement again
	private static final long CHECK_INTERVAL_NANOS = 1_000_000_000L;

	MappingIndex(ActivityMappingRepository mappings) {
		this.mappings = mappings;
	}

	/** Mappings that may concern the statement (their rule still decides). */
	public List<ActivityMapping> candidates(StatementFacts statement) {
		Snapshot current = fresh();
		List<ActivityMapping> found = new ArrayList<>();
		if (statement.objectId() != null) {
			found.addAll(current.byActivity().getOrDefault(statement.objectId(), List.of()));
		}
		for (ActivityMapping mapping : current.others()) {
			if (mapping.rule().match().matches(statement)) {
				found.add(mapping);
			}
		}
		return found;
	}

	public List<ActivityMapping> all() {
		return fresh().all();
	}

	/** Forgets the snapshot: the next statement reloads the mappings. */
	public void changed() {
		this.checkedAt = System.nanoTime() - CHECK_INTERVAL_NANOS;
	}

	private Snapshot fresh() {
		Snapshot current = this.snapshot;
		if (current.lastChange() != null && System.nanoTime() - this.checkedAt < CHECK_INTERVAL_NANOS) {
			return current;
		}
		Instant lastChange = this.mappings.lastChange();
		this.checkedAt = System.nanoTime();
		if (current.lastChange() != null && Objects.equals(current.lastChange(), lastChange)) {
			return current;
		}
		synchronized (this) {
			if (this.snapshot.lastChange() == null || !Objects.equals(this.snapshot.lastChange(), lastChange)) {
				this.snapshot = load(lastChange);
			}
			return this.snapshot;
		}
	}

	private Snapshot load(Instant lastChange) {
		List<ActivityMapping> active = this.mappings.findByDeletedAtIsNullOrderById();
		Map<String, List<ActivityMapping>> byActivity = new HashMap<>();
		List<ActivityMapping> others = new ArrayList<>();
		for (ActivityMapping mapping : active) {
			ActivityMatch match = mapping.rule().match();
			if (match.kind() == ActivityMatch.Kind.EXACT || match.kind() == ActivityMatch.Kind.LMS_COURSE) {
				byActivity.computeIfAbsent(match.value(), (k) -> new ArrayList<>()).add(mapping);
			}
			else {
				others.add(mapping);
			}
		}
		return new Snapshot((lastChange != null) ? lastChange : Instant.EPOCH, List.copyOf(active), byActivity, others);
	}

	private record Snapshot(Instant lastChange, List<ActivityMapping> all,
			Map<String, List<ActivityMapping>> byActivity, List<ActivityMapping> others) {
	}

}
