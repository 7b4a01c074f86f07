package org.attc.tracker.crediting;

/**
 * A way to earn a capability: an activity mapping, as a learner's "how to close this gap"
 * shows it.
 *
 * @param mappingId the mapping
 * @param capabilityIdentifier the capability it credits
 * @param tier the tier rank it credits
 * @param match how the activity is named: exact, prefix, lms_course or cmi5_course
 * @param target the activity IRI, IRI prefix, LMS course id or cmi5 course id
 * @param platformIssuer the LMS platform, for an LMS course
 * @param validityMonths how long the credit lasts; null for ever
 * @param contextId the LMS course (LTI context) for an LMS course mapping, else null
 * @param resourceLinkId the LTI resource link a course mapping was made for, else null
 */
public record CreditingRoute(long mappingId, String capabilityIdentifier, int tier, String match, String target,
		String platformIssuer, Integer validityMonths, String contextId, String resourceLinkId) {

	/**
	 * The activity the route names, whose name people read instead of its IRI: the
	 * activity itself or the cmi5 course; null for a prefix or an LMS course (no single
	 * activity).
	 */
	public String namedActivity() {
		return ("exact".equals(this.match) || "cmi5".equals(this.match)) ? this.target : null;
	}

	/**
	 * An address a person can follow to take the activity, when the mapping names one (an
	 * http(s) activity IRI); null otherwise.
	 */
	public String launchUrl() {
		if (("exact".equals(this.match) || "prefix".equals(this.match)) && this.target != null
				&& (this.target.startsWith("https://") || this.target.startsWith("http://"))) {
			return this.target;
		}
		return null;
	}

}
