package org.attc.tracker.progress.internal.web;

import org.attc.tracker.progress.internal.UnknownOrganisation;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * Bad input on a progress page: the page says what to correct, in words a person
 * understands (our own messages only, never exception text from elsewhere).
 */
@ControllerAdvice(assignableTypes = { CoordinatorPages.class, LearnerPages.class })
class PageProblems {

	@ExceptionHandler(IllegalArgumentException.class)
	@ResponseStatus(HttpStatus.BAD_REQUEST)
	String invalid(IllegalArgumentException ex, Model model) {
		model.addAttribute("message", readable(ex.getMessage()));
		return "progress/problem";
	}

	@ExceptionHandler(UnknownOrganisation.class)
	@ResponseStatus(HttpStatus.NOT_FOUND)
	String unknownOrganisation(UnknownOrganisation ex, Model model) {
		model.addAttribute("message", "There is no organisation with the code you asked for that you may see.");
		return "progress/problem";
	}

	/** "field: message" becomes "Message". */
	static String readable(String message) {
		if (message == null) {
			return "The request was not right.";
		}
		int colon = message.indexOf(':');
		String text = (colon > 0 && !message.substring(0, colon).contains(" ")) ? message.substring(colon + 1).strip()
				: message;
		return text.isEmpty() ? message : Character.toUpperCase(text.charAt(0)) + text.substring(1) + ".";
	}

}
