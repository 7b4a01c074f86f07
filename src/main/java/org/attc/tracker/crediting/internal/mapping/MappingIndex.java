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
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The current mappings, held in memory and indexed by activity so that each statement is
 * checked only against mappings that can concern it. Reloaded when any node changed a
 * mapping (one cheap query per batch tells).
 * <p>
 * What a reader can count on: on the node that changed a mapping, every read that starts
 * after the change committed sees it (a teacher's page right after they map their
 * course); on any other node, a read sees it at most one check interval (a second) after
 * the commit.
 */
@Component
public class MappingIndex {

	// another node's change is seen within a second; this node's own changes at once
	// after their commit
	private static final long CHECK_INTERVAL_NANOS = 1_000_000_000L;

	private final ActivityMappingRepository mappings;

	private final TransactionTemplate ownRead;

	/**
	 * How many of this node's mapping changes have committed. A check that started before
	 * the latest of them may have read the database before that commit, so its answer
	 * does not stand for it (a time stamp reset by the commit could be overwritten by
	 * such a check finishing late).
	 */
	private final AtomicLong changesCommitted = new AtomicLong();

	private volatile Snapshot snapshot = new Snapshot(null, -1, System.nanoTime(), List.of(), Map.of(), List.of());

	MappingIndex(ActivityMappingRepository mappings, PlatformTransactionManager transactions) {
		this.mappings = mappings;
		// never the caller's transaction: at REPEATABLE READ it may have taken its view
		// of
		// the database before a mapping committed, and what one caller reads here is
		// every caller's answer
		this.ownRead = new TransactionTemplate(transactions);
		this.ownRead.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.ownRead.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
		this.ownRead.setReadOnly(true);
	}

	/** Mappings that may concern the statement (their rule still decides). */
	public List<ActivityMapping> candidates(StatementFacts statement) {
		Snapshot current = fresh(false);
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
		return fresh(false).all();
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
	 * This node changed a mapping: every read that starts after the change commits asks
	 * the database again. Counting it before the commit would let a read between the
	 * change and its commit find the old mappings and keep them for the check interval.
	 */
	public void changed() {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					MappingIndex.this.changesCommitted.incrementAndGet();
				}
			});
		}
		else {
			this.changesCommitted.incrementAndGet();
		}
	}

	private Snapshot fresh(boolean now) {
		// both taken before the database is asked: its answer is at least this recent
		long changes = this.changesCommitted.get();
		long started = System.nanoTime();
		Snapshot current = this.snapshot;
		if (!now && current.answersFor(changes, started)) {
			return current;
		}
		Snapshot checked = this.ownRead.execute((tx) -> {
			String signature = this.mappings.signature();
			// another thread may have just loaded this very state
			Snapshot latest = this.snapshot;
			return (Objects.equals(signature, latest.signature()) && latest.changesSeen() >= changes)
					? latest.checkedAgain(changes, started) : load(signature, changes, started);
		});
		return keep(checked);
	}

	/**
	 * Keeps the check that started last: one that started earlier may have read the
	 * database before a change committed, however late it finishes.
	 */
	private synchronized Snapshot keep(Snapshot checked) {
		if (checked.checkedAt() - this.snapshot.checkedAt() > 0) {
			this.snapshot = checked;
		}
		return this.snapshot;
	}

	private Snapshot load(String signature, long changes, long started) {
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
		return new Snapshot(signature, changes, started, List.copyOf(active), byActivity, others);
	}

	/**
	 * The mappings as a check found them: that check started at {@code checkedAt}
	 * (System.nanoTime) after {@code changesSeen} of this node's changes had committed.
	 */
	private record Snapshot(String signature, long changesSeen, long checkedAt, List<ActivityMapping> all,
			Map<String, List<ActivityMapping>> byActivity, List<ActivityMapping> others) {

		boolean answersFor(long changesCommitted, long now) {
			return this.signature != null && this.changesSeen == changesCommitted
					&& now - this.checkedAt < CHECK_INTERVAL_NANOS;
		}

		Snapshot checkedAgain(long changes, long started) {
			return new Snapshot(this.signature, changes, started, this.all, this.byActivity, this.others);
		}

	}

}
