package org.attc.tracker.crediting.internal.mapping;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.attc.tracker.crediting.internal.rule.ActivityMatch;
import org.attc.tracker.crediting.internal.rule.StatementFacts;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

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

	/**
	 * The mappings as committed now, asking the database whatever the interval: for work
	 * that must not start from a snapshot a second old (a recompute job for a mapping
	 * just created).
	 */
	public List<ActivityMapping> current() {
		return fresh(true).all();
	}

	/**
	 * This node changed a mapping: the next statement after the change commits reloads
	 * the mappings. Asking before the commit would find the old ones and keep them for
	 * the check interval.
	 */
	public void changed() {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					MappingIndex.this.checkedAt = System.nanoTime() - CHECK_INTERVAL_NANOS;
				}
			});
		}
		else {
			this.checkedAt = System.nanoTime() - CHECK_INTERVAL_NANOS;
		}
	}

	private Snapshot fresh() {
		return fresh(false);
	}

	private Snapshot fresh(boolean now) {
		Snapshot current = this.snapshot;
		if (!now && current.signature() != null && System.nanoTime() - this.checkedAt < CHECK_INTERVAL_NANOS) {
			return current;
		}
		String signature = this.mappings.signature();
		this.checkedAt = System.nanoTime();
		if (Objects.equals(current.signature(), signature)) {
			return current;
		}
		synchronized (this) {
			if (!Objects.equals(this.snapshot.signature(), signature)) {
				this.snapshot = load(signature);
			}
			return this.snapshot;
		}
	}

	private Snapshot load(String signature) {
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
		return new Snapshot(signature, List.copyOf(active), byActivity, others);
	}

	private record Snapshot(String signature, List<ActivityMapping> all, Map<String, List<ActivityMapping>> byActivity,
			List<ActivityMapping> others) {
	}

}
