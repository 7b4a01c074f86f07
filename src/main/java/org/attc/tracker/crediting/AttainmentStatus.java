package org.attc.tracker.crediting;

/** Where a learner stands on one capability. */
public enum AttainmentStatus {

	/** No evidence or attempt at all. */
	NOT_STARTED,
	/** Attempts, partial points, or a tier below the one required. */
	IN_PROGRESS,
	/** The required tier (or any tier, when none is required) is held. */
	ACHIEVED,
	/** Achieved, but the evidence runs out within the expiry warning window. */
	EXPIRING,
	/** Everything that credited it has expired. */
	EXPIRED;

	/** The lower-case name used in JSON. */
	public String json() {
		return name().toLowerCase();
	}

}
