package org.attc.tracker.notifications.internal;

import java.time.LocalDate;
import java.util.List;

/**
 * What a coordinator's digest says, per organisation in their scope.
 *
 * @param periodStart the digest day the digest covers
 * @param horizonDays how far ahead "expiring" looks
 * @param organisations one section per organisation with something to report
 * @param readiness changes of site readiness since the coordinator's last digest
 */
record DigestContent(LocalDate periodStart, int horizonDays, List<Organisation> organisations,
		List<ReadinessChange> readiness) {

	/** One learner and capability, in words. */
	record Entry(String text) {
	}

	record Organisation(String code, String name, List<Entry> expired, List<Entry> expiring, List<String> notStarted,
			String expiringUrl, String notStartedUrl, String readinessUrl) {
	}

	record ReadinessChange(String text, String url) {
	}

}
