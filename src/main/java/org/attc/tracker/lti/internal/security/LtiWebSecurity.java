package org.attc.tracker.lti.internal.security;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.attc.tracker.identity.AppRole;
import org.attc.tracker.identity.CsrfExemption;
import org.attc.tracker.identity.SecurityChainOrder;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import tools.jackson.databind.json.JsonMapper;

/**
 * Web security of the LTI surface, ahead of the service's general chains (the order is in
 * {@link SecurityChainOrder}).
 * <ul>
 * <li>{@code /api/lti/**}: administrators only (session or HTTP Basic), problem
 * JSON.</li>
 * <li>{@code /lti/**} and {@code /.well-known/jwks.json}: the OIDC login, the launch and
 * dynamic registration are open to the platform; the admin pages need ADMIN; the rest
 * needs a session (a launch makes one).</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class LtiWebSecurity {

	private static final String REALM = "Capability Tracker";

	private static final JsonMapper json = JsonMapper.builder().build();

	@Bean
	@Order(SecurityChainOrder.LTI_API)
	SecurityFilterChain ltiApiSecurity(HttpSecurity http, LtiContentSecurityPolicy csp) throws Exception {
		http.securityMatcher("/api/lti/**")
			// course rosters: administrators and the course's launched teachers, decided
			// per course by CourseRosterRefresh
			.authorizeHttpRequests((requests) -> requests.requestMatchers("/api/lti/courses", "/api/lti/courses/**")
				.authenticated()
				.anyRequest()
				.hasRole(AppRole.ADMIN.name()))
			.httpBasic((basic) -> basic.realmName(REALM).authenticationEntryPoint(unauthenticated()))
			.exceptionHandling((ex) -> ex.authenticationEntryPoint(unauthenticated())
				.accessDeniedHandler((request, response, denied) -> {
					// an anonymous caller refused by the CSRF check has not signed in:
					// 401
					if (anonymous()) {
						unauthenticated().commence(request, response, null);
						return;
					}
					if (denied instanceof CsrfException) {
						problem(request, response, 403, CsrfExemption.PROBLEM_SLUG, CsrfExemption.PROBLEM_TITLE,
								CsrfExemption.PROBLEM_DETAIL);
						return;
					}
					problem(request, response, 403, "forbidden", "Forbidden",
							"Only administrators manage LTI platforms and keys.");
				}))
			// a request without a signed-in session has no cookie to ride on (identity's
			// one rule for API chains); with one, the token is required
			.csrf((csrf) -> csrf.ignoringRequestMatchers(CsrfExemption.withoutSession()));
		headers(http, csp);
		return http.build();
	}

	@Bean
	@Order(SecurityChainOrder.LTI)
	SecurityFilterChain ltiSecurity(HttpSecurity http, LtiContentSecurityPolicy csp) throws Exception {
		http.securityMatcher("/lti/**", "/.well-known/jwks.json")
			.authorizeHttpRequests((requests) -> requests
				.requestMatchers("/.well-known/jwks.json", "/lti/login", "/lti/launch", "/lti/launch/confirm",
						"/lti/register", "/lti/continue")
				.permitAll()
				.requestMatchers("/lti/admin/**")
				.hasRole(AppRole.ADMIN.name())
				.anyRequest()
				.authenticated())
			.exceptionHandling((ex) -> ex.authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint("/login")))
			// The platform POSTs the login initiation and the id_token cross-site,
			// without any
			// token of ours: CSRF tokens cannot apply. What protects these endpoints is
			// the
			// OIDC state (bound to the browser by a cookie or by platform storage) and
			// the
			// single-use nonce inside the signed id_token (Security Framework §5.1.1.5,
			// LTI
			// Core §5.1.1.2); the confirm step carries a single-use secret instead. Every
			// other
			// form on /lti/** keeps CSRF protection.
			.csrf((csrf) -> csrf.ignoringRequestMatchers("/lti/login", "/lti/launch", "/lti/launch/confirm",
					"/lti/register"));
		headers(http, csp);
		return http.build();
	}

	private static void headers(HttpSecurity http, LtiContentSecurityPolicy csp) throws Exception {
		http.headers((headers) -> headers.frameOptions((frame) -> frame.disable())
			.addHeaderWriter(csp)
			.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN)));
	}

	private static boolean anonymous() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return authentication == null || authentication instanceof AnonymousAuthenticationToken
				|| !authentication.isAuthenticated();
	}

	private static AuthenticationEntryPoint unauthenticated() {
		return (request, response, ex) -> {
			response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\"");
			problem(request, response, 401, "unauthenticated", "Authentication required",
					"Sign in as an administrator, or send HTTP Basic credentials of one.");
		};
	}

	private static void problem(HttpServletRequest request, HttpServletResponse response, int status, String slug,
			String title, String detail) throws IOException {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", "https://capability-tracker.attc.nhs.uk/problems/" + slug);
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
