package org.attc.tracker.identity.internal;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;

/**
 * A person who proved who they are at an OpenID Connect provider has no usable local
 * account: the message says so in words the person understands, for the sign-in page.
 */
class SingleSignOnRefused extends OAuth2AuthenticationException {

	private final String personMessage;

	SingleSignOnRefused(String personMessage) {
		super(new OAuth2Error("access_denied", personMessage, null), personMessage);
		this.personMessage = personMessage;
	}

	String personMessage() {
		return this.personMessage;
	}

}
