package org.attc.tracker.progress.internal.web;

import java.net.URI;

import org.attc.tracker.progress.internal.UnknownLearnerRecord;
import org.attc.tracker.progress.internal.UnknownOrganisation;
import org.attc.tracker.shared.FieldFault;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Problem JSON (RFC 9457) for the progress API. */
@RestControllerAdvice(assignableTypes = ProgressApi.class)
class ProgressProblems {

	private static final String BASE = "https://capability-tracker.attc.nhs.uk/problems/";

	@ExceptionHandler(IllegalArgumentException.class)
	ProblemDetail invalid(IllegalArgumentException ex) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-request", "The request is not valid",
				ex.getMessage());
		FieldFault.of(ex.getMessage()).ifPresent((fault) -> problem.setProperty("field", fault.field()));
		return problem;
	}

	@ExceptionHandler(UnknownLearnerRecord.class)
	ProblemDetail unknownLearner(UnknownLearnerRecord ex) {
		return problem(HttpStatus.NOT_FOUND, "not-found", "Not found", ex.getMessage());
	}

	@ExceptionHandler(UnknownOrganisation.class)
	ProblemDetail unknownOrganisation(UnknownOrganisation ex) {
		ProblemDetail problem = problem(HttpStatus.NOT_FOUND, "unknown-organisation", "Unknown organisation",
				ex.getMessage());
		problem.setProperty("field", "organisation");
		return problem;
	}

	@ExceptionHandler(ProgressApi.NotALearner.class)
	ProblemDetail notALearner(ProgressApi.NotALearner ex) {
		return problem(HttpStatus.NOT_FOUND, "not-a-learner", "No learner record of your own", ex.getMessage());
	}

	private static ProblemDetail problem(HttpStatus status, String slug, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create(BASE + slug));
		problem.setTitle(title);
		return problem;
	}

}
