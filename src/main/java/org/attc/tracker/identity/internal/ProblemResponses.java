package org.attc.tracker.identity.internal;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.attc.tracker.identity.CsrfExemption;
import org.attc.tracker.identity.SignInThrottle;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;
import tools.jackson.databind.json.JsonMapper;

/**
 * 401 and 403 for API callers as RFC 9457 problem JSON, never a redirect to the login
 * page.
 */
final class ProblemResponses {

	static final String UNAUTHENTICATED = "https://capability-tracker.attc.nhs.uk/problems/unauthenticated";

	static final String FORBIDDEN = "https://capability-tracker.attc.nhs.uk/problems/forbidden";

	private static final JsonMapper json = JsonMapper.builder().build();

	private ProblemResponses() {
	}

	static final String THROTTLED = "https://capability-tracker.attc.nhs.uk/problems/too-many-sign-in-failures";

	static AuthenticationEntryPoint unauthenticated(String realm) {
		return (request, response, ex) -> {
			if (ex instanceof LockedException && request.getAttribute(SignInThrottle.RETRY_AFTER) != null) {
				throttled(request, response);
				return;
			}
			// RFC 9110 §11.6.1: a 401 names the scheme the client can use
			response.setHeader("WWW-Authenticate", "Basic realm=\"" + realm + "\"");
			write(request, response, 401, UNAUTHENTICATED, "Authentication required",
					"Sign in, or send HTTP Basic credentials of an account.");
		};
	}

	/**
	 * RFC 6585 §4: 429 with {@code Retry-After}, after too many failed sign-ins for the
	 * account or from the address.
	 */
	static void throttled(HttpServletRequest request, HttpServletResponse response) throws IOException {
		Object seconds = request.getAttribute(SignInThrottle.RETRY_AFTER);
		response.setHeader("Retry-After", String.valueOf(seconds));
		write(request, response, 429, THROTTLED, "Too many failed sign-ins",
				"Too many failed sign-ins for this account or from this address: try again in " + seconds
						+ " seconds, or ask an administrator to clear the lock.");
	}

	static AccessDeniedHandler forbidden() {
		return (request, response, ex) -> {
			if (ex instanceof CsrfException) {
				write(request, response, 403,
						"https://capability-tracker.attc.nhs.uk/problems/" + CsrfExemption.PROBLEM_SLUG,
						CsrfExemption.PROBLEM_TITLE, CsrfExemption.PROBLEM_DETAIL);
				return;
			}
			write(request, response, 403, FORBIDDEN, "Forbidden", "Your account's role does not allow this request.");
		};
	}

	static void write(HttpServletRequest request, HttpServletResponse response, int status, String type, String title,
			String detail) throws IOException {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", type);
		problem.put("title", title);
		problem.put("status", status);
		problem.put("detail", detail);
		problem.put("instance", request.getRequestURI());
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		json.writeValue(response.getOutputStream(), problem);
	}

}
