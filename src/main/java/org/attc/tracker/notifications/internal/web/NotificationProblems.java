package org.attc.tracker.notifications.internal.web;

import java.net.URI;

import org.attc.tracker.shared.FieldFault;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Problem JSON (RFC 9457) for the notifications API. */
@RestControllerAdvice(assignableTypes = { NotificationApi.class, OrganisationReminderApi.class, PreferenceApi.class })
class NotificationProblems {

	private static final String BASE = "https://capability-tracker.attc.nhs.uk/problems/";

	@ExceptionHandler(IllegalArgumentException.class)
	ProblemDetail invalid(IllegalArgumentException ex) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-request", "The request is not valid",
				ex.getMessage());
		FieldFault.of(ex.getMessage()).ifPresent((fault) -> problem.setProperty("field", fault.field()));
		return problem;
	}

	@ExceptionHandler(HttpMessageNotReadableException.class)
	ProblemDetail unreadable(HttpMessageNotReadableException ex) {
		return problem(HttpStatus.BAD_REQUEST, "invalid-request", "The request is not valid",
				"The body is not the JSON object this endpoint takes");
	}

	@ExceptionHandler(UnknownDelivery.class)
	ProblemDetail unknownDelivery(UnknownDelivery ex) {
		return problem(HttpStatus.NOT_FOUND, "not-found", "Not found", ex.getMessage());
	}

	@ExceptionHandler(UnknownOrganisation.class)
	ProblemDetail unknownOrganisation(UnknownOrganisation ex) {
		ProblemDetail problem = problem(HttpStatus.NOT_FOUND, "unknown-organisation", "Unknown organisation",
				ex.getMessage());
		problem.setProperty("field", "organisation");
		return problem;
	}

	@ExceptionHandler(PreferenceApi.NobodyToWrite.class)
	ProblemDetail nobody(PreferenceApi.NobodyToWrite ex) {
		return problem(HttpStatus.NOT_FOUND, "no-notifications", "No notifications for this account", ex.getMessage());
	}

	private static ProblemDetail problem(HttpStatus status, String slug, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create(BASE + slug));
		problem.setTitle(title);
		return problem;
	}

}
