package org.attc.tracker.crediting.internal.mapping;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

import org.attc.tracker.crediting.internal.rule.ActivityMatch;
import org.attc.tracker.crediting.internal.rule.StatementFacts;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The current mappings, held in memory and indexed by activity so that each statement is
 * checked only against mappings that can concern it. Reloaded when any node changed a
 * mapping (one cheap query a second tells; at once after this node changed one).
 */
@Component
public class MappingIndex {

	private final ActivityMappingRepository mappings;

	// another node's change is seen within a second; this node's own changes also start a
	// recompute job, which evaluates every statement again
	private static final long CHECK_INTERVAL_NANOS = 1_000_000_000L;

	/** Never checked: the first caller loads. */
	private volatile Snapshot snapshot = new Snapshot(null, List.of(), Map.of(), List.of(), 0, -1);

	/**
	 * Mapping changes this node committed: a snapshot checked before the last one is
	 * stale.
	 */
	private final AtomicLong changes = new AtomicLong();

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
					MappingIndex.this.changes.incrementAndGet();
				}
			});
		}
		else {
			this.changes.incrementAndGet();
		}
	}

	private Snapshot fresh() {
		return fresh(false);
	}

	/**
	 * The snapshot, checked against the database unless it was checked less than the
	 * interval ago and this node changed no mapping since. A snapshot counts as checked
	 * only once it holds what the check found: callers that find it stale wait for the
	 * one that reloads, rather than taking the old mappings for fresh while the new ones
	 * load (a batch credited meanwhile would miss a mapping that had committed).
	 */
	private Snapshot fresh(boolean now) {
		Snapshot current = this.snapshot;
		if (!now && current.checkedSince(this.changes.get())) {
			return current;
		}
		synchronized (this) {
			current = this.snapshot;
			long changesSeen = this.changes.get();
			if (!now && current.checkedSince(changesSeen)) {
				return current;
			}
			long checkedAt = System.nanoTime();
			String signature = this.mappings.signature();
			this.snapshot = Objects.equals(current.signature(), signature)
					? current.checkedAgain(checkedAt, changesSeen) : load(signature, checkedAt, changesSeen);
			return this.snapshot;
		}
	}

	private Snapshot load(String signature, long checkedAt, long changesSeen) {
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
		return new Snapshot(signature, List.copyOf(active), byActivity, others, checkedAt, changesSeen);
	}

	/**
	 * The mappings as of a signature, when that was read (System.nanoTime) and how many
	 * of this node's changes had committed before.
	 */
	private record Snapshot(String signature, List<ActivityMapping> all, Map<String, List<ActivityMapping>> byActivity,
			List<ActivityMapping> others, long checkedAt, long changesSeen) {

		boolean checkedSince(long changes) {
			return this.signature != null && this.changesSeen == changes
					&& System.nanoTime() - this.checkedAt < CHECK_INTERVAL_NANOS;
		}

		Snapshot checkedAgain(long at, long changes) {
			return new Snapshot(this.signature, this.all, this.byActivity, this.others, at, changes);
		}

	}

}
