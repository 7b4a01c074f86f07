package org.attc.tracker.lti;

import java.util.List;

import org.attc.tracker.lti.internal.services.RosterSync;
import org.attc.tracker.shared.LearnerId;

import org.springframework.stereotype.Service;

/**
 * The rosters of LMS courses, as the platforms' Names and Role Provisioning Service
 * listed them at the last teacher launch or periodic refresh: members who never launched
 * or have no evidence can be shown as not started.
 */
@Service
public class CourseRosters {

	private final RosterSync rosters;

	CourseRosters(RosterSync rosters) {
		this.rosters = rosters;
	}

	/** The members of a course (LTI context) on a platform; empty when never synced. */
	public List<RosterMember> members(String issuer, String contextId) {
		return this.rosters.members(issuer, contextId);
	}

	/**
	 * The learners of a course: its active members with a learner role, each resolved to
	 * a learner, whether or not they ever launched the tool.
	 */
	public List<LearnerId> learners(String issuer, String contextId) {
		return members(issuer, contextId).stream()
			.filter(RosterMember::activeLearner)
			.map(RosterMember::learner)
			.toList();
	}

}
