package org.attc.tracker.runtime.internal;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import jakarta.servlet.ServletException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.transaction.CannotCreateTransactionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseUnavailableFilterTests {

	private final DatabaseOutage outage = new DatabaseOutage();

	private final DatabaseUnavailableFilter filter = new DatabaseUnavailableFilter(this.outage,
			new org.springframework.beans.factory.support.StaticListableBeanFactory()
				.getBeanProvider(EmbeddedMariaDb.class));

	@Test
	void whileTheDatabaseIsKnownDownRequestsGet503ProblemJsonWithoutReachingTheApplication() throws Exception {
		this.outage.begin();
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain();
		this.filter.doFilter(new MockHttpServletRequest("POST", "/xapi/statements"), response, chain);
		assertThat(chain.getRequest()).as("the application was not called").isNull();
		assertThat(response.getStatus()).isEqualTo(503);
		assertThat(response.getHeader("Retry-After")).isEqualTo("5");
		assertThat(response.getContentType()).startsWith("application/problem+json");
		assertThat(response.getContentAsString()).contains(DatabaseUnavailableFilter.PROBLEM_TYPE)
			.contains("\"instance\":\"/xapi/statements\"");
	}

	@Test
	void browsersGetAPageAndProbesAreLeftAlone() throws Exception {
		this.outage.begin();
		MockHttpServletRequest page = new MockHttpServletRequest("GET", "/progress");
		page.addHeader("Accept", "text/html,application/xhtml+xml");
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.filter.doFilter(page, response, new MockFilterChain());
		assertThat(response.getStatus()).isEqualTo(503);
		assertThat(response.getContentType()).startsWith("text/html");
		assertThat(response.getContentAsString()).contains("Temporarily unavailable");

		MockFilterChain chain = new MockFilterChain();
		this.filter.doFilter(new MockHttpServletRequest("GET", "/actuator/health/readiness"),
				new MockHttpServletResponse(), chain);
		assertThat(chain.getRequest()).as("the probe reached the actuator").isNotNull();
	}

	@Test
	void aRequestThatCouldNotGetAConnectionGets503Not500() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.filter.doFilter(new MockHttpServletRequest("POST", "/xapi/statements"), response, (req, res) -> {
			throw new ServletException("Request processing failed", new CannotCreateTransactionException(
					"Could not open JPA EntityManager", new SQLTransientConnectionException("request timed out")));
		});
		assertThat(response.getStatus()).isEqualTo(503);
		assertThat(DatabaseUnavailableFilter.lostDatabase(new SQLException("Connection reset", "08S01"))).isTrue();
	}

	@Test
	void otherFailuresPassThrough() {
		assertThatThrownBy(() -> this.filter.doFilter(new MockHttpServletRequest("POST", "/api/mappings"),
				new MockHttpServletResponse(), (req, res) -> {
					throw new DataIntegrityViolationException("duplicate");
				}))
			.isInstanceOf(DataIntegrityViolationException.class);
	}

}
