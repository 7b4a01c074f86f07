package org.attc.tracker.xapi.internal.protocol;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.attc.tracker.xapi.internal.validation.Timestamps;
import org.attc.tracker.xapi.internal.validation.XapiVersion;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Protocol rules every {@code /xapi} request passes before security and controllers:
 * <ul>
 * <li>CORS for browser-hosted content (xAPI 1.0.3 Communication §1.3 and §2.4 note on
 * cross-origin requests): preflights are answered here;</li>
 * <li>the 1.0.3 alternate request syntax (Communication §1.3, "Alternate Request
 * Syntax"): {@code POST ?method=PUT} with headers and content in a form body, unwrapped
 * into the request it stands for (removed in xAPI 2.0);</li>
 * <li>the version header (Communication §3.3): required except on {@code /xapi/about} (a
 * request without it is refused after authentication, by {@link SpokenVersionFilter}),
 * answered on every response;</li>
 * <li>{@code X-Experience-API-Consistent-Through} on every Statement resource response
 * (Communication §2.1.3).</li>
 * </ul>
 */
class XapiProtocolFilter extends OncePerRequestFilter {

	static final String VERSION_ATTRIBUTE = XapiVersion.class.getName();

	static final String VERSION_HEADER = "X-Experience-API-Version";

	/**
	 * Set (to the problem's detail) on a request without a served version: it is refused
	 * with 400 once authenticated, by {@link SpokenVersionFilter}.
	 */
	static final String UNVERSIONED_ATTRIBUTE = XapiProtocolFilter.class.getName() + ".unversioned";

	/** Set when the request declared its version (not defaulted, as for /about). */
	static final String DECLARED_ATTRIBUTE = XapiProtocolFilter.class.getName() + ".declared";

	private static final Set<String> CONTENT_HEADERS = Set.of("content-type", "content-length");

	private static final Set<String> FORM_HEADERS = Set.of("authorization", "x-experience-api-version", "content-type",
			"content-length", "if-match", "if-none-match");

	private final Supplier<Instant> consistentThrough;

	XapiProtocolFilter(Supplier<Instant> consistentThrough) {
		this.consistentThrough = consistentThrough;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String statements = request.getContextPath() + "/xapi/statements";
		if (request.getRequestURI().equals(statements) || request.getRequestURI().startsWith(statements + "/")) {
			// Communication §2.1.3 (XAPI-00153): on every Statement resource answer,
			// whatever
			// its status; taken before anything is read, so it never claims a statement
			// the
			// answer missed
			response.setHeader("X-Experience-API-Consistent-Through", Timestamps.format(this.consistentThrough.get()));
		}
		String origin = request.getHeader("Origin");
		if (origin != null) {
			response.setHeader("Access-Control-Allow-Origin", origin);
			response.setHeader("Vary", "Origin");
			response.setHeader("Access-Control-Expose-Headers",
					"X-Experience-API-Version, X-Experience-API-Consistent-Through, Last-Modified, ETag, Content-Type");
		}
		if ("OPTIONS".equals(request.getMethod())) {
			response.setHeader("Access-Control-Allow-Methods", "GET, HEAD, PUT, POST, DELETE, OPTIONS");
			response.setHeader("Access-Control-Allow-Headers",
					"Authorization, Content-Type, X-Experience-API-Version, If-Match, If-None-Match");
			response.setHeader("Access-Control-Max-Age", "3600");
			response.setHeader(VERSION_HEADER, XapiVersion.V1_0_3.header());
			response.setStatus(204);
			return;
		}
		HttpServletRequest effective = request;
		// the query string is checked first: asking for a parameter makes the container
		// read a form body, which for a document is content, not parameters
		if ("POST".equals(request.getMethod()) && request.getQueryString() != null
				&& request.getQueryString().contains("method=") && request.getParameter("method") != null) {
			effective = alternate(request, response);
			if (effective == null) {
				return;
			}
		}
		else if (isForm(request.getContentType())) {
			effective = new QueryStringParameters(request);
		}
		String header = effective.getHeader(VERSION_HEADER);
		XapiVersion version = XapiVersion.fromHeader(header);
		response.setHeader(VERSION_HEADER, ((version != null) ? version : XapiVersion.V1_0_3).header());
		boolean about = effective.getRequestURI().equals(effective.getContextPath() + "/xapi/about");
		if (version == null && !about) {
			// refused with 400 after authentication, so that the answer's version header
			// can be the one this client speaks (SpokenVersionFilter)
			effective.setAttribute(UNVERSIONED_ATTRIBUTE,
					(header == null) ? "The X-Experience-API-Version header is required."
							: "X-Experience-API-Version " + header + " is not served; use 1.0.3 or 2.0.0.");
		}
		else {
			effective.setAttribute(VERSION_ATTRIBUTE, (version != null) ? version : XapiVersion.V1_0_3);
			if (version != null) {
				effective.setAttribute(DECLARED_ATTRIBUTE, Boolean.TRUE);
			}
		}
		chain.doFilter(effective, response);
	}

	private HttpServletRequest alternate(HttpServletRequest request, HttpServletResponse response) throws IOException {
		String method = request.getParameter("method").toUpperCase(Locale.ROOT);
		String contentType = request.getContentType();
		if (contentType == null) {
			// Communication §1.3 (1.3.s3.b4): the request's content travels in the form;
			// no
			// form at all is a missing argument
			XapiProblems.write(request, response, 400, "xapi-alternate-syntax", "Bad request",
					"An alternate-syntax request carries a form (application/x-www-form-urlencoded).", "Content-Type");
			return null;
		}
		if (!contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
			XapiProblems.write(request, response, 415, "xapi-alternate-syntax", "Unsupported media type",
					"An alternate-syntax request is a form (application/x-www-form-urlencoded).", "Content-Type");
			return null;
		}
		if (!Set.of("GET", "PUT", "POST", "DELETE").contains(method)) {
			XapiProblems.write(request, response, 400, "xapi-alternate-syntax", "Bad request",
					"method must be GET, PUT, POST or DELETE.", "method");
			return null;
		}
		if (!request.getQueryString().equals("method=" + request.getParameter("method"))) {
			// Communication §1.3: no other query string parameters than method
			XapiProblems.write(request, response, 400, "xapi-alternate-syntax", "Bad request",
					"An alternate-syntax request carries only the method in its query string.", "method");
			return null;
		}
		Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		Map<String, String[]> parameters = new LinkedHashMap<>();
		String content = "";
		for (Map.Entry<String, String[]> entry : request.getParameterMap().entrySet()) {
			String name = entry.getKey();
			if (name.equals("method")) {
				continue;
			}
			if (name.equals("content")) {
				content = entry.getValue()[0];
			}
			else if (FORM_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
				headers.put(name, entry.getValue()[0]);
			}
			else {
				parameters.put(name, entry.getValue());
			}
		}
		XapiVersion version = XapiVersion
			.fromHeader(headers.getOrDefault(VERSION_HEADER, request.getHeader(VERSION_HEADER)));
		if (version == XapiVersion.V2_0_0) {
			XapiProblems.write(request, response, 400, "xapi-alternate-syntax", "Bad request",
					"The alternate request syntax was removed in xAPI 2.0.", "method");
			return null;
		}
		if (!headers.containsKey("Content-Type") && !content.isEmpty()) {
			headers.put("Content-Type", "application/json");
		}
		return new AlternateRequest(request, method, headers, parameters, content.getBytes(StandardCharsets.UTF_8));
	}

	private static boolean isForm(String contentType) {
		return contentType != null
				&& contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
	}

	/**
	 * Outside the alternate syntax, xAPI parameters travel only in the query string
	 * (Communication §2.2: a document may have any content type, a form included), so a
	 * form body is left unread for the endpoint to take as content.
	 */
	private static final class QueryStringParameters extends FixedParameters {

		QueryStringParameters(HttpServletRequest request) {
			super(request, parse(request.getQueryString()));
		}

		private static Map<String, String[]> parse(String query) {
			Map<String, String[]> parameters = new LinkedHashMap<>();
			if (query == null) {
				return parameters;
			}
			for (String pair : query.split("&")) {
				if (pair.isEmpty()) {
					continue;
				}
				int equals = pair.indexOf('=');
				String name = URLDecoder.decode((equals < 0) ? pair : pair.substring(0, equals),
						StandardCharsets.UTF_8);
				String value = (equals < 0) ? ""
						: URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
				String[] previous = parameters.get(name);
				String[] values = (previous != null) ? Arrays.copyOf(previous, previous.length + 1) : new String[1];
				values[values.length - 1] = value;
				parameters.put(name, values);
			}
			return parameters;
		}

	}

	/** A request whose parameters are given, not read by the container. */
	private abstract static class FixedParameters extends HttpServletRequestWrapper {

		private final Map<String, String[]> parameters;

		FixedParameters(HttpServletRequest request, Map<String, String[]> parameters) {
			super(request);
			this.parameters = parameters;
		}

		@Override
		public String getParameter(String name) {
			String[] values = this.parameters.get(name);
			return (values != null) ? values[0] : null;
		}

		@Override
		public Map<String, String[]> getParameterMap() {
			return Collections.unmodifiableMap(this.parameters);
		}

		@Override
		public Enumeration<String> getParameterNames() {
			return Collections.enumeration(this.parameters.keySet());
		}

		@Override
		public String[] getParameterValues(String name) {
			return this.parameters.get(name);
		}

	}

	/** The request an alternate-syntax form stands for. */
	private static final class AlternateRequest extends FixedParameters {

		private final String method;

		private final Map<String, String> headers;

		private final byte[] body;

		AlternateRequest(HttpServletRequest request, String method, Map<String, String> headers,
				Map<String, String[]> parameters, byte[] body) {
			super(request, parameters);
			this.method = method;
			this.headers = headers;
			this.body = body;
		}

		@Override
		public String getMethod() {
			return this.method;
		}

		@Override
		public String getHeader(String name) {
			if (this.headers.containsKey(name)) {
				return this.headers.get(name);
			}
			// Communication §1.3 (1.3.s3.b6): these headers MAY travel as form
			// parameters, so a real header still counts; Content-Type and
			// Content-Length of the request describe the form, not the content
			return CONTENT_HEADERS.contains(name.toLowerCase(Locale.ROOT)) ? null : super.getHeader(name);
		}

		@Override
		public Enumeration<String> getHeaders(String name) {
			String value = getHeader(name);
			return Collections.enumeration((value != null) ? List.of(value) : List.of());
		}

		@Override
		public Enumeration<String> getHeaderNames() {
			List<String> names = new java.util.ArrayList<>(this.headers.keySet());
			Collections.list(super.getHeaderNames())
				.stream()
				.filter((n) -> !CONTENT_HEADERS.contains(n.toLowerCase(Locale.ROOT)) && !this.headers.containsKey(n))
				.forEach(names::add);
			return Collections.enumeration(names);
		}

		@Override
		public String getContentType() {
			return this.headers.get("Content-Type");
		}

		@Override
		public int getContentLength() {
			return this.body.length;
		}

		@Override
		public long getContentLengthLong() {
			return this.body.length;
		}

		@Override
		public String getQueryString() {
			return null;
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream in = new ByteArrayInputStream(this.body);
			return new ServletInputStream() {
				@Override
				public int read() {
					return in.read();
				}

				@Override
				public int read(byte[] b, int off, int len) {
					return in.read(b, off, len);
				}

				@Override
				public boolean isFinished() {
					return in.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException();
				}
			};
		}

		@Override
		public BufferedReader getReader() {
			return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
		}

	}

}
