package org.attc.tracker.framework.internal.web;

import java.net.URI;

import org.attc.tracker.framework.internal.document.InvalidFramework;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** RFC 9457 problem JSON for the frameworks API. */
@RestControllerAdvice(assignableTypes = FrameworkApi.class)
class FrameworkApiProblems {

	static final String BASE = "https://capability-tracker.attc.nhs.uk/problems/";

	@ExceptionHandler(InvalidFramework.class)
	ProblemDetail invalid(InvalidFramework ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
				ex.problems().size() + " problem(s) found; nothing was saved. Fix them all and send the file again.");
		problem.setType(URI.create(BASE + "invalid-framework"));
		problem.setTitle("The framework file was rejected");
		problem.setProperty("problems", ex.problems());
		return problem;
	}

	@ExceptionHandler(FrameworkNotFound.class)
	ProblemDetail notFound(FrameworkNotFound ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
				"There is no " + ex.getMessage() + ".");
		problem.setType(URI.create(BASE + "framework-not-found"));
		problem.setTitle("Framework not found");
		return problem;
	}

	@ExceptionHandler(FrameworkExports.UnknownExportFormat.class)
	ProblemDetail unknownFormat(FrameworkExports.UnknownExportFormat ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"Unknown export format \"" + ex.getMessage() + "\"; use case, moodle-csv or native.");
		problem.setType(URI.create(BASE + "unknown-export-format"));
		problem.setTitle("Unknown export format");
		problem.setProperty("parameter", "format");
		return problem;
	}

	@ExceptionHandler({ DataIntegrityViolationException.class, OptimisticLockingFailureException.class,
			PessimisticLockingFailureException.class })
	ProblemDetail conflict(RuntimeException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
				"Another change to this framework was saved at the same time; nothing of this request was saved. Send it again.");
		problem.setType(URI.create(BASE + "concurrent-framework-change"));
		problem.setTitle("Concurrent change");
		return problem;
	}

}
