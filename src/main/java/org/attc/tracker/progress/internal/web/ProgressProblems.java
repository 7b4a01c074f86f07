package org.attc.tracker.progress.internal.web;

import java.net.URI;

import org.attc.tracker.progress.internal.UnknownLearnerRecord;
import org.attc.tracker.progress.internal.UnknownOrganisation;
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
		String message = String.valueOf(ex.getMessage());
		int colon = message.indexOf(':');
		if (colon > 0 && !message.substring(0, colon).contains(" ")) {
			problem.setProperty("field", message.substring(0, colon));
		}
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
