package org.attc.tracker.identity.internal;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.attc.tracker.identity.AppRole;
import org.attc.tracker.identity.CourseScopedPrincipal;
import org.attc.tracker.identity.CsrfExemption;
import org.attc.tracker.identity.IdentityProperties;
import org.attc.tracker.identity.LaunchFraming;
import org.attc.tracker.identity.SecurityChainOrder;
import org.attc.tracker.identity.SignInThrottle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Web security of the service. Three surfaces: the JSON API ({@code /api/**}, session or
 * HTTP Basic, problem JSON on 401/403), the operations endpoints ({@code /actuator/**}),
 * and the pages (form login, CSRF, redirects to the login page). Other modules add their
 * own chains for their protocols (xAPI, LTI) with a higher precedence.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class WebSecurity {

	static final String REALM = "Capability Tracker";

	/**
	 * No observation of Spring Security's filters and authorisation: turned off by
	 * property alone, the filter chain is still wrapped in no-op observations on every
	 * request (about 5 % of a single-statement request's CPU, issue #23). The HTTP
	 * request metrics stay.
	 */
	@Bean
	SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		// bcrypt by default, with the {id} prefix so the algorithm can change later
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	@Order(SecurityChainOrder.API)
	SecurityFilterChain apiSecurity(HttpSecurity http, IdentityProperties properties) throws Exception {
		http.securityMatcher("/api/**")
			.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
			.httpBasic(
					(basic) -> basic.realmName(REALM).authenticationEntryPoint(ProblemResponses.unauthenticated(REALM)))
			.exceptionHandling((ex) -> ex.authenticationEntryPoint(ProblemResponses.unauthenticated(REALM))
				.accessDeniedHandler(ProblemResponses.forbidden()))
			// CSRF: one rule for every API chain (CsrfExemption)
			.csrf((csrf) -> csrf.ignoringRequestMatchers(CsrfExemption.withoutSession()));
		headers(http, properties);
		return http.build();
	}

	/**
	 * The OpenAPI description: signed-in users only (session or HTTP Basic); anyone else
	 * gets 401 problem JSON. Swagger UI itself is a page (sign-in form).
	 */
	@Bean
	@Order(SecurityChainOrder.API_DOCUMENTATION)
	SecurityFilterChain apiDocumentationSecurity(HttpSecurity http, IdentityProperties properties) throws Exception {
		http.securityMatcher("/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml")
			.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
			.httpBasic(
					(basic) -> basic.realmName(REALM).authenticationEntryPoint(ProblemResponses.unauthenticated(REALM)))
			.exceptionHandling((ex) -> ex.authenticationEntryPoint(ProblemResponses.unauthenticated(REALM))
				.accessDeniedHandler(ProblemResponses.forbidden()))
			.csrf((csrf) -> csrf.disable());
		headers(http, properties);
		return http.build();
	}

	@Bean
	@Order(SecurityChainOrder.OPERATIONS)
	SecurityFilterChain operationsSecurity(HttpSecurity http, IdentityProperties properties) throws Exception {
		http.securityMatcher("/actuator/**")
			.authorizeHttpRequests((requests) -> requests.requestMatchers("/actuator/health", "/actuator/health/**")
				.permitAll()
				.anyRequest()
				.hasRole(AppRole.ADMIN.name()))
			.httpBasic(
					(basic) -> basic.realmName(REALM).authenticationEntryPoint(ProblemResponses.unauthenticated(REALM)))
			.exceptionHandling((ex) -> ex.authenticationEntryPoint(ProblemResponses.unauthenticated(REALM))
				.accessDeniedHandler(ProblemResponses.forbidden()))
			.csrf((csrf) -> csrf.disable());
		headers(http, properties);
		return http.build();
	}

	@Bean
	@Order(SecurityChainOrder.PAGES)
	SecurityFilterChain pageSecurity(HttpSecurity http, IdentityProperties properties,
			SingleSignOnProviders singleSignOn, SingleSignOnAccounts singleSignOnAccounts,
			SingleSignOnSessions singleSignOnSessions) throws Exception {
		http.authorizeHttpRequests((requests) -> requests
			.requestMatchers("/login", "/error", "/error/**", "/webjars/**", "/css/**", "/js/**", "/images/**",
					"/favicon.ico")
			.permitAll()
			.anyRequest()
			.authenticated())
			.formLogin((form) -> form.loginPage("/login").failureHandler(signInFailed()).permitAll())
			.logout((logout) -> logout.addLogoutHandler(singleSignOnSessions.rememberProviderSession())
				.addLogoutHandler((request, response, authentication) -> LaunchFraming.rememberForSignOut(request))
				.logoutSuccessHandler((request, response, authentication) -> {
					LaunchFraming.restoreAfterSignOut(request);
					singleSignOnSessions.signedOut(singleSignOn).onLogoutSuccess(request, response, authentication);
				})
				.permitAll());
		if (singleSignOn.enabled()) {
			// OpenID Connect sign-in (docs/identity.md "Single sign-on"): the
			// authorization
			// code flow with state, nonce and PKCE, the id_token verified by Spring
			// Security, then mapped to a local account or refused
			http.oauth2Login((login) -> login.loginPage("/login")
				.clientRegistrationRepository(singleSignOn)
				.authorizedClientRepository(SingleSignOnSessions.noAuthorizedClients())
				.userInfoEndpoint((userInfo) -> userInfo.oidcUserService(singleSignOnAccounts))
				.successHandler(singleSignOnSessions.success())
				.failureHandler(singleSignOnSessions.failure()))
				.addFilterBefore(singleSignOnSessions.availability(singleSignOn),
						OAuth2AuthorizationRequestRedirectFilter.class);
		}
		headers(http, properties, singleSignOn.issuerOrigins(), true);
		return http.build();
	}

	/**
	 * The login form's refusal: a sign-in locked by the {@link SignInThrottle} is told
	 * apart (with the wait) from a wrong password.
	 */
	private static AuthenticationFailureHandler signInFailed() {
		SimpleUrlAuthenticationFailureHandler wrongPassword = new SimpleUrlAuthenticationFailureHandler("/login?error");
		return (request, response, ex) -> {
			Object seconds = request.getAttribute(SignInThrottle.RETRY_AFTER);
			if (ex instanceof LockedException && seconds != null) {
				response.sendRedirect(request.getContextPath() + "/login?throttled=" + seconds);
				return;
			}
			wrongPassword.onAuthenticationFailure(request, response, ex);
		};
	}

	private static void headers(HttpSecurity http, IdentityProperties properties) throws Exception {
		headers(http, properties, List.of(), false);
	}

	/**
	 * @param launchFraming whether a session that began with an LTI launch may also be
	 * framed by that launch's platform ({@link LaunchFraming}): the pages, not the APIs
	 */
	private static void headers(HttpSecurity http, IdentityProperties properties, List<String> formTargets,
			boolean launchFraming) throws Exception {
		String formAction = String.join(" ", Stream.concat(Stream.of("'self'"), formTargets.stream()).toList());
		String policy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
				+ "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action "
				+ formAction + "; frame-ancestors ";
		HeaderWriter csp = (request, response) -> {
			if (response.containsHeader("Content-Security-Policy")) {
				return;
			}
			Set<String> ancestors = new LinkedHashSet<>(properties.frameAncestors());
			// a launched session (or, after its sign-out, nobody yet): its platform may
			// frame it; someone signed in with a local account is back to the configured
			// ancestors
			if (launchFraming && (!CsrfExemption.signedInSession()
					|| CourseScopedPrincipal.of(SecurityContextHolder.getContext().getAuthentication()).isPresent())) {
				ancestors.addAll(LaunchFraming.of(request));
			}
			response.setHeader("Content-Security-Policy", policy + String.join(" ", ancestors));
		};
		http.headers((headers) -> headers
			// LMSs embed the tool: CSP frame-ancestors says which may, so X-Frame-Options
			// (which cannot list origins) is left out
			.frameOptions((frame) -> frame.disable())
			.addHeaderWriter(csp)
			.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN)));
	}

}
