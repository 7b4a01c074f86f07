package org.attc.tracker.identity.internal.learner;

/**
 * Where an organisation or a job role of a learner came from, strongest first: where
 * sources disagree, the learner gets what the strongest source that names any says.
 */
enum PlacementSource {

	/** A coordinator or an administrator chose it (page, API, bulk or CSV). */
	COORDINATOR,

	/** A rule for an LMS course the learner is a (non-teaching) member of. */
	COURSE,

	/**
	 * The custom parameters of the learner's launch ({@code organisation},
	 * {@code job_role}).
	 */
	LAUNCH,

	/** The default of the LTI deployment the learner launched through. */
	DEPLOYMENT,

	/** The default of the LTI platform the learner arrived from (launch or roster). */
	PLATFORM,

	/** The organisation of an LRS client that stored statements of the learner. */
	LRS_CLIENT

}
