package org.attc.tracker.xapi.internal.protocol;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.attc.tracker.identity.CsrfExemption;
import org.attc.tracker.identity.SignInThrottle;
import org.attc.tracker.xapi.internal.clients.LrsClient;
import org.attc.tracker.xapi.internal.clients.LrsClients;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;

/**
 * Security of the LRS surface {@code /xapi/**}: HTTP Basic with LRS client credentials
 * (xAPI 1.0.3 Communication §4: "Basic authentication"), stateless, no CSRF (no cookies
 * are used); {@code /xapi/about} is public (Communication §2.8). Scopes are checked per
 * resource by the endpoints, all against one table ({@code clients.ScopeRules}). The
 * admin API {@code /api/lrs-clients} needs the ADMIN role.
 */
@Configuration(proxyBeanMethods = false)
class XapiSecurity {

	static final String REALM = "LRS";

	@Bean
	@Order(org.attc.tracker.identity.SecurityChainOrder.XAPI)
	SecurityFilterChain xapiFilterChain(HttpSecurity http, LrsClients clients, SignInThrottle throttle)
			throws Exception {
		AuthenticationProvider provider = new AuthenticationProvider() {
			@Override
			public Authentication authenticate(Authentication authentication) {
				String key = authentication.getName();
				String secret = String.valueOf(authentication.getCredentials());
				// brute-force protection: a locked key or address is refused before the
				// secret is checked, and every wrong secret counts
				String address = SignInThrottle.currentAddress();
				if (throttle.lockedUntil(SignInThrottle.Kind.LRS_CLIENT, key, address).isPresent()) {
					throw new LockedException("too many failed sign-ins");
				}
				LrsClient client = clients.authenticate(key, secret).orElseThrow(() -> {
					throttle.failed(SignInThrottle.Kind.LRS_CLIENT, key, address);
					return new BadCredentialsException("unknown LRS client or wrong secret");
				});
				return UsernamePasswordAuthenticationToken.authenticated(client, null,
						AuthorityUtils.createAuthorityList("ROLE_LRS_CLIENT"));
			}

			@Override
			public boolean supports(Class<?> authentication) {
				return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
			}
		};
		AuthenticationEntryPoint unauthenticated = (request, response, ex) -> {
			if (throttled(request, response, ex)) {
				return;
			}
			response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\"");
			write(request, response, 401, "unauthenticated", "Authentication required",
					"Send HTTP Basic credentials of an LRS client.");
		};
		AccessDeniedHandler forbidden = (request, response, ex) -> write(request, response, 403, "forbidden",
				"Forbidden", "This LRS client's scopes do not allow this request.");
		http.securityMatcher("/xapi/**")
			.authenticationManager(new ProviderManager(List.of(provider)))
			.authorizeHttpRequests((requests) -> requests.requestMatchers(HttpMethod.OPTIONS, "/xapi/**")
				.permitAll()
				.requestMatchers("/xapi/about")
				.permitAll()
				.anyRequest()
				.authenticated())
			.httpBasic((basic) -> basic.realmName(REALM).authenticationEntryPoint(unauthenticated))
			.exceptionHandling((ex) -> ex.authenticationEntryPoint(unauthenticated).accessDeniedHandler(forbidden))
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf((csrf) -> csrf.disable())
			.requestCache((cache) -> cache.disable())
			.headers((headers) -> headers.frameOptions((frame) -> frame.disable()));
		return http.build();
	}

	@Bean
	@Order(org.attc.tracker.identity.SecurityChainOrder.LRS_CLIENT_API)
	SecurityFilterChain lrsClientAdminFilterChain(HttpSecurity http) throws Exception {
		AuthenticationEntryPoint unauthenticated = (request, response, ex) -> {
			if (throttled(request, response, ex)) {
				return;
			}
			response.setHeader("WWW-Authenticate", "Basic realm=\"Capability Tracker\"");
			write(request, response, 401, "unauthenticated", "Authentication required",
					"Sign in, or send HTTP Basic credentials of an account.");
		};
		http.securityMatcher("/api/lrs-clients", "/api/lrs-clients/**")
			.authorizeHttpRequests((requests) -> requests.anyRequest().hasRole("ADMIN"))
			.httpBasic((basic) -> basic.realmName("Capability Tracker").authenticationEntryPoint(unauthenticated))
			.exceptionHandling((ex) -> ex.authenticationEntryPoint(unauthenticated)
				.accessDeniedHandler((request, response, denied) -> {
					if (denied instanceof CsrfException) {
						write(request, response, 403, CsrfExemption.PROBLEM_SLUG, CsrfExemption.PROBLEM_TITLE,
								CsrfExemption.PROBLEM_DETAIL);
						return;
					}
					write(request, response, 403, "forbidden", "Forbidden",
							"Managing LRS clients needs the ADMIN role.");
				}))
			// CSRF guards the admin page's calls on a signed-in session cookie (the
			// identity module's one rule for API chains)
			.csrf((csrf) -> csrf.ignoringRequestMatchers(CsrfExemption.withoutSession()));
		return http.build();
	}

	/**
	 * RFC 6585 §4: 429 with {@code Retry-After} when the sign-in was refused by the
	 * {@link SignInThrottle}.
	 */
	private static boolean throttled(HttpServletRequest request, HttpServletResponse response,
			org.springframework.security.core.AuthenticationException ex) throws IOException {
		Object seconds = request.getAttribute(SignInThrottle.RETRY_AFTER);
		if (!(ex instanceof LockedException) || seconds == null) {
			return false;
		}
		response.setHeader("Retry-After", String.valueOf(seconds));
		write(request, response, 429, "too-many-sign-in-failures", "Too many failed sign-ins",
				"Too many failed sign-ins for this client or from this address: try again in " + seconds
						+ " seconds, or ask an administrator to clear the lock.");
		return true;
	}

	static void write(HttpServletRequest request, HttpServletResponse response, int status, String slug, String title,
			String detail) throws IOException {
		XapiProblems.write(request, response, status, slug, title, detail, null);
	}

}
