package org.attc.tracker.identity;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.ApplicationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.SecurityFilterChain;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Security gives a request to the first chain that matches it, so a narrower path
 * must be ordered before a chain whose paths contain it ({@link SecurityChainOrder}).
 * Asked of the running service: for a path of each surface, the chain that takes it is
 * that surface's own, not one ordered before it with a wider matcher.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SecurityChainOrderTests {

	@Autowired
	ApplicationContext context;

	@Autowired
	Map<String, SecurityFilterChain> chainsByBeanName;

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource({ "/xapi/statements, xapiFilterChain", "/xapi/about, xapiFilterChain",
			"/ims/case/v1p1/CFDocuments, caseReadSecurity", "/api/lti/platforms, ltiApiSecurity",
			"/api/lti/courses/4/members, ltiApiSecurity", "/api/lrs-clients, lrsClientAdminFilterChain",
			"/api/lrs-clients/7, lrsClientAdminFilterChain", "/lti/launch, ltiSecurity",
			"/lti/admin/platforms, ltiSecurity", "/.well-known/jwks.json, ltiSecurity", "/api/learners, apiSecurity",
			"/api/frameworks/1, apiSecurity", "/v3/api-docs, apiDocumentationSecurity",
			"/actuator/health, operationsSecurity", "/actuator/prometheus, operationsSecurity",
			"/verify/some-token, trainingRecordVerification", "/notifications/opt-out, notificationOptOutSecurity",
			"/login, pageSecurity", "/learners/12, pageSecurity", "/, pageSecurity" })
	void aPathIsTakenByItsOwnSurfacesChain(String path, String chain) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
		assertThat(this.chainsByBeanName).containsKey(chain);
		SecurityFilterChain first = firstMatching(request);
		assertThat(beanName(first)).isEqualTo(chain);
	}

	@Test
	void noTwoChainsShareAnOrder() throws IllegalAccessException {
		List<Field> constants = Arrays.stream(SecurityChainOrder.class.getDeclaredFields())
			.filter((field) -> Modifier.isStatic(field.getModifiers()) && field.getType() == int.class)
			.toList();
		assertThat(constants).hasSize(this.chainsByBeanName.size());
		int[] values = new int[constants.size()];
		for (int i = 0; i < values.length; i++) {
			values[i] = constants.get(i).getInt(null);
		}
		assertThat(values).doesNotHaveDuplicates();
	}

	private SecurityFilterChain firstMatching(HttpServletRequest request) {
		FilterChainProxy proxy = this.context.getBean(FilterChainProxy.class);
		return proxy.getFilterChains()
			.stream()
			.filter((chain) -> chain.matches(request))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no chain matches " + request.getRequestURI()));
	}

	private String beanName(SecurityFilterChain chain) {
		return this.chainsByBeanName.entrySet()
			.stream()
			.filter((entry) -> entry.getValue() == chain)
			.map(Map.Entry::getKey)
			.findFirst()
			.orElse("(a chain that is no bean: " + chain + ")");
	}

}
