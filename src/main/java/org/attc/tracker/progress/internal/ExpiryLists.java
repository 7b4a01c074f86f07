package org.attc.tracker.progress.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.attc.tracker.crediting.AttainmentStatus;
import org.attc.tracker.crediting.CapabilityAttainment;
import org.attc.tracker.crediting.CapabilityHolding;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;

/** Capabilities that run out within a number of days, and those that have run out. */
@Service
public class ExpiryLists {

	/** The windows a coordinator picks from. */
	public static final List<Integer> WINDOWS = List.of(30, 60, 90);

	private final Cohort cohort;

	private final CohortAttainments attainments;

	ExpiryLists(Cohort cohort, CohortAttainments attainments) {
		this.cohort = cohort;
		this.attainments = attainments;
	}

	public record Item(long learnerId, String name, List<String> organisations, String capabilityCode,
			String capabilityTitle, String tierName, StatusDisplay status, Instant expiresAt, Long daysLeft) {
	}

	/**
	 * @param expiring every one expiring, or a page of them ({@link #page})
	 * @param expired every one expired, or a page of them
	 * @param expiringNext the {@code expiringAfter} of the next page of expiring ones
	 * @param expiredNext the {@code expiredAfter} of the next page of expired ones
	 */
	public record Lists(CohortFilter filter, int days, List<Item> expiring, List<Item> expired, int expiringTotal,
			int expiredTotal, String expiringNext, String expiredNext, Instant generatedAt) {

		/** A page of each list, after the cursors given (null: the first). */
		public Lists page(String expiringAfter, String expiredAfter) {
			KeysetPage<Item> soon = KeysetPage.of(this.expiring, ExpiryLists::soonestFirst, expiringAfter,
					KeysetPage.SIZE);
			KeysetPage<Item> gone = KeysetPage.of(this.expired, ExpiryLists::latestFirst, expiredAfter,
					KeysetPage.SIZE);
			return new Lists(this.filter, this.days, soon.items(), gone.items(), soon.total(), gone.total(),
					soon.next(), gone.next(), this.generatedAt);
		}

	}

	/** Expiring ones: the soonest first, then by learner and capability. */
	static KeysetPage.Key soonestFirst(Item item) {
		long at = (item.expiresAt() != null) ? item.expiresAt().getEpochSecond() : Long.MAX_VALUE / 2;
		return new KeysetPage.Key(String.format("%019d", at), item.learnerId(), item.capabilityCode());
	}

	/** Expired ones: the latest to run out first (unknown dates last). */
	static KeysetPage.Key latestFirst(Item item) {
		long at = (item.expiresAt() != null) ? item.expiresAt().getEpochSecond() : 0;
		return new KeysetPage.Key(String.format("%019d", Long.MAX_VALUE / 2 - at), item.learnerId(),
				item.capabilityCode());
	}

	public Lists of(Authentication caller, CohortFilter filter, int days) {
		if (!WINDOWS.contains(days)) {
			throw new IllegalArgumentException("days: must be 30, 60 or 90");
		}
		Cohort.Snapshot snapshot = this.cohort.of(caller, filter);
		Instant now = snapshot.now();
		Instant until = now.plus(Duration.ofDays(days));
		List<Item> expiring = new ArrayList<>();
		List<Item> expired = new ArrayList<>();
		Map<Long, Map<String, CapabilityHolding>> lapsed = lapsed(snapshot, now);
		for (Cohort.Member member : snapshot.members()) {
			for (CapabilityAttainment a : member.attainment().values()) {
				if (filter.status() != null && a.status() != filter.status()) {
					continue;
				}
				if (a.status() == AttainmentStatus.EXPIRED) {
					CapabilityHolding last = lapsed.getOrDefault(member.learner().id().value(), Map.of())
						.get(a.capabilityIdentifier());
					expired.add(item(member, a, snapshot, (last != null) ? last.tier() : null,
							(last != null) ? last.expiresAt() : null, null));
				}
				else if (StatusDisplay.held(a.status()) && a.expiresAt() != null && !a.expiresAt().isAfter(until)) {
					expiring.add(item(member, a, snapshot, a.tier(), a.expiresAt(),
							Duration.between(now, a.expiresAt()).toDays()));
				}
			}
		}
		expiring.sort(Comparator.comparing(ExpiryLists::soonestFirst));
		expired.sort(Comparator.comparing(ExpiryLists::latestFirst));
		return new Lists(filter, days, expiring, expired, expiring.size(), expired.size(), null, null, now);
	}

	/**
	 * An expired standing holds no tier and no expiry date: both belong to the evidence
	 * that lapsed. Per learner with an expired capability and per such capability, the
	 * holding that ran out last (one read of the ledger for those learners only).
	 */
	private Map<Long, Map<String, CapabilityHolding>> lapsed(Cohort.Snapshot snapshot, Instant now) {
		Set<Long> learners = new HashSet<>();
		for (Cohort.Member member : snapshot.members()) {
			if (member.attainment().values().stream().anyMatch((a) -> a.status() == AttainmentStatus.EXPIRED)) {
				learners.add(member.learner().id().value());
			}
		}
		Map<Long, Map<String, CapabilityHolding>> result = new HashMap<>();
		if (learners.isEmpty()) {
			return result;
		}
		this.attainments.holdings(learners).forEach((learner, holdings) -> {
			for (CapabilityHolding h : holdings) {
				if (h.expiresAt() == null || h.expiresAt().isAfter(now)) {
					continue;
				}
				result.computeIfAbsent(learner, (l) -> new HashMap<>())
					.merge(h.capabilityIdentifier(), h, (a, b) -> later(a, b));
			}
		});
		return result;
	}

	/** The holding that ran out later; on the same day, the higher tier. */
	private static CapabilityHolding later(CapabilityHolding a, CapabilityHolding b) {
		int c = a.expiresAt().compareTo(b.expiresAt());
		return (c > 0 || (c == 0 && a.tier() >= b.tier())) ? a : b;
	}

	private static Item item(Cohort.Member member, CapabilityAttainment a, Cohort.Snapshot snapshot, Integer tier,
			Instant expiresAt, Long daysLeft) {
		String id = a.capabilityIdentifier();
		return new Item(member.learner().id().value(), member.displayName(), member.learner().organisationCodes(),
				snapshot.capabilities().code(id), snapshot.capabilities().title(id),
				snapshot.capabilities().tierName(id, (tier != null) ? tier : a.requiredTier()),
				StatusDisplay.of(a.status()), expiresAt, daysLeft);
	}

}
