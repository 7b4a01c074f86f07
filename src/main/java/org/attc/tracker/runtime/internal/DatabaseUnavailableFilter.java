package org.attc.tracker.runtime.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers 503 Service Unavailable, with {@code Retry-After}, when the database cannot be
 * reached: at once while the database is known to be down ({@link DatabaseOutage}),
 * rather than after the pool's connection timeout, and for any request that failed on a
 * lost or unobtainable connection, rather than a 500. Nothing was acknowledged in either
 * case: a write whose connection broke before its commit returned was not committed, or
 * its outcome is unknown to the client, which retries. APIs get problem JSON (RFC 9457),
 * browsers a short page. Runs before security, whose account lookups need the database
 * too; the actuator is left alone, so probes report the state themselves.
 */
@Component
class DatabaseUnavailableFilter extends OncePerRequestFilter implements Ordered {

	private static final Log log = LogFactory.getLog(DatabaseUnavailableFilter.class);

	static final String PROBLEM_TYPE = "https://capability-tracker.attc.nhs.uk/problems/database-unavailable";

	static final int RETRY_AFTER_SECONDS = 5;

	private static final JsonMapper json = JsonMapper.builder().build();

	private final DatabaseOutage outage;

	private final ObjectProvider<EmbeddedMariaDb> embedded;

	/**
	 * The embedded server once looked up (or empty without one): a bean lookup on every
	 * request cost more than the check itself.
	 */
	private volatile java.util.Optional<EmbeddedMariaDb> server;

	DatabaseUnavailableFilter(DatabaseOutage outage, ObjectProvider<EmbeddedMariaDb> embedded) {
		this.outage = outage;
		this.embedded = embedded;
	}

	@Override
	public int getOrder() {
		// after character encoding, before sessions (Spring Session) and security
		return Ordered.HIGHEST_PRECEDENCE + 10;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return request.getRequestURI().startsWith(request.getContextPath() + "/actuator");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (this.outage.isOngoing() || embeddedServerDied()) {
			refuse(request, response);
			return;
		}
		try {
			chain.doFilter(request, response);
		}
		catch (ServletException | RuntimeException ex) {
			if (!lostDatabase(ex) || response.isCommitted()) {
				throw ex;
			}
			log.warn("Request " + request.getMethod() + " " + request.getRequestURI()
					+ " failed for want of a database connection: " + ex.getMessage());
			response.reset();
			refuse(request, response);
		}
	}

	/**
	 * The supervisor looks every 250 ms; a request arriving in between would otherwise
	 * wait for the pool's connection timeout. Asking the process handle costs
	 * microseconds.
	 */
	private boolean embeddedServerDied() {
		java.util.Optional<EmbeddedMariaDb> known = this.server;
		if (known == null) {
			known = java.util.Optional.ofNullable(this.embedded.getIfAvailable());
			this.server = known;
		}
		return known.isPresent() && !known.get().isRunning();
	}

	/** Whether the failure is a database connection that could not be had or broke. */
	static boolean lostDatabase(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof CannotCreateTransactionException || cause instanceof DataAccessResourceFailureException
					|| cause instanceof SQLTransientConnectionException
					|| cause instanceof SQLNonTransientConnectionException) {
				return true;
			}
			// SQLSTATE class 08: connection exception
			if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
				return true;
			}
		}
		return false;
	}

	private static void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
		response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
		response.setHeader(HttpHeaders.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS));
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		if (wantsPage(request)) {
			response.setContentType(MediaType.TEXT_HTML_VALUE);
			response.getWriter()
				.write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Temporarily unavailable"
						+ "</title></head><body><main><h1>Temporarily unavailable</h1><p>The Capability Tracker "
						+ "cannot reach its database just now. Nothing you sent in this request was saved. Please "
						+ "try again in a few seconds.</p></main></body></html>");
			return;
		}
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", PROBLEM_TYPE);
		problem.put("title", "Service unavailable");
		problem.put("status", 503);
		problem.put("detail", "The database cannot be reached just now; nothing in this request was stored. "
				+ "Try again after " + RETRY_AFTER_SECONDS + " seconds.");
		problem.put("instance", request.getRequestURI());
		response.getWriter().write(json.writeValueAsString(problem));
	}

	private static boolean wantsPage(HttpServletRequest request) {
		String accept = request.getHeader(HttpHeaders.ACCEPT);
		return accept != null && accept.contains(MediaType.TEXT_HTML_VALUE)
				&& !request.getRequestURI().contains("/api/") && !request.getRequestURI().contains("/xapi/");
	}

}
