package org.attc.tracker.progress.internal.record;

import org.attc.tracker.identity.SecurityChainOrder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The verification page is public: whoever holds a training record (a new employer)
 * checks it without an account. It reads only, so no session and no CSRF.
 */
@Configuration(proxyBeanMethods = false)
class TrainingRecordSecurity {

	@Bean
	@Order(SecurityChainOrder.TRAINING_RECORD_VERIFICATION)
	SecurityFilterChain trainingRecordVerification(HttpSecurity http) throws Exception {
		http.securityMatcher("/verify/**")
			.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.csrf((csrf) -> csrf.disable())
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(
					"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self' data:; "
							+ "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"))
				// the token is in the path: do not pass it on to other sites
				.referrerPolicy((referrer) -> referrer.policy(
						org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)));
		return http.build();
	}

}
