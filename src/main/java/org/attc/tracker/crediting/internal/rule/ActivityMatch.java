package org.attc.tracker.crediting.internal.rule;

/**
 * Which statements a mapping is about.
 *
 * @param kind how to match
 * @param value the activity IRI, IRI prefix, or cmi5 course/AU publisher id; for an LMS
 * course the course IRL built from the platform and context id
 */
public record ActivityMatch(Kind kind, String value) {

	public enum Kind {

		/** The statement's object is this activity. */
		EXACT,
		/**
		 * The statement's object IRI starts with this prefix (a whole course's
		 * activities).
		 */
		PREFIX,
		/**
		 * The object is the LMS course: Moodle names a course
		 * {@code <site>/course/view.php?id=<id>}, its LTI context id being the course id.
		 */
		LMS_COURSE,
		/** A cmi5 course or AU publisher id in the statement's grouping context. */
		CMI5

	}

	public ActivityMatch {
		if (kind == null || value == null || value.isBlank()) {
			throw new IllegalArgumentException("an activity match needs a kind and a value");
		}
	}

	/**
	 * The IRL of a Moodle course, which Moodle's log store uses as the object of course
	 * statements.
	 */
	public static ActivityMatch lmsCourse(String platformIssuer, String contextId) {
		String site = platformIssuer.endsWith("/") ? platformIssuer.substring(0, platformIssuer.length() - 1)
				: platformIssuer;
		return new ActivityMatch(Kind.LMS_COURSE, site + "/course/view.php?id=" + contextId);
	}

	public boolean matches(StatementFacts statement) {
		if (statement.objectId() == null || !statement.objectIsActivity()) {
			return false;
		}
		return switch (this.kind) {
			case EXACT, LMS_COURSE -> this.value.equals(statement.objectId());
			case PREFIX -> statement.objectId().startsWith(this.value);
			case CMI5 -> statement.cmi5() && statement.groupingIds().contains(this.value);
		};
	}

}
