package org.attc.tracker.lti.internal;

import java.net.URI;

import org.attc.tracker.lti.internal.grades.InvalidDeliveryQuery;
import org.attc.tracker.lti.internal.grades.UnknownDelivery;
import org.attc.tracker.lti.internal.platform.InvalidPlatformField;
import org.attc.tracker.lti.internal.platform.PlatformConflict;
import org.attc.tracker.lti.internal.platform.UnknownPlatform;
import org.attc.tracker.lti.internal.services.CourseRosterRefresh;
import org.attc.tracker.lti.internal.services.ServiceCallFailed;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** RFC 9457 problem JSON for the LTI administration API ({@code /api/lti/**}). */
@RestControllerAdvice(basePackages = "org.attc.tracker.lti")
class LtiApiProblems {

	private static final String BASE = "https://capability-tracker.attc.nhs.uk/problems/";

	@ExceptionHandler
	ProblemDetail invalidField(InvalidPlatformField ex) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-platform-field", "A field is not right",
				ex.getMessage());
		problem.setProperty("field", ex.field());
		return problem;
	}

	@ExceptionHandler
	ProblemDetail conflict(PlatformConflict ex) {
		return problem(HttpStatus.CONFLICT, "platform-conflict", "Platform already registered", ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail unknown(UnknownPlatform ex) {
		return problem(HttpStatus.NOT_FOUND, "unknown-platform", "No such platform", ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail invalidQuery(InvalidDeliveryQuery ex) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-query-parameter", "A parameter is not right",
				ex.getMessage());
		problem.setProperty("field", ex.field());
		return problem;
	}

	@ExceptionHandler
	ProblemDetail unknownDelivery(UnknownDelivery ex) {
		return problem(HttpStatus.NOT_FOUND, "unknown-score-delivery", "No such failed score", ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail invalidRosterRequest(CourseRosterRefresh.InvalidRosterRequest ex) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-roster-request", "A field is not right",
				ex.getMessage());
		problem.setProperty("field", ex.field());
		return problem;
	}

	@ExceptionHandler
	ProblemDetail rosterRefused(CourseRosterRefresh.RosterRefreshRefused ex) {
		return problem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail unknownCourse(CourseRosterRefresh.UnknownCourse ex) {
		return problem(HttpStatus.NOT_FOUND, "unknown-course", "No such course", ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail rosterUnavailable(CourseRosterRefresh.RosterUnavailable ex) {
		return problem(HttpStatus.CONFLICT, "roster-unavailable", "The platform offers no roster", ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail platformRefused(ServiceCallFailed ex) {
		ProblemDetail problem = problem(HttpStatus.BAD_GATEWAY, "platform-call-failed",
				"The platform refused or could not be reached", ex.getMessage());
		problem.setProperty("platformStatus", ex.status());
		return problem;
	}

	private static ProblemDetail problem(HttpStatus status, String slug, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create(BASE + slug));
		problem.setTitle(title);
		return problem;
	}

}
