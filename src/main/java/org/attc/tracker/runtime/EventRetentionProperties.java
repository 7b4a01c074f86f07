package org.attc.tracker.runtime;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long the event publication registry keeps publications its listeners completed.
 * Spring Modulith keeps them for ever by default; at one publication per listener for
 * every stored statement batch, that is a table growing without bound. Incomplete
 * publications are never removed: they are the work still to redeliver.
 *
 * @param completedRetention how long a completed publication stays (a short trail of what
 * the listeners did, for diagnosis)
 * @param purgeInterval how often completed publications older than that are deleted
 * @param resubmitAfter how old an incomplete publication must be before it is delivered
 * again: a node that died (or was killed) while its listeners worked leaves its
 * publications incomplete, and another node picks them up after this long (listeners are
 * idempotent, so a slow one that was still working does no harm)
 * @param resubmitCheck how often a node looks for such publications
 */
@ConfigurationProperties("app.events")
public record EventRetentionProperties(@DefaultValue("7d") Duration completedRetention,
		@DefaultValue("1h") Duration purgeInterval, @DefaultValue("15m") Duration resubmitAfter,
		@DefaultValue("1m") Duration resubmitCheck) {

	public EventRetentionProperties {
		if (completedRetention.isNegative()) {
			throw new IllegalArgumentException(
					"app.events.completed-retention: zero or positive, was " + completedRetention);
		}
		if (purgeInterval.isNegative() || purgeInterval.isZero()) {
			throw new IllegalArgumentException("app.events.purge-interval: positive, was " + purgeInterval);
		}
		if (resubmitAfter.isNegative() || resubmitAfter.isZero() || resubmitCheck.isNegative()
				|| resubmitCheck.isZero()) {
			throw new IllegalArgumentException("app.events: resubmit-after and resubmit-check must be positive");
		}
	}

}
