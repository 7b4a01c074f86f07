package org.attc.tracker.identity;

import java.util.List;

/**
 * A user as an LTI 1.3 launch names them (LTI 1.3 Core §5.3.6 user identity claims), with
 * what the platform says of their organisation and job roles through custom parameters
 * (Core §5.4.5) and the deployment they came through: the identity module places them by
 * its organisation rules (docs/identity.md).
 *
 * @param issuer the platform's {@code iss}
 * @param subject the {@code sub} claim, stable per platform
 * @param email the {@code email} claim, if sent
 * @param name the {@code name} claim, if sent
 * @param organisationCode organisation (trust or site) code from a custom parameter, if
 * sent
 * @param jobRoles job role codes from a custom parameter, if sent
 * @param deploymentId the deployment the launch came through (LTI 1.3 Core §5.3.3); null
 * when the user was not seen in a launch (a platform's roster)
 */
public record LtiUser(String issuer, String subject, String email, String name, String organisationCode,
		List<String> jobRoles, String deploymentId) {

	public LtiUser {
		if (issuer == null || issuer.isBlank() || subject == null || subject.isBlank()) {
			throw new IllegalArgumentException("an LTI user needs an issuer and a subject");
		}
		jobRoles = (jobRoles != null) ? List.copyOf(jobRoles) : List.of();
	}

	public LtiUser(String issuer, String subject, String email, String name) {
		this(issuer, subject, email, name, null, List.of(), null);
	}

}
