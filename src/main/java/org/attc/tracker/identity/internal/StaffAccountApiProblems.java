package org.attc.tracker.identity.internal;

import java.net.URI;
import java.util.Map;

import org.attc.tracker.shared.FieldFault;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Problem JSON (RFC 9457) for the staff account API, naming the field at fault. */
@RestControllerAdvice(assignableTypes = StaffAccountApi.class)
class StaffAccountApiProblems {

	private static final String BASE = "https://capability-tracker.attc.nhs.uk/problems/";

	@ExceptionHandler(UnknownAccount.class)
	ProblemDetail unknown(UnknownAccount ex) {
		return problem(HttpStatus.NOT_FOUND, "unknown-account", "No such account", ex.getMessage());
	}

	@ExceptionHandler(AccountConflict.class)
	ProblemDetail conflict(AccountConflict ex) {
		return problem(HttpStatus.CONFLICT, "account-conflict", "The change conflicts with the accounts as they are",
				ex.getMessage());
	}

	@ExceptionHandler(IllegalArgumentException.class)
	ProblemDetail invalid(IllegalArgumentException ex) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-account", "The account is not valid",
				ex.getMessage());
		if (ex instanceof InvalidAccount invalid) {
			// every fault, not only the first, each with its field
			problem.setProperty("errors",
					invalid.faults()
						.stream()
						.map((fault) -> Map.of("field", fault.field(), "detail", fault.message()))
						.toList());
		}
		return problem;
	}

	@ExceptionHandler(HttpMessageNotReadableException.class)
	ProblemDetail unreadable(HttpMessageNotReadableException ex) {
		// the parser's text can echo internals: say what is expected instead
		return problem(HttpStatus.BAD_REQUEST, "invalid-account", "The account is not valid",
				"body: a JSON object with username, displayName, email, roles (list), organisations (list) "
						+ "and learnerId (number) is expected");
	}

	private static ProblemDetail problem(HttpStatus status, String slug, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create(BASE + slug));
		problem.setTitle(title);
		FieldFault.of(detail).ifPresent((fault) -> problem.setProperty("field", fault.field()));
		return problem;
	}

}
