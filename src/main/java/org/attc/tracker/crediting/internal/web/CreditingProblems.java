package org.attc.tracker.crediting.internal.web;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.attc.tracker.crediting.internal.engine.UnknownMapping;
import org.attc.tracker.crediting.internal.mapping.InvalidMapping;
import org.attc.tracker.shared.FieldFault;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Problem JSON (RFC 9457) for the crediting API. */
@RestControllerAdvice(assignableTypes = { MappingApi.class, LearnerCreditApi.class, RecomputeApi.class })
class CreditingProblems {

	private static final String BASE = "https://capability-tracker.attc.nhs.uk/problems/";

	@ExceptionHandler(InvalidMapping.class)
	ProblemDetail invalidMapping(InvalidMapping ex) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-mapping", "The mapping is not valid",
				ex.getMessage());
		List<Map<String, String>> errors = ex.faults()
			.stream()
			.map((f) -> Map.of("field", f.field(), "message", f.message()))
			.toList();
		problem.setProperty("field", ex.faults().get(0).field());
		problem.setProperty("errors", errors);
		return problem;
	}

	@ExceptionHandler(IllegalArgumentException.class)
	ProblemDetail invalid(IllegalArgumentException ex) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-request", "The request is not valid",
				ex.getMessage());
		FieldFault.of(ex.getMessage()).ifPresent((fault) -> problem.setProperty("field", fault.field()));
		return problem;
	}

	@ExceptionHandler({ UnknownMapping.class, UnknownLearnerRecord.class })
	ProblemDetail unknown(RuntimeException ex) {
		return problem(HttpStatus.NOT_FOUND, "not-found", "Not found", ex.getMessage());
	}

	@ExceptionHandler({ IllegalStateException.class, ObjectOptimisticLockingFailureException.class })
	ProblemDetail conflict(RuntimeException ex) {
		return problem(HttpStatus.CONFLICT, "conflict", "The request conflicts with the current state",
				(ex instanceof ObjectOptimisticLockingFailureException) ? "changed by someone else meanwhile; reload"
						: ex.getMessage());
	}

	private static ProblemDetail problem(HttpStatus status, String slug, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create(BASE + slug));
		problem.setTitle(title);
		return problem;
	}

}
