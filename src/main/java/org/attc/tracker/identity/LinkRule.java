package org.attc.tracker.identity;

/** Why an identifier belongs to a learner; each has a sentence a person understands. */
public enum LinkRule {

	FIRST_SIGHT("First seen with this identifier: a new learner was created for it."),
	SAME_EMAIL("This e-mail address is the one the learning platform sent for the learner at launch."),
	EMAIL_HASH("This is the SHA-1 of an e-mail address (mbox) the learner already has, so it names the same mailbox."),
	LMS_ACCOUNT(
			"This account on the learning platform has the same user id as the learner's LTI launch from that platform (Moodle sends its user id as both)."),
	MANUAL_MERGE("A coordinator merged two learner records into one."),
	IMPORTED("Added from a CSV upload by a coordinator.");

	private final String explanation;

	LinkRule(String explanation) {
		this.explanation = explanation;
	}

	/** The rule in plain words, for the UI and the API. */
	public String explanation() {
		return this.explanation;
	}

}
