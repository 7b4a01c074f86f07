package org.attc.tracker.lti.internal.launch;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.attc.tracker.lti.LtiUser;
import org.attc.tracker.lti.internal.security.LaunchMessage;
import org.attc.tracker.lti.internal.security.LtiRoles;

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

	LtiUser userOf(LaunchMessage message) {
		LtiUser.LaunchContext context = (message.contextId() != null)
				? new LtiUser.LaunchContext(message.contextId(), message.contextTitle(), message.contextLabel()) : null;
		return new LtiUser(message.issuer(), message.subject(), message.email(), message.name(), message.roles(),
				context, LtiRoles.appRole(message.roles()));
	}

	void signIn(LtiUser user, HttpServletRequest request, HttpServletResponse response) {
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
