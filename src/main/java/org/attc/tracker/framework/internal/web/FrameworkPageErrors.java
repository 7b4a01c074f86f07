package org.attc.tracker.framework.internal.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;

/** Page errors: a missing framework is a plain 404 page, never exception text. */
@ControllerAdvice(assignableTypes = FrameworkPages.class)
class FrameworkPageErrors {

	@ExceptionHandler(FrameworkNotFound.class)
	@ResponseStatus(HttpStatus.NOT_FOUND)
	String notFound() {
		return "framework/not-found";
	}

}
