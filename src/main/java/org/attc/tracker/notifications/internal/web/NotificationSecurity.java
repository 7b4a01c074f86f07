package org.attc.tracker.notifications.internal.web;

import org.attc.tracker.identity.SecurityChainOrder;
import org.attc.tracker.notifications.internal.OptOutLinks;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * The opt-out link works without signing in: the signed token in it is the proof (it can
 * opt out one recipient of one kind, nothing else), so this path needs no session and no
 * CSRF token. Mail clients' one-click opt-out (RFC 8058) posts to it from outside.
 */
@Configuration(proxyBeanMethods = false)
class NotificationSecurity {

	@Bean
	@Order(SecurityChainOrder.NOTIFICATION_OPT_OUT)
	SecurityFilterChain notificationOptOutSecurity(HttpSecurity http) throws Exception {
		http.securityMatcher(OptOutLinks.PATH)
			.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.csrf((csrf) -> csrf.disable())
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(
					"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self' data:; "
							+ "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"))
				// the token is in the address: do not pass it on to other sites
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.NO_REFERRER)));
		return http.build();
	}

}
