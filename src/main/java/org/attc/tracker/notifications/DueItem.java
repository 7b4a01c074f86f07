package org.attc.tracker.notifications;

import java.time.Instant;
import java.util.List;

import org.attc.tracker.crediting.CreditingRoute;

/**
 * A capability that a learner's role requires and that runs out soon or has just run out:
 * what a reminder names and the launch page lists.
 *
 * @param capabilityIdentifier the capability
 * @param code its human code (e.g. D1.1); the identifier when the framework has none
 * @param title its title; null when unknown
 * @param tierName the name of the tier required
 * @param expiresAt when it stops (or stopped) counting
 * @param daysLeft whole days from now to the expiry; 0 or less once expired
 * @param horizon the reminder horizon it is inside (the smallest one reached, in days), 0
 * once expired
 * @param routes the activities that renew it, as the learner's page lists them ("how to
 * close this gap")
 */
public record DueItem(String capabilityIdentifier, String code, String title, String tierName, Instant expiresAt,
		long daysLeft, int horizon, List<CreditingRoute> routes) {

	public DueItem {
		routes = List.copyOf(routes);
	}

	/** Whether it has run out already. */
	public boolean expired() {
		return this.horizon == 0;
	}

	/** Code and title as people read them. */
	public String label() {
		return (this.title != null) ? this.code + " " + this.title : this.code;
	}

}
