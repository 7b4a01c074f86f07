package org.attc.tracker.xapi.internal.protocol;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.attc.tracker.xapi.internal.XapiJson;
import org.attc.tracker.xapi.internal.clients.ScopeRefused;
import org.attc.tracker.xapi.internal.statements.StatementConflict;
import org.attc.tracker.xapi.internal.validation.InvalidStatement;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;

/**
 * The xAPI surface's errors as RFC 9457 problem JSON with the status codes of xAPI 1.0.3
 * Communication §2 and §3 (400 bad request, 403 scope, 404, 409 conflict, 413 too large).
 * A {@code path} member names the JSON path of the first fault.
 */
@RestControllerAdvice(annotations = XapiResource.class)
public class XapiProblems {

	public static final String TYPE = "https://capability-tracker.attc.nhs.uk/problems/";

	/** A request the xAPI rules refuse outright. */
	public static class XapiRequestRefused extends RuntimeException {

		final int status;

		final String slug;

		final String field;

		public XapiRequestRefused(int status, String slug, String field, String message) {
			super(message);
			this.status = status;
			this.slug = slug;
			this.field = field;
		}

		public static XapiRequestRefused badRequest(String field, String message) {
			return new XapiRequestRefused(400, "xapi-bad-request", field, message);
		}

		/** the HTTP status of the answer */
		public int status() {
			return this.status;
		}

		/** the parameter, header or JSON path at fault, or {@code null} */
		public String field() {
			return this.field;
		}

	}

	@ExceptionHandler(InvalidStatement.class)
	ResponseEntity<Map<String, Object>> invalid(InvalidStatement ex, HttpServletRequest request) {
		return problem(request, 400, "invalid-statement", "Invalid statement", ex.getMessage(), ex.path());
	}

	@ExceptionHandler(StatementConflict.class)
	ResponseEntity<Map<String, Object>> conflict(StatementConflict ex, HttpServletRequest request) {
		return problem(request, 409, "statement-conflict", "Statement conflict", ex.getMessage(), ex.path());
	}

	@ExceptionHandler(ScopeRefused.class)
	ResponseEntity<Map<String, Object>> forbidden(ScopeRefused ex, HttpServletRequest request) {
		return problem(request, 403, "forbidden", title(403), ex.getMessage(), null);
	}

	@ExceptionHandler(XapiRequestRefused.class)
	ResponseEntity<Map<String, Object>> refused(XapiRequestRefused ex, HttpServletRequest request) {
		return problem(request, ex.status, ex.slug, title(ex.status), ex.getMessage(), ex.field);
	}

	@ExceptionHandler(JacksonException.class)
	ResponseEntity<Map<String, Object>> malformed(JacksonException ex, HttpServletRequest request) {
		TokenStreamLocation location = ex.getLocation();
		String where = (location != null) ? " at line " + location.getLineNr() + ", column " + location.getColumnNr()
				: "";
		return problem(request, 400, "malformed-json", "Malformed JSON",
				"The body is not well-formed JSON" + where + ": " + ex.getOriginalMessage(), "$");
	}

	private static String title(int status) {
		return switch (status) {
			case 403 -> "Forbidden";
			case 404 -> "Not found";
			case 405 -> "Method not allowed";
			case 409 -> "Conflict";
			case 412 -> "Precondition failed";
			case 413 -> "Payload too large";
			case 415 -> "Unsupported media type";
			default -> "Bad request";
		};
	}

	private static ResponseEntity<Map<String, Object>> problem(HttpServletRequest request, int status, String slug,
			String title, String detail, String path) {
		return ResponseEntity.status(status)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(body(request, status, slug, title, detail, path));
	}

	private static Map<String, Object> body(HttpServletRequest request, int status, String slug, String title,
			String detail, String path) {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", TYPE + slug);
		problem.put("title", title);
		problem.put("status", status);
		problem.put("detail", detail);
		problem.put("instance", request.getRequestURI());
		if (path != null) {
			problem.put("path", path);
		}
		return problem;
	}

	/** For filters, which answer before any controller runs. */
	static void write(HttpServletRequest request, HttpServletResponse response, int status, String slug, String title,
			String detail, String path) throws IOException {
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		XapiJson.MAPPER.writeValue(response.getOutputStream(), body(request, status, slug, title, detail, path));
	}

}
