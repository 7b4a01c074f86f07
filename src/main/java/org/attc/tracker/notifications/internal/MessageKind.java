package org.attc.tracker.notifications.internal;

/** The kinds of message a person can opt out of, each on its own. */
public enum MessageKind {

	/** A learner's reminder that required capabilities run out. */
	REMINDER("expiry reminders"),
	/** A coordinator's weekly digest. */
	DIGEST("the weekly coordinator digest");

	private final String description;

	MessageKind(String description) {
		this.description = description;
	}

	/** What people read, e.g. "expiry reminders". */
	public String description() {
		return this.description;
	}

}
