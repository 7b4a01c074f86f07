package org.attc.tracker.identity;

import java.util.List;
import java.util.Set;

import org.attc.tracker.shared.LearnerId;

/**
 * What other modules may know of a learner.
 *
 * @param id the learner
 * @param name display name, if known
 * @param email e-mail address, if known
 * @param organisationCodes codes of the trusts and sites the learner belongs to
 * @param jobRoles job role codes, which select role profiles of a framework
 */
public record LearnerProfile(LearnerId id, String name, String email, List<String> organisationCodes,
		Set<String> jobRoles) {
}
