package org.attc.tracker.framework.internal.web;

import org.attc.tracker.framework.FrameworkProperties;
import org.attc.tracker.framework.internal.format.CasePackageFormat;
import org.attc.tracker.identity.AppRole;
import org.attc.tracker.identity.SecurityChainOrder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may read the CASE endpoints: by default an authenticated coordinator or
 * administrator (HTTP Basic or the session), like the rest of the API; with
 * {@code app.framework.case-public-read=true}, anyone, since CASE consumers commonly read
 * published frameworks openly. Only published frameworks are served either way; the
 * surface is read-only.
 */
@Configuration(proxyBeanMethods = false)
class CaseSecurity {

	@Bean
	@Order(SecurityChainOrder.CASE)
	SecurityFilterChain caseReadSecurity(HttpSecurity http, FrameworkProperties properties) throws Exception {
		http.securityMatcher(CasePackageFormat.REST_BASE + "/**").authorizeHttpRequests((requests) -> {
			if (properties.casePublicRead()) {
				requests.requestMatchers(HttpMethod.GET).permitAll();
			}
			else {
				requests.requestMatchers(HttpMethod.GET)
					.hasAnyRole(AppRole.COORDINATOR.name(), AppRole.PROGRAMME.name(), AppRole.ADMIN.name());
			}
			requests.anyRequest().denyAll();
		})
			.httpBasic((basic) -> basic.realmName("Capability Tracker")
				.authenticationEntryPoint((request, response, ex) -> {
					response.setHeader("WWW-Authenticate", "Basic realm=\"Capability Tracker\"");
					CaseStatus.write(response, 401, "unauthorisedrequest", "Authentication required.");
				}))
			.exceptionHandling((ex) -> ex.authenticationEntryPoint((request, response, e) -> {
				response.setHeader("WWW-Authenticate", "Basic realm=\"Capability Tracker\"");
				CaseStatus.write(response, 401, "unauthorisedrequest", "Authentication required.");
			})
				.accessDeniedHandler((request, response, e) -> CaseStatus.write(response, 403, "forbidden",
						"This account may not read CASE frameworks.")))
			// read-only: nothing here changes state, so there is nothing for CSRF to
			// protect
			.csrf((csrf) -> csrf.disable());
		return http.build();
	}

}
