package org.attc.tracker.progress.internal.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.ui.Model;

/**
 * Bad input on a progress page, field by field, for the GOV.UK error summary pattern:
 * every error listed at the top and linked to its field, its message beside the field,
 * and what was typed kept. Public only so that the templates can read it.
 */
public final class FieldErrors {

	/**
	 * @param field the id of the input at fault
	 * @param message what to correct, as a person reads it
	 * @param typed what was typed
	 */
	public record Error(String field, String message, String typed) {
	}

	private final Map<String, Error> byField = new LinkedHashMap<>();

	private FieldErrors() {
	}

	/** The page's errors, kept in the model as {@code errors}. */
	static FieldErrors of(Model model) {
		if (model.getAttribute("errors") instanceof FieldErrors errors) {
			return errors;
		}
		FieldErrors errors = new FieldErrors();
		model.addAttribute("errors", errors);
		return errors;
	}

	/**
	 * @param message in the "field: what is wrong" convention; shown without the field
	 */
	void add(String field, String message, String typed) {
		this.byField.putIfAbsent(field, new Error(field, PageProblems.readable(message), typed));
	}

	public boolean isEmpty() {
		return this.byField.isEmpty();
	}

	public List<Error> all() {
		return List.copyOf(this.byField.values());
	}

	public boolean has(String field) {
		return this.byField.containsKey(field);
	}

	public String message(String field) {
		Error error = this.byField.get(field);
		return (error != null) ? error.message() : null;
	}

	/** What was typed into the field, when it is in error. */
	public String typed(String field) {
		Error error = this.byField.get(field);
		return (error != null) ? error.typed() : null;
	}

}
