package org.attc.tracker.lti.internal.grades;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sending AGS scores ({@code app.lti.score-delivery.*}).
 *
 * @param enabled whether the sender runs (scores are queued regardless)
 * @param pollInterval how often the queue is looked at
 * @param firstBackoff wait after the first failed attempt; doubled after each further one
 * @param maxBackoff the longest wait between two attempts
 * @param maxAttempts attempts before a score that keeps failing is given up (failed)
 * @param batchSize scores sent per poll
 */
@ConfigurationProperties("app.lti.score-delivery")
public record ScoreDeliveryProperties(@DefaultValue("true") boolean enabled, @DefaultValue("5s") Duration pollInterval,
		@DefaultValue("30s") Duration firstBackoff, @DefaultValue("1h") Duration maxBackoff,
		@DefaultValue("8") int maxAttempts, @DefaultValue("50") int batchSize) {

	public ScoreDeliveryProperties {
		if (pollInterval.isZero() || pollInterval.isNegative()) {
			throw new IllegalArgumentException("app.lti.score-delivery.poll-interval: positive, was " + pollInterval);
		}
		if (firstBackoff.isNegative()) {
			throw new IllegalArgumentException(
					"app.lti.score-delivery.first-backoff: zero or positive, was " + firstBackoff);
		}
		if (maxBackoff.compareTo(firstBackoff) < 0) {
			throw new IllegalArgumentException("app.lti.score-delivery.max-backoff: at least first-backoff ("
					+ firstBackoff + "), was " + maxBackoff);
		}
		if (maxAttempts < 1) {
			throw new IllegalArgumentException("app.lti.score-delivery.max-attempts: 1 or more, was " + maxAttempts);
		}
		if (batchSize < 1) {
			throw new IllegalArgumentException("app.lti.score-delivery.batch-size: 1 or more, was " + batchSize);
		}
	}

	/** The wait after {@code attempts} failed attempts: exponential, capped. */
	Duration backoffAfter(int attempts) {
		Duration wait = this.firstBackoff;
		for (int i = 1; i < attempts && wait.compareTo(this.maxBackoff) < 0; i++) {
			wait = wait.multipliedBy(2);
		}
		return (wait.compareTo(this.maxBackoff) > 0) ? this.maxBackoff : wait;
	}

}
