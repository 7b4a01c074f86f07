package org.attc.tracker.identity;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/**
 * The platform origins that may frame a session which began with an LTI launch. An LMS
 * shows the tool in an iframe; after the launch every page the user opens there (their
 * capabilities, sign out) must be allowed in that frame (CSP {@code frame-ancestors}), by
 * that platform only. Sessions without a launch keep the configured ancestors
 * ({@code 'self'} unless {@code app.identity.frame-ancestors} says more).
 */
public final class LaunchFraming {

	private static final String SESSION_KEY = LaunchFraming.class.getName() + ".origins";

	/** {@code scheme://host[:port]}: nothing that could end a CSP source list. */
	private static final Pattern ORIGIN = Pattern
		.compile("https?://([A-Za-z0-9.\\-]+|\\[[0-9A-Fa-f:.]+\\])(:[0-9]{1,5})?");

	private LaunchFraming() {
	}

	/**
	 * Lets the launch's platform frame this session's pages. Called once the launch has
	 * signed the user in (on the session that has the new id).
	 * @param origins the platform's web origins, from its registration; values that are
	 * not plain origins are ignored
	 */
	public static void allow(HttpSession session, Collection<String> origins) {
		ArrayList<String> allowed = new ArrayList<>();
		for (String origin : origins) {
			if (origin != null && ORIGIN.matcher(origin).matches() && !allowed.contains(origin)) {
				allowed.add(origin);
			}
		}
		session.setAttribute(SESSION_KEY, allowed);
	}

	/**
	 * Keeps the framing across sign-out (as a logout handler, it runs before the session
	 * is invalidated): the "signed out" page is shown in the same frame.
	 */
	public static void rememberForSignOut(HttpServletRequest request) {
		List<String> origins = of(request);
		if (!origins.isEmpty()) {
			request.setAttribute(SESSION_KEY, origins);
		}
	}

	/**
	 * After sign-out (the session is gone): a fresh, anonymous session keeps only the
	 * framing, so the sign-in page shown next may appear in the platform's frame.
	 */
	public static void restoreAfterSignOut(HttpServletRequest request) {
		if (request.getAttribute(SESSION_KEY) instanceof List<?> origins) {
			allow(request.getSession(true), origins.stream().map(String::valueOf).toList());
		}
	}

	/** The origins the request's session may be framed by; empty without a launch. */
	public static List<String> of(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		if (session == null) {
			return List.of();
		}
		try {
			return (session.getAttribute(SESSION_KEY) instanceof List<?> list)
					? list.stream().map(String::valueOf).toList() : List.of();
		}
		catch (IllegalStateException invalidated) {
			return List.of();
		}
	}

}
