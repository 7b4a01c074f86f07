package org.attc.tracker.crediting.internal.attainment;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

import org.attc.tracker.crediting.AttainmentStatus;

/**
 * Derives attainment from evidence: the highest tier for which there is valid direct
 * evidence (a credit or a sign-off) or enough points, and its status. Expired evidence
 * stops counting. Pure: the same evidence and time always give the same answer.
 */
public final class AttainmentCalculation {

	private final Duration expiringWindow;

	public AttainmentCalculation(Duration expiringWindow) {
		this.expiringWindow = expiringWindow;
	}

	public Attainment attainment(Collection<EvidenceItem> evidence, Integer requiredTierRank, Instant now) {
		Map<Integer, Holding> byTier = new HashMap<>();
		boolean anyExpired = false;
		boolean anyActivity = false;
		for (EvidenceItem item : evidence) {
			if (item.kind() == EvidenceKind.ATTEMPT) {
				anyActivity = true;
				continue;
			}
			if (!item.validAt(now)) {
				anyExpired = true;
				continue;
			}
			anyActivity = true;
			if (item.credits()) {
				byTier.merge(item.tierRank(), new Holding(item.achievedAt(), item.expiresAt()), Holding::longest);
			}
		}
		pointsHoldings(evidence, now).forEach((tier, holding) -> byTier.merge(tier, holding, Holding::longest));

		Optional<Map.Entry<Integer, Holding>> best = byTier.entrySet()
			.stream()
			.max(Comparator.comparingInt(Map.Entry::getKey));
		if (best.isEmpty()) {
			AttainmentStatus status = anyActivity ? AttainmentStatus.IN_PROGRESS
					: anyExpired ? AttainmentStatus.EXPIRED : AttainmentStatus.NOT_STARTED;
			return new Attainment(null, requiredTierRank, status, null, null);
		}
		int tier = best.get().getKey();
		Holding holding = best.get().getValue();
		AttainmentStatus status = status(tier, null, requiredTierRank, holding.expiresAt(), now);
		return new Attainment(tier, requiredTierRank, status, holding.achievedAt(), holding.expiresAt());
	}

	/**
	 * What the evidence amounts to from now on and before, as long as it stays as it is:
	 * one period per stretch of time in which it gives the same answer. The answer
	 * changes only when a piece of evidence expires, so periods begin at expiries; the
	 * first reaches back to the beginning ({@code from} null), the last has no end
	 * ({@code until} null). Statuses are before any requirement: ACHIEVED whenever a tier
	 * is held (whether it is "expiring soon" depends on the moment asked, see
	 * {@link #status}), otherwise IN_PROGRESS or EXPIRED.
	 */
	public List<Period> periods(Collection<EvidenceItem> evidence) {
		TreeSet<Instant> expiries = new TreeSet<>();
		for (EvidenceItem item : evidence) {
			if (item.expiresAt() != null) {
				expiries.add(item.expiresAt());
			}
		}
		List<Period> periods = new ArrayList<>();
		Iterator<Instant> boundaries = expiries.iterator();
		Instant from = null;
		while (true) {
			Instant until = boundaries.hasNext() ? boundaries.next() : null;
			// every piece of evidence is valid just before the first expiry
			Instant at = (from != null) ? from : (until != null) ? until.minusNanos(1) : Instant.EPOCH;
			Attainment a = attainment(evidence, null, at);
			AttainmentStatus status = (a.tierRank() != null) ? AttainmentStatus.ACHIEVED : a.status();
			Period period = new Period(from, until, a.tierRank(), status, a.achievedAt(), a.expiresAt());
			int last = periods.size() - 1;
			if (last >= 0 && periods.get(last).sameAnswer(period)) {
				periods.set(last, periods.get(last).until(until));
			}
			else {
				periods.add(period);
			}
			if (until == null) {
				return periods;
			}
			from = until;
		}
	}

