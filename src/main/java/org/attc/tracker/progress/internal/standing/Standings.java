package org.attc.tracker.progress.internal.standing;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.attc.tracker.crediting.AttainmentStatus;
import org.attc.tracker.crediting.Attainments;
import org.attc.tracker.crediting.CapabilityAttainment;
import org.attc.tracker.crediting.CapabilityHolding;
import org.attc.tracker.crediting.CapabilityStanding;
import org.attc.tracker.framework.Capability;
import org.attc.tracker.framework.CapabilityCatalogue;
import org.attc.tracker.progress.internal.CapabilityCache;
import org.attc.tracker.shared.LearnerId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Attainment from progress's read model instead of the evidence ledger: the same answers
 * as crediting's {@link Attainments#forLearners} (a test compares them), at the cost of
 * one indexed query per chunk of learners. A row is recomputed from the ledger before use
 * when its evidence has reached an expiry since it was stored, or when its learner is
 * marked stale (by a rebuild, or a refresh that failed).
 */
@Service
public class Standings {

	private static final Logger log = LoggerFactory.getLogger(Standings.class);

	private static final int CHUNK = 1000;

	private final StandingStore store;

	private final Attainments attainments;

	private final CapabilityCatalogue catalogue;

	private final TransactionTemplate transaction;

	private final java.util.concurrent.locks.Lock[] stripes = new java.util.concurrent.locks.Lock[64];

	private final CapabilityCache capabilities;

	Standings(StandingStore store, Attainments attainments, CapabilityCatalogue catalogue, CapabilityCache capabilities,
			PlatformTransactionManager transactions) {
		this.capabilities = capabilities;
		this.store = store;
		this.attainments = attainments;
		this.catalogue = catalogue;
		this.transaction = new TransactionTemplate(transactions);
		this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		// rows are replaced whole per learner: without gap locks (REPEATABLE READ takes
		// them on the delete) refreshes of neighbouring learners do not deadlock
		this.transaction.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
		for (int i = 0; i < this.stripes.length; i++) {
			this.stripes[i] = new java.util.concurrent.locks.ReentrantLock();
		}
	}

	/**
	 * Per learner (current ids), every capability their role profiles require (first, in
	 * profile order) or they have evidence for (then, in the order first evidenced).
	 * @param jobRoles each learner with the job role codes that select their role
	 * profiles
	 * @param now the moment statuses are computed for
	 */
	public Map<LearnerId, List<CapabilityAttainment>> attainments(Map<LearnerId, ? extends Collection<String>> jobRoles,
			Instant now) {
		return attainments(jobRoles, now, null);
	}

	/**
	 * As {@link #attainments(Map, Instant)}, also putting into {@code horizons} for each
	 * learner with evidence the first moment after {@code now} when a piece of it runs
	 * out (the answer holds until then, as far as the clock goes).
	 */
	Map<LearnerId, List<CapabilityAttainment>> attainments(Map<LearnerId, ? extends Collection<String>> jobRoles,
			Instant now, Map<LearnerId, Instant> horizons) {
		Map<Set<String>, Map<String, Integer>> requiredByRoles = new HashMap<>();
		Map<String, Optional<Capability>> capabilities = new HashMap<>();
		Map<LearnerId, List<CapabilityAttainment>> result = new LinkedHashMap<>();
		List<LearnerId> learners = new ArrayList<>(jobRoles.keySet());
		for (int from = 0; from < learners.size(); from += CHUNK) {
			List<LearnerId> chunk = learners.subList(from, Math.min(learners.size(), from + CHUNK));
			Map<Long, List<CapabilityStanding>> standings = read(chunk.stream().map(LearnerId::value).toList(), now);
			for (LearnerId learner : chunk) {
				Map<String, Integer> required = requiredByRoles.computeIfAbsent(Set.copyOf(jobRoles.get(learner)),
						this.capabilities::requiredTiers);
				Map<String, CapabilityStanding> mine = new LinkedHashMap<>();
				standings.getOrDefault(learner.value(), List.of())
					.stream()
					.sorted(Comparator.comparingLong(CapabilityStanding::firstEvidenceId))
					.forEach((s) -> mine.put(s.capabilityIdentifier(), s));
				if (horizons != null) {
					for (CapabilityStanding s : mine.values()) {
						Instant next = earliestAfter(now, s.changesAt(), s.expiresAt());
						if (next != null) {
							horizons.merge(learner, next, Standings::earlier);
						}
					}
				}
				Map<String, CapabilityAttainment> list = new LinkedHashMap<>();
				required.forEach((capability, tier) -> list.put(capability,
						attainment(capability, mine.get(capability), tier, now, capabilities)));
				mine.forEach((capability, s) -> list.computeIfAbsent(capability,
						(c) -> attainment(c, s, null, now, capabilities)));
				result.put(learner, List.copyOf(list.values()));
			}
		}
		return result;
	}

