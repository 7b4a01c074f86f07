package org.attc.tracker.framework.internal.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.multipart.MultipartException;

/** Page errors: a missing framework is a plain 404 page, never exception text. */
@ControllerAdvice(assignableTypes = FrameworkPages.class)
class FrameworkPageErrors {

	@ExceptionHandler(FrameworkNotFound.class)
	@ResponseStatus(HttpStatus.NOT_FOUND)
	String notFound() {
		return "framework/not-found";
	}

	/**
	 * An upload that is not {@code multipart/form-data} (a script, or a form without
	 * {@code enctype}): nothing to read a file from.
	 */
	@ExceptionHandler(MultipartException.class)
	@ResponseStatus(HttpStatus.BAD_REQUEST)
	String notMultipart() {
		return "framework/not-multipart";
	}

	@ExceptionHandler(FrameworkExports.UnknownExportFormat.class)
	@ResponseStatus(HttpStatus.BAD_REQUEST)
	String unknownFormat() {
		return "framework/unknown-format";
	}

}
