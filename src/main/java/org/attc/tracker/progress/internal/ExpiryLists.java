package org.attc.tracker.progress.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.attc.tracker.crediting.AttainmentStatus;
import org.attc.tracker.crediting.CapabilityAttainment;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;

/** Capabilities that run out within a number of days, and those that have run out. */
@Service
public class ExpiryLists {

	/** The windows a coordinator picks from. */
	public static final List<Integer> WINDOWS = List.of(30, 60, 90);

	private final Cohort cohort;

	ExpiryLists(Cohort cohort) {
		this.cohort = cohort;
	}

	public record Item(long learnerId, String name, List<String> organisations, String capabilityCode,
			String capabilityTitle, String tierName, StatusDisplay status, Instant expiresAt, Long daysLeft) {
	}

	public record Lists(CohortFilter filter, int days, List<Item> expiring, List<Item> expired, Instant generatedAt) {
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
		for (Cohort.Member member : snapshot.members()) {
			for (CapabilityAttainment a : member.attainment().values()) {
				if (filter.status() != null && a.status() != filter.status()) {
					continue;
				}
				if (a.status() == AttainmentStatus.EXPIRED) {
					expired.add(item(member, a, snapshot, null));
				}
				else if (StatusDisplay.held(a.status()) && a.expiresAt() != null && !a.expiresAt().isAfter(until)) {
					expiring.add(item(member, a, snapshot, Duration.between(now, a.expiresAt()).toDays()));
				}
			}
		}
		Comparator<Item> byDate = Comparator.comparing(Item::expiresAt, Comparator.nullsLast(Comparator.naturalOrder()))
			.thenComparing(Item::name);
		expiring.sort(byDate);
		expired.sort(byDate.reversed());
		return new Lists(filter, days, expiring, expired, now);
	}

	private static Item item(Cohort.Member member, CapabilityAttainment a, Cohort.Snapshot snapshot, Long daysLeft) {
		String id = a.capabilityIdentifier();
		return new Item(member.learner().id().value(), member.displayName(), member.learner().organisationCodes(),
				snapshot.capabilities().code(id), snapshot.capabilities().title(id),
				snapshot.capabilities().tierName(id, (a.tier() != null) ? a.tier() : a.requiredTier()),
				StatusDisplay.of(a.status()), a.expiresAt(), daysLeft);
	}

}
