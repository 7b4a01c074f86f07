package org.attc.tracker.crediting.internal.attainment;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
