package org.attc.tracker.identity.internal.learner;

import java.net.URI;

import org.attc.tracker.shared.FieldFault;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Problem JSON (RFC 9457) for the learner and organisation API. */
@RestControllerAdvice(assignableTypes = { LearnerApi.class, PlacementRuleApi.class })
class LearnerApiProblems {

	private static final String BASE = "https://capability-tracker.attc.nhs.uk/problems/";

	@ExceptionHandler(UnknownLearner.class)
	ProblemDetail unknown(UnknownLearner ex) {
		return problem(HttpStatus.NOT_FOUND, "unknown-learner", "No such learner", ex.getMessage(), null);
	}

	@ExceptionHandler(UnknownPlacementRule.class)
	ProblemDetail unknownRule(UnknownPlacementRule ex) {
		return problem(HttpStatus.NOT_FOUND, "unknown-organisation-rule", "No such organisation rule", ex.getMessage(),
				null);
	}

	@ExceptionHandler(InvalidLearnerFile.class)
	ProblemDetail invalidFile(InvalidLearnerFile ex) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-learner-file", "The file has problems",
				ex.getMessage(), null);
		problem.setProperty("errors",
				ex.problems()
					.stream()
					.map((p) -> java.util.Map.of("line", p.line(), "field", p.field(), "message", p.message()))
					.toList());
		return problem;
	}

	@ExceptionHandler(IllegalArgumentException.class)
	ProblemDetail invalid(IllegalArgumentException ex) {
		String message = ex.getMessage();
		String field = FieldFault.of(message).map(FieldFault::field).orElse(null);
		return problem(HttpStatus.BAD_REQUEST, "invalid-request", "The request is not valid", message, field);
	}

	@ExceptionHandler(IllegalStateException.class)
	ProblemDetail conflict(IllegalStateException ex) {
		return problem(HttpStatus.CONFLICT, "conflict", "The request conflicts with the current state", ex.getMessage(),
				null);
	}

	private static ProblemDetail problem(HttpStatus status, String slug, String title, String detail, String field) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create(BASE + slug));
		problem.setTitle(title);
		if (field != null) {
			problem.setProperty("field", field);
		}
		return problem;
	}

}
