package org.attc.tracker.lti.internal.services;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The periodic roster refresh ({@code app.lti.roster-refresh.*}).
 *
 * @param enabled whether rosters are fetched on a schedule (teacher launches fetch them
 * regardless)
 * @param interval time between the end of one refresh of every known course and the start
 * of the next
 * @param initialDelay time after start-up before the first refresh
 */
@ConfigurationProperties("app.lti.roster-refresh")
public record RosterRefreshProperties(@DefaultValue("true") boolean enabled, @DefaultValue("6h") Duration interval,
		@DefaultValue("5m") Duration initialDelay) {

	public RosterRefreshProperties {
		if (interval.isZero() || interval.isNegative()) {
			throw new IllegalArgumentException("app.lti.roster-refresh.interval: positive, was " + interval);
		}
		if (initialDelay.isNegative()) {
			throw new IllegalArgumentException(
					"app.lti.roster-refresh.initial-delay: zero or positive, was " + initialDelay);
		}
	}

}