	/**
	 * The periods in which these learners (current ids) held their capabilities, from
	 * their current credits and sign-offs.
	 */
	public Map<Long, List<CapabilityHolding>> holdings(Collection<Long> learners) {
		Map<Long, List<CapabilityHolding>> result = new HashMap<>();
		List<Long> ids = List.copyOf(learners);
		for (int from = 0; from < ids.size(); from += CHUNK) {
			List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
			// learners marked by a rebuild are recomputed first, as for attainment
			Map<Long, Timestamp> marks = this.store.marks(chunk);
			if (!marks.isEmpty()) {
				refreshMarked(marks, Instant.now(), false);
			}
			List<CapabilityHolding> rows = this.store.marks(chunk).isEmpty() ? this.store.holdings(chunk)
					: this.attainments.holdings(chunk);
			rows.forEach((h) -> result.computeIfAbsent(h.learnerId(), (l) -> new ArrayList<>()).add(h));
		}
		return result;
	}

	/** One learner's attainment, as {@link #attainments(Map, Instant)}. */
	public List<CapabilityAttainment> attainments(LearnerId learner, Collection<String> jobRoles, Instant now) {
		return attainments(Map.of(learner, jobRoles), now).get(learner);
	}

	/**
	 * Recomputes these learners' rows from the ledger now. Safe to repeat; when it fails
	 * the learners stay marked, so a read recomputes them instead of trusting old rows.
	 */
	public void refresh(Collection<Long> learners) {
		// several events for one learner arrive together (one per capability credited by
		// a statement batch): on this node they take turns; across nodes a deadlock is
		// retried
		List<java.util.concurrent.locks.Lock> locks = learners.stream()
			.map((l) -> (int) Math.floorMod(l, (long) this.stripes.length))
			.distinct()
			.sorted()
			.map((i) -> this.stripes[i])
			.toList();
		locks.forEach(java.util.concurrent.locks.Lock::lock);
		try {
			refreshWithRetries(learners);
		}
		finally {
			locks.forEach(java.util.concurrent.locks.Lock::unlock);
		}
	}

	/**
	 * Marks these learners' rows as out of date (committed before it returns): readers
	 * recompute marked learners before use, and {@link #drain} brings the rows up to
	 * date. Cheaper than {@link #refresh} when many changes for the same learners arrive
	 * together, as they do while statements stream in.
	 */
	public void markChanged(Collection<Long> learners) {
		for (int attempt = 1;; attempt++) {
			try {
				Instant now = Instant.now();
				this.transaction.executeWithoutResult((status) -> this.store.mark(learners, now));
				return;
			}
			catch (ConcurrencyFailureException ex) {
				if (attempt == 5) {
					throw ex;
				}
			}
			pause(attempt);
		}
	}

	private void refreshWithRetries(Collection<Long> learners) {
		for (int attempt = 1;; attempt++) {
			try {
				Instant now = Instant.now();
				this.transaction.executeWithoutResult((status) -> this.store.mark(learners, now));
				if (refreshMarked(this.store.marks(learners), now, attempt == 5) || attempt == 5) {
					return;
				}
			}
			catch (ConcurrencyFailureException ex) {
				if (attempt == 5) {
					throw ex;
				}
			}
			pause(attempt);
		}
	}

