package org.attc.tracker.shared;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The links of a keyset-paged list (the {@code pagination} template fragment): back to
 * the first page when on a later one, and on to the next page when there is one. Built by
 * the controller, because a template fragment's arguments may not read request
 * parameters.
 *
 * @param first the first page's address, when this page is not it; else null
 * @param next the next page's address; null on the last page
 * @param nextText the words of the link to the next page
 */
public record PageLinks(String first, String next, String nextText) {

	/**
	 * @param path the list's address, from the application's root ({@code /learners})
	 * @param query what the list was asked for, encoded ({@code q=ann&role=RN}), or empty
	 * @param later whether this page continues after another ({@code after} was given)
	 * @param next the cursor of the next page, or null on the last
	 */
	public static PageLinks of(String path, String query, boolean later, String next) {
		String asked = (query == null || query.isEmpty()) ? "" : (query.endsWith("&") ? query : query + "&");
		String first = path + (asked.isEmpty() ? "" : "?" + asked.substring(0, asked.length() - 1));
		return new PageLinks(later ? first : null,
				(next != null) ? path + "?" + asked + "after=" + URLEncoder.encode(next, StandardCharsets.UTF_8) : null,
				"Next page");
	}

	/** The same links, the next one reading {@code text}. */
	public PageLinks reading(String text) {
		return new PageLinks(this.first, this.next, text);
	}

	/** Whether there is a link to show. */
	public boolean any() {
		return this.first != null || this.next != null;
	}

}
