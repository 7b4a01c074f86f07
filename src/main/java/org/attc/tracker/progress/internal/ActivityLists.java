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

/**
 * Who has not started at all, and what was achieved lately: the two lists a coordinator
 * chases and celebrates with.
 */
@Service
public class ActivityLists {

	/** The windows a coordinator picks from for "recently achieved". */
	public static final List<Integer> WINDOWS = List.of(7, 30, 90);

	private final Cohort cohort;

	ActivityLists(Cohort cohort) {
		this.cohort = cohort;
	}

	/**
	 * A learner with no evidence at all (no credit, sign-off, attempt or points, current
	 * or expired).
	 *
	 * @param required capabilities their role profiles require
	 */
	public record NotStarted(long learnerId, String name, List<String> organisations, List<String> jobRoles,
			int required) {
	}

	public record NotStartedList(CohortFilter filter, List<NotStarted> learners, Instant generatedAt) {
	}

	/** A capability achieved (its held tier's evidence dated) within the window. */
	public record Achievement(long learnerId, String name, List<String> organisations, String capabilityCode,
			String capabilityTitle, String tierName, StatusDisplay status, Instant achievedAt, Instant expiresAt) {
	}

	public record AchievedList(CohortFilter filter, int days, List<Achievement> achievements, Instant generatedAt) {
	}

	public NotStartedList notStarted(Authentication caller, CohortFilter filter) {
		Cohort.Snapshot snapshot = this.cohort.of(caller, filter);
		List<NotStarted> learners = new ArrayList<>();
		for (Cohort.Member member : snapshot.members()) {
			boolean none = member.attainment()
				.values()
				.stream()
				.allMatch((a) -> a.status() == AttainmentStatus.NOT_STARTED);
			if (none) {
				int required = (int) member.attainment()
					.values()
					.stream()
					.filter((a) -> a.requiredTier() != null)
					.count();
				learners.add(new NotStarted(member.learner().id().value(), member.displayName(),
						member.learner().organisationCodes(), member.learner().jobRoles().stream().sorted().toList(),
						required));
			}
		}
		return new NotStartedList(filter, learners, snapshot.now());
	}

	public AchievedList recentlyAchieved(Authentication caller, CohortFilter filter, int days) {
		if (!WINDOWS.contains(days)) {
			throw new IllegalArgumentException("days: must be 7, 30 or 90");
		}
		Cohort.Snapshot snapshot = this.cohort.of(caller, filter);
		Instant since = snapshot.now().minus(Duration.ofDays(days));
		List<Achievement> achievements = new ArrayList<>();
		for (Cohort.Member member : snapshot.members()) {
			for (CapabilityAttainment a : member.attainment().values()) {
				if (a.tier() != null && a.achievedAt() != null && a.achievedAt().isAfter(since)
						&& !a.achievedAt().isAfter(snapshot.now())) {
					String id = a.capabilityIdentifier();
					achievements.add(new Achievement(member.learner().id().value(), member.displayName(),
							member.learner().organisationCodes(), snapshot.capabilities().code(id),
							snapshot.capabilities().title(id), snapshot.capabilities().tierName(id, a.tier()),
							StatusDisplay.of(a.status()), a.achievedAt(), a.expiresAt()));
				}
			}
		}
		achievements.sort(Comparator.comparing(Achievement::achievedAt).reversed().thenComparing(Achievement::name));
		return new AchievedList(filter, days, achievements, snapshot.now());
	}

}