	private static void pause(int attempt) {
		try {
			Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(5, 25L * attempt));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Throws the read model away and marks every learner with evidence stale, then
	 * recomputes them all; reads in the meantime recompute the learners they need, so no
	 * answer is ever missing evidence.
	 * @return learners recomputed
	 */
	public long rebuild() {
		Instant now = Instant.now();
		this.transaction.executeWithoutResult((status) -> {
			this.store.deleteAll();
			long after = 0;
			List<Long> page;
			while (!(page = this.attainments.learnersWithEvidence(after, 1000)).isEmpty()) {
				this.store.mark(page, now);
				after = page.get(page.size() - 1);
			}
		});
		return drain();
	}

	/**
	 * Recomputes marked learners, 500 at a time, until none is left.
	 * @return learners recomputed
	 */
	public long drain() {
		long done = 0;
		int failures = 0;
		Map<Long, Timestamp> marks;
		while (!(marks = this.store.someMarks(500)).isEmpty()) {
			if (!refreshMarked(marks, Instant.now(), failures == 9)) {
				if (++failures == 10) {
					// left to the readers, who recompute marked learners themselves
					break;
				}
				pause(failures);
				continue;
			}
			done += marks.size();
		}
		return done;
	}

	/** Rows and stale learners, for the rebuild command's answer. */
	public State state() {
		return new State(this.store.rows(), this.store.markCount());
	}

	/** Whether the read model has no rows yet but crediting holds evidence. */
	boolean needsBuilding() {
		return this.store.isEmpty() && this.store.markCount() == 0
				&& !this.attainments.learnersWithEvidence(0, 1).isEmpty();
	}

	/** Size of the read model. */
	public record State(long rows, long staleLearners) {
	}

	private Map<Long, List<CapabilityStanding>> read(List<Long> learners, Instant now) {
		Map<Long, List<CapabilityStanding>> byLearner = new HashMap<>();
		Set<Long> stale = new HashSet<>();
		for (StandingStore.Stored stored : this.store.of(learners)) {
			CapabilityStanding s = stored.standing();
			byLearner.computeIfAbsent(s.learnerId(), (l) -> new ArrayList<>()).add(s);
			// a row holds from when it was computed until its evidence next expires
			if ((s.changesAt() != null && !s.changesAt().isAfter(now)) || now.isBefore(stored.computedAt())) {
				stale.add(s.learnerId());
			}
		}
		Map<Long, Timestamp> marks = this.store.marks(learners);
		stale.addAll(marks.keySet());
		if (!stale.isEmpty()) {
			List<CapabilityStanding> fresh = this.attainments.standings(stale, now);
			List<CapabilityHolding> holdings = marks.isEmpty() ? null : this.attainments.holdings(marks.keySet());
			stale.forEach(byLearner::remove);
			fresh.forEach((s) -> byLearner.computeIfAbsent(s.learnerId(), (l) -> new ArrayList<>()).add(s));
			if (now.isAfter(Instant.now().plusSeconds(60))) {
				// asked about the future (what-if views): not what the next reader needs
				return byLearner;
			}
			try {
				this.transaction.executeWithoutResult((status) -> {
					if (holdings != null) {
						this.store.replace(marks.keySet(), List.of(), holdings, now);
					}
					this.store.replace(stale, fresh, null, now);
					this.store.clear(marks);
				});
			}
			catch (ConcurrencyFailureException ex) {
				// the answer above is right; storing it can wait for the next read
				log.debug("read model rows of {} learners not stored this time", stale.size(), ex);
			}
		}
		return byLearner;
	}

	/**
	 * Recomputes marked learners and clears the marks seen; false when another
	 * transaction got in the way (the marks stay, so readers recompute those learners).
	 */
	private boolean refreshMarked(Map<Long, Timestamp> marks, Instant now, boolean last) {
		if (marks.isEmpty()) {
			return true;
		}
		List<CapabilityStanding> fresh = this.attainments.standings(marks.keySet(), now);
		List<CapabilityHolding> holdings = this.attainments.holdings(marks.keySet());
		try {
			this.transaction.executeWithoutResult((status) -> {
				this.store.replace(marks.keySet(), fresh, holdings, now);
				this.store.clear(marks);
			});
			return true;
		}
		catch (ConcurrencyFailureException ex) {
			if (last) {
				log.warn("read model refresh of {} learners failed; left marked stale", marks.size(), ex);
			}
			return false;
		}
	}

	private CapabilityAttainment attainment(String capability, CapabilityStanding standing, Integer required,
			Instant now, Map<String, Optional<Capability>> capabilities) {
		Optional<Capability> c = capabilities.computeIfAbsent(capability, this.capabilities::capability);
		String code = c.map(Capability::code).orElse(null);
		String title = c.map(Capability::title).orElse(null);
		if (standing == null) {
			return new CapabilityAttainment(capability, code, title, null, required, AttainmentStatus.NOT_STARTED, null,
					null);
		}
		return new CapabilityAttainment(capability, code, title, standing.tier(), required,
				this.attainments.status(standing, required, now), standing.achievedAt(), standing.expiresAt());
	}

	private static Instant earliestAfter(Instant now, Instant a, Instant b) {
		Instant first = (a != null && a.isAfter(now)) ? a : null;
		return (b != null && b.isAfter(now)) ? earlier(first, b) : first;
	}

	private static Instant earlier(Instant a, Instant b) {
		return (a == null) ? b : (b == null || a.isBefore(b)) ? a : b;
	}

}
