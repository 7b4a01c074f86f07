package org.attc.tracker.identity.internal;

import org.attc.tracker.identity.SignInThrottle;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

/**
 * Feeds the {@link SignInThrottle} with the outcome of every password sign-in of a local
 * account (login form and HTTP Basic alike; Spring Security publishes these events from
 * the authentication managers of every chain). Unknown names count like wrong passwords.
 */
@Component
class SignInOutcomes {

	private final SignInThrottle throttle;

	SignInOutcomes(SignInThrottle throttle) {
		this.throttle = throttle;
	}

	@EventListener
	void failed(AuthenticationFailureBadCredentialsEvent event) {
		if (event.getAuthentication() instanceof UsernamePasswordAuthenticationToken attempt) {
			this.throttle.failed(SignInThrottle.Kind.ACCOUNT, attempt.getName(), SignInThrottle.currentAddress());
		}
	}

	@EventListener
	void succeeded(AuthenticationSuccessEvent event) {
		if (event.getAuthentication() instanceof UsernamePasswordAuthenticationToken signedIn) {
			this.throttle.succeeded(SignInThrottle.Kind.ACCOUNT, signedIn.getName());
		}
	}

}
