package org.attc.tracker.progress.internal;

import java.util.Comparator;
import java.util.Locale;

/** The orders a coordinator can put the matrix's learners in. */
public enum MatrixSort {

	/** By name (the default). */
	NAME("Name", Comparator.comparing(CohortMatrix.Row::name, String.CASE_INSENSITIVE_ORDER)),

	/** Furthest behind first: the smallest share of required capabilities held. */
	BEHIND("Furthest behind first",
			Comparator.comparingDouble(MatrixSort::share)
				.thenComparing(CohortMatrix.Row::required, Comparator.reverseOrder())
				.thenComparing(CohortMatrix.Row::name, String.CASE_INSENSITIVE_ORDER)),

	/** By organisation, then name. */
	ORGANISATION("Organisation", Comparator.comparing((CohortMatrix.Row r) -> String.join(" ", r.organisations()))
		.thenComparing(CohortMatrix.Row::name, String.CASE_INSENSITIVE_ORDER));

	private final String text;

	private final Comparator<CohortMatrix.Row> order;

	MatrixSort(String text, Comparator<CohortMatrix.Row> order) {
		this.text = text;
		this.order = order;
	}

	public String text() {
		return this.text;
	}

	public String key() {
		return name().toLowerCase(Locale.ROOT);
	}

	Comparator<CohortMatrix.Row> order() {
		return this.order;
	}

	/**
	 * @throws IllegalArgumentException naming {@code sort} for anything but name, behind
	 * or organisation
	 */
	public static MatrixSort of(String value) {
		if (value == null || value.isBlank()) {
			return NAME;
		}
		for (MatrixSort sort : values()) {
			if (sort.key().equals(value.strip().toLowerCase(Locale.ROOT))) {
				return sort;
			}
		}
		throw new IllegalArgumentException("sort: must be one of name, behind, organisation");
	}

	private static double share(CohortMatrix.Row row) {
		// learners nothing is required of come last: they are not behind
		return (row.required() == 0) ? 2.0 : (double) row.met() / row.required();
	}

}
