package org.attc.tracker.identity;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Which API requests skip the CSRF check, for every chain that accepts both a session and
 * HTTP Basic: those that carry no signed-in session. A forged request rides on the
 * victim's session cookie; without one there is nothing to forge, and the request either
 * authenticates by Basic or is answered 401 (not a CSRF 403 that hides the missing
 * credentials). Whatever {@code Authorization} header a request with a session carries (a
 * browser can be made to send one), the token is still required. The security context is
 * loaded from the session before the CSRF filter runs.
 */
public final class CsrfExemption {

	/** Problem type slug of a refusal by the CSRF check, for every API chain. */
	public static final String PROBLEM_SLUG = "csrf-token";

	/** Problem title of a refusal by the CSRF check. */
	public static final String PROBLEM_TITLE = "Missing or invalid CSRF token";

	/** Problem detail of a refusal by the CSRF check: what to send instead. */
	public static final String PROBLEM_DETAIL = "A request made with a signed-in session must carry the page's CSRF "
			+ "token (header X-CSRF-TOKEN or form field _csrf). Scripts send HTTP Basic without a session cookie.";

	private CsrfExemption() {
	}

	/** Matches requests without a signed-in session. */
	public static RequestMatcher withoutSession() {
		return (request) -> !signedInSession();
	}

	/** Whether the current request's session holds a signed-in account. */
	public static boolean signedInSession() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return authentication != null && authentication.isAuthenticated()
				&& !(authentication instanceof AnonymousAuthenticationToken);
	}

}
