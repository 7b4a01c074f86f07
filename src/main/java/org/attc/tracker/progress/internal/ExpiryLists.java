package org.attc.tracker.progress.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.attc.tracker.crediting.AttainmentStatus;
import org.attc.tracker.crediting.CapabilityStanding;
import org.attc.tracker.crediting.LapsedStanding;
import org.attc.tracker.identity.LearnerProfile;
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
		return new KeysetPage.Key(digits(at), item.learnerId(), item.capabilityCode());
	}

	/** Expired ones: the latest to run out first (unknown dates last). */
	static KeysetPage.Key latestFirst(Item item) {
		long at = (item.expiresAt() != null) ? item.expiresAt().getEpochSecond() : 0;
		return new KeysetPage.Key(digits(Long.MAX_VALUE / 2 - at), item.learnerId(), item.capabilityCode());
	}

	/**
	 * A non-negative number as 19 digits, so that text order is number order: a national
	 * list keys tens of thousands of items, and String.format cost more than the rest.
	 */
	private static String digits(long value) {
		String number = Long.toString(value);
		return "0".repeat(19 - number.length()) + number;
	}

	/**
	 * Both lists, whole (the export's; a page is {@link Lists#page}): read from the
	 * standings that expire within the window and those that have run out, for the
	 * caller's learners, never from every learner's attainment, so a national list costs
	 * what it lists.
	 */
	public Lists of(Authentication caller, CohortFilter filter, int days) {
		if (!WINDOWS.contains(days)) {
			throw new IllegalArgumentException("days: must be 30, 60 or 90");
		}
		Instant now = Instant.now();
		Instant until = now.plus(Duration.ofDays(days));
		Map<Long, LearnerProfile> learners = new HashMap<>();
		this.cohort.learners(caller, filter).forEach((l) -> learners.put(l.id().value(), l));
		boolean wholeNetwork = this.cohort.wholeNetwork(caller, filter);
		CapabilityDirectory capabilities = this.cohort.capabilities();
		Map<Set<String>, Map<String, Integer>> requiredByRoles = new HashMap<>();
		List<Item> expiring = new ArrayList<>();
		// the window's end included: a standing that expires at that instant is listed
		for (CapabilityStanding s : this.attainments.expiring(learners.keySet(), wholeNetwork, now,
				until.plusNanos(1000), now)) {
			LearnerProfile learner = learners.get(s.learnerId());
			if (learner == null) {
				// read for the whole network: not one of the cohort's (merged away, or
				// outside the job role asked)
				continue;
			}
			Integer required = requiredByRoles
				.computeIfAbsent(Set.copyOf(learner.jobRoles()), this.attainments::requiredTiers)
				.get(s.capabilityIdentifier());
			AttainmentStatus status = this.attainments.status(s, required, now);
			// a tier below the one required is in progress, not expiring
			if (StatusDisplay.held(status) && (filter.status() == null || filter.status() == status)) {
				expiring.add(item(learner, s.capabilityIdentifier(), capabilities, s.tier(), status, s.expiresAt(),
						Duration.between(now, s.expiresAt()).toDays()));
			}
		}
		List<Item> expired = new ArrayList<>();
		if (filter.status() == null || filter.status() == AttainmentStatus.EXPIRED) {
			for (LapsedStanding s : this.attainments.lapsed(learners.keySet(), wholeNetwork, now)) {
				LearnerProfile learner = learners.get(s.learnerId());
				if (learner == null) {
					continue;
				}
				Integer tier = (s.tier() != null) ? s.tier()
						: requiredByRoles
							.computeIfAbsent(Set.copyOf(learner.jobRoles()), this.attainments::requiredTiers)
							.get(s.capabilityIdentifier());
				expired.add(item(learner, s.capabilityIdentifier(), capabilities, tier, AttainmentStatus.EXPIRED,
						s.expiredAt(), null));
			}
		}
		return new Lists(filter, days, KeysetPage.sorted(expiring, ExpiryLists::soonestFirst),
				KeysetPage.sorted(expired, ExpiryLists::latestFirst), expiring.size(), expired.size(), null, null, now);
	}

	private static Item item(LearnerProfile learner, String capability, CapabilityDirectory capabilities, Integer tier,
			AttainmentStatus status, Instant expiresAt, Long daysLeft) {
		return new Item(learner.id().value(), Cohort.displayName(learner), learner.organisationCodes(),
				capabilities.code(capability), capabilities.title(capability), capabilities.tierName(capability, tier),
				StatusDisplay.of(status), expiresAt, daysLeft);
	}

}