	/**
	 * A stretch of time in which a learner's evidence for a capability amounts to the
	 * same thing.
	 *
	 * @param from when it begins; null for the beginning of time
	 * @param until when it ends (a piece of evidence expires); null for never
	 * @param tier highest tier held; null when none
	 * @param status ACHIEVED when a tier is held, otherwise IN_PROGRESS or EXPIRED
	 * @param achievedAt when the held tier was achieved
	 * @param expiresAt when the held tier stops counting; null for never
	 */
	public record Period(Instant from, Instant until, Integer tier, AttainmentStatus status, Instant achievedAt,
			Instant expiresAt) {

		boolean sameAnswer(Period other) {
			return Objects.equals(this.tier, other.tier) && this.status == other.status
					&& Objects.equals(this.achievedAt, other.achievedAt)
					&& Objects.equals(this.expiresAt, other.expiresAt);
		}

		Period until(Instant end) {
			return new Period(this.from, end, this.tier, this.status, this.achievedAt, this.expiresAt);
		}

	}

	/**
	 * The status of a held tier against a requirement at {@code now}; with no tier held,
	 * {@code statusWithoutTier} (in progress, expired or not started) stands.
	 */
	public AttainmentStatus status(Integer tier, AttainmentStatus statusWithoutTier, Integer requiredTierRank,
			Instant expiresAt, Instant now) {
		if (tier == null) {
			return statusWithoutTier;
		}
		if (requiredTierRank != null && tier < requiredTierRank) {
			return AttainmentStatus.IN_PROGRESS;
		}
		if (expiresAt != null && expiresAt.isBefore(now.plus(this.expiringWindow))) {
			return AttainmentStatus.EXPIRING;
		}
		return AttainmentStatus.ACHIEVED;
	}

	/**
	 * Points per tier: each mapping counts once (its best current row); the tier is held
	 * while the sum reaches the highest threshold among the contributing mappings, until
	 * the first contribution expires.
	 */
	private static Map<Integer, Holding> pointsHoldings(Collection<EvidenceItem> evidence, Instant now) {
		Map<Integer, Map<Long, EvidenceItem>> perTier = new HashMap<>();
		for (EvidenceItem item : evidence) {
			if (item.kind() == EvidenceKind.POINTS && item.validAt(now) && item.points() != null) {
				perTier.computeIfAbsent(item.tierRank(), (t) -> new HashMap<>())
					.merge(item.mappingId(), item, (a, b) -> laterExpiry(a, b));
			}
		}
		Map<Integer, Holding> held = new HashMap<>();
		perTier.forEach((tier, byMapping) -> {
			List<EvidenceItem> items = List.copyOf(byMapping.values());
			int sum = items.stream().mapToInt(EvidenceItem::points).sum();
			int threshold = items.stream()
				.map(EvidenceItem::threshold)
				.filter((t) -> t != null)
				.max(Integer::compare)
				.orElse(Integer.MAX_VALUE);
			if (sum >= threshold) {
				Instant achieved = items.stream()
					.map(EvidenceItem::achievedAt)
					.max(Comparator.naturalOrder())
					.orElse(null);
				Instant expires = items.stream()
					.map(EvidenceItem::expiresAt)
					.filter((e) -> e != null)
					.min(Comparator.naturalOrder())
					.orElse(null);
				held.put(tier, new Holding(achieved, expires));
			}
		});
		return held;
	}

	private static EvidenceItem laterExpiry(EvidenceItem a, EvidenceItem b) {
		if (a.expiresAt() == null) {
			return a;
		}
		if (b.expiresAt() == null) {
			return b;
		}
		return a.expiresAt().isAfter(b.expiresAt()) ? a : b;
	}

	private record Holding(Instant achievedAt, Instant expiresAt) {

		/** Of two ways to hold a tier, the one that lasts longer counts. */
		static Holding longest(Holding a, Holding b) {
			if (a.expiresAt == null && b.expiresAt == null) {
				return a.achievedAt.isAfter(b.achievedAt) ? a : b;
			}
			if (a.expiresAt == null) {
				return a;
			}
			if (b.expiresAt == null) {
				return b;
			}
			return a.expiresAt.isAfter(b.expiresAt) ? a : b;
		}

	}

}
