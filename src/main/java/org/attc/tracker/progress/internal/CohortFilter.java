package org.attc.tracker.progress.internal;

import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.attc.tracker.crediting.AttainmentStatus;

/**
 * What a coordinator narrowed a cohort view to; each part optional.
 *
 * @param organisation organisation code (a trust includes its sites)
 * @param role job role code (role profile code)
 * @param status only learners with at least one capability in this status
 * @param course only learners who launched from this LMS course (lti's course key,
 * platform:context)
 * @param framework only the capabilities of this framework version (the current version
 * of a published framework, by version id)
 */
public record CohortFilter(String organisation, String role, AttainmentStatus status,
		@JsonInclude(JsonInclude.Include.NON_NULL) String course,
		@JsonInclude(JsonInclude.Include.NON_NULL) Long framework) {

	/** Nothing narrowed: every learner the caller may see. */
	public static final CohortFilter NONE = new CohortFilter(null, null, null, null, null);

	public static CohortFilter of(String organisation, String role, String status) {
		return of(organisation, role, status, null, null);
	}

	private static final Set<String> STATUSES = Set.of("not_started", "in_progress", "achieved", "expiring", "expired");

	public static CohortFilter of(String organisation, String role, String status, String course, String framework) {
		AttainmentStatus parsed = null;
		if (status != null && !status.isBlank()) {
			String key = status.strip().toLowerCase(Locale.ROOT);
			if (!STATUSES.contains(key)) {
				throw new IllegalArgumentException(
						"status: must be one of not_started, in_progress, achieved, expiring, expired");
			}
			parsed = AttainmentStatus.valueOf(key.toUpperCase(Locale.ROOT));
		}
		Long version = null;
		if (framework != null && !framework.isBlank()) {
			try {
				version = Long.valueOf(framework.strip());
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("framework: must be a framework version id as listed");
			}
		}
		return new CohortFilter(blankToNull(organisation), blankToNull(role), parsed, blankToNull(course), version);
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

	public String statusKey() {
		return (this.status != null) ? this.status.json() : "";
	}

}
