package org.attc.tracker.progress.internal;

import java.util.Locale;
import java.util.Set;

import org.attc.tracker.crediting.AttainmentStatus;

/**
 * What a coordinator narrowed a cohort view to; each part optional.
 *
 * @param organisation organisation code (a trust includes its sites)
 * @param role job role code (role profile code)
 * @param status only learners with at least one capability in this status
 */
public record CohortFilter(String organisation, String role, AttainmentStatus status) {

	private static final Set<String> STATUSES = Set.of("not_started", "in_progress", "achieved", "expiring", "expired");

	public static CohortFilter of(String organisation, String role, String status) {
		AttainmentStatus parsed = null;
		if (status != null && !status.isBlank()) {
			String key = status.strip().toLowerCase(Locale.ROOT);
			if (!STATUSES.contains(key)) {
				throw new IllegalArgumentException(
						"status: must be one of not_started, in_progress, achieved, expiring, expired");
			}
			parsed = AttainmentStatus.valueOf(key.toUpperCase(Locale.ROOT));
		}
		return new CohortFilter(blankToNull(organisation), blankToNull(role), parsed);
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

	public String statusKey() {
		return (this.status != null) ? this.status.json() : "";
	}

}
