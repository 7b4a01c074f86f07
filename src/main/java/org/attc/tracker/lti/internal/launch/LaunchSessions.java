package org.attc.tracker.lti.internal.launch;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.attc.tracker.identity.AppRole;
import org.attc.tracker.identity.Learners;
import org.attc.tracker.identity.LtiUser;
import org.attc.tracker.lti.LaunchedUser;
import org.attc.tracker.lti.internal.security.LaunchMessage;
import org.attc.tracker.lti.internal.security.LtiRoles;
import org.attc.tracker.shared.LearnerId;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * Turns an accepted launch into a signed-in session whose role follows the LTI roles.
 * Nothing here runs for a refused launch, so a refused launch leaves no session.
 */
@Component
class LaunchSessions {

	private final SecurityContextRepository repository = new HttpSessionSecurityContextRepository();

	private final Learners learners;

	LaunchSessions(Learners learners) {
		this.learners = learners;
	}

	/**
	 * The launch's user, linked by the identity module to one learner (issuer and
	 * subject, and e-mail where sent: ARCHITECTURE "LTI launch").
	 */
	LaunchedUser userOf(LaunchMessage message) {
		LearnerId learner = this.learners.resolveLtiUser(new LtiUser(message.origin().issuer(),
				message.person().subject(), message.person().email(), message.person().name(),
				message.custom().organisationCode(), message.custom().jobRoles(), message.origin().deploymentId()));
		LaunchedUser.LaunchContext context = (message.context().id() != null) ? new LaunchedUser.LaunchContext(
				message.context().id(), message.context().title(), message.context().label()) : null;
		AppRole role = LtiRoles.appRole(message.person().roles());
		if (context != null) {
			this.learners.recordCourseMember(learner, message.origin().issuer(), context.id(),
					role == AppRole.COORDINATOR, "launch");
		}
		return new LaunchedUser(message.origin().issuer(), message.person().subject(), message.person().email(),
				message.person().name(), message.person().roles(), context, role, learner);
	}

	void signIn(LaunchedUser user, HttpServletRequest request, HttpServletResponse response) {
		PreAuthenticatedAuthenticationToken authentication = new PreAuthenticatedAuthenticationToken(user, "lti",
				List.of(new SimpleGrantedAuthority(user.appRole().authority())));
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(authentication);
		SecurityContextHolder.setContext(context);
		// a session that existed before the launch gets a new id (session fixation)
		if (request.getSession(false) != null) {
			request.changeSessionId();
		}
		this.repository.saveContext(context, request, response);
	}

}
