package org.attc.tracker.progress.internal;

import java.util.Locale;

/** The orders a coordinator can put the matrix's learners in. */
public enum MatrixSort {

	/** By name (the default). */
	NAME("Name"),

	/** Furthest behind first: the smallest share of required capabilities held. */
	BEHIND("Furthest behind first"),

	/** By organisation, then name. */
	ORGANISATION("Organisation");

	private final String text;

	MatrixSort(String text) {
		this.text = text;
	}

	public String text() {
		return this.text;
	}

	public String key() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * Where a row sorts: the order and the page cursor in one (then by record number when
	 * the rest is equal).
	 */
	KeysetPage.Key key(CohortMatrix.Row row) {
		String text = switch (this) {
			case NAME -> row.name();
			// the share held as fixed-width digits, more required first, then the name
			case BEHIND -> String.format(Locale.ROOT, "%08.6f|%06d|%s", share(row),
					999_999 - Math.min(999_999, row.required()), row.name());
			case ORGANISATION -> String.join(" ", row.organisations()) + '\u0001' + row.name();
		};
		return new KeysetPage.Key(text, row.learnerId(), null);
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
