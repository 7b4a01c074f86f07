package org.attc.tracker.identity.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.attc.tracker.identity.AppRole;
import org.attc.tracker.shared.FieldFault;

/**
 * One error of a submitted form, for the GOV.UK error pattern: the summary at the top
 * links to {@code anchor}, the field shows {@code text} next to it.
 *
 * @param field the form field at fault, {@code null} when the error is about the whole
 * form
 * @param anchor the id of the input the summary links to
 * @param text what is wrong, in words (no field keys)
 */
public record FormError(String field, String anchor, String text) {

	/** Every error a refused request carries, in form order. */
	public static List<FormError> all(RuntimeException refused) {
		return all(refused, Map.of());
	}

	/**
	 * Every error a refused request carries, in form order; a terse fault ("is required",
	 * "at most 255 characters") is led by the field's label from {@code labels}.
	 */
	public static List<FormError> all(RuntimeException refused, Map<String, String> labels) {
		List<FieldFault> faults = (refused instanceof InvalidAccount invalid) ? invalid.faults()
				: FieldFault.of(refused.getMessage()).map(List::of).orElse(List.of());
		if (faults.isEmpty()) {
			return List.of(new FormError(null, null, new FieldFault("", refused.getMessage()).sentence()));
		}
		return faults.stream().map((fault) -> of(fault, labels.get(fault.field()))).toList();
	}

	static FormError of(FieldFault fault, String label) {
		// a group of checkboxes is reached through its first box
		String anchor = fault.field().equals("roles") ? "role-" + AppRole.values()[0].name() : fault.field();
		String text = fault.sentence();
		if (label != null && (text.startsWith("Is ") || text.startsWith("At most "))) {
			text = text.startsWith("At most ") ? label + " must be at most " + text.substring("At most ".length())
					: label + " is " + text.substring("Is ".length());
		}
		return new FormError(fault.field(), anchor, text);
	}

	/** The text to show next to each field (two faults of one field share it). */
	public static Map<String, String> byField(List<FormError> errors) {
		Map<String, String> texts = new LinkedHashMap<>();
		errors.stream()
			.filter((error) -> error.field() != null)
			.forEach((error) -> texts.merge(error.field(), error.text(), (a, b) -> a + " " + b));
		return texts;
	}

}
