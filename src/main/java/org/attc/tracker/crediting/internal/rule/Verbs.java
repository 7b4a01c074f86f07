package org.attc.tracker.crediting.internal.rule;

import java.util.Set;

/** Verb IRIs the crediting rules know by name. */
public final class Verbs {

	public static final String COMPLETED = "http://adlnet.gov/expapi/verbs/completed";

	public static final String PASSED = "http://adlnet.gov/expapi/verbs/passed";

	public static final String MASTERED = "http://adlnet.gov/expapi/verbs/mastered";

	public static final String FAILED = "http://adlnet.gov/expapi/verbs/failed";

	public static final String VOIDED = "http://adlnet.gov/expapi/verbs/voided";

	/** cmi5 §9.3.9: the LMS says the moveOn criteria of a block or course are met. */
	public static final String SATISFIED = "https://w3id.org/xapi/adl/verbs/satisfied";

	/**
	 * Moodle's log store sends this when completion is unticked (or before the first
	 * completion): it withdraws a completion from the same activity.
	 */
	public static final String MOODLE_UNCOMPLETED = "https://xapi.edlm/profiles/edlm-lms/concepts/verbs/uncompleted";

	/** What a mapping accepts when it names no verbs. */
	public static final Set<String> DEFAULT_CREDITING = Set.of(COMPLETED, PASSED, MASTERED);

	/** Verbs that never credit, whatever a mapping lists. */
	public static final Set<String> NEVER_CREDITING = Set.of(FAILED, MOODLE_UNCOMPLETED, VOIDED);

	private Verbs() {
	}

}
