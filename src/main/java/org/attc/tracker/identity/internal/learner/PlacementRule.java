package org.attc.tracker.identity.internal.learner;

import java.time.Instant;
import java.util.List;

/**
 * A rule that places learners who arrive from an LMS: the default organisation of a
 * platform (no deployment, no course), of one of its deployments, or the organisation and
 * job roles of one of its courses.
 *
 * @param id the rule
 * @param platformIssuer the platform's issuer, as registered
 * @param deploymentId a deployment id, or null
 * @param contextId an LMS course (LTI context) id, or null
 * @param organisation the organisation's code
 * @param jobRoles job role codes its learners hold (course rules), may be empty
 * @param setBy who set it
 * @param setAt when
 */
record PlacementRule(long id, String platformIssuer, String deploymentId, String contextId, String organisation,
		List<String> jobRoles, String setBy, Instant setAt) {

	/** What kind of rule this is: the source it gives the learners it places. */
	public PlacementSource source() {
		return (this.contextId != null) ? PlacementSource.COURSE
				: (this.deploymentId != null) ? PlacementSource.DEPLOYMENT : PlacementSource.PLATFORM;
	}

	/** The rule, as a learner's page explains it. */
	public String describe() {
		return switch (source()) {
			case COURSE -> "rule for course " + this.contextId + " of " + this.platformIssuer;
			case DEPLOYMENT -> "default of deployment " + this.deploymentId + " of " + this.platformIssuer;
			default -> "default of platform " + this.platformIssuer;
		};
	}

}
