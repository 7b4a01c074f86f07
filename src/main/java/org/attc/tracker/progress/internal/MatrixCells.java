package org.attc.tracker.progress.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.attc.tracker.crediting.AttainmentStatus;

import org.springframework.web.util.HtmlUtils;

/**
 * The matrix's rows as HTML, one string per row (its header cell, held / required, and a
 * status cell per column): a national matrix has tens of thousands of cells, and
 * rendering each row through the template engine's expressions (a link, two joins, the
 * cells) cost more than the data behind it. Every value that is not a constant of
 * {@link StatusDisplay} is HTML-escaped here.
 */
public final class MatrixCells {

	/**
	 * Each status's cell, written once: a page of 50 learners has thousands of cells, so
	 * a cell carries only its status (class, icon, and the words for screen readers); the
	 * capability is the sticky column header's, not repeated in every cell, which keeps a
	 * page of the national matrix under 300 KB.
	 */
	private static final Map<String, String> CELLS = new HashMap<>();

	static {
		List<StatusDisplay> statuses = new ArrayList<>();
		statuses.add(StatusDisplay.NOT_REQUIRED);
		for (AttainmentStatus status : AttainmentStatus.values()) {
			statuses.add(StatusDisplay.of(status));
		}
		for (StatusDisplay status : statuses) {
			String key = HtmlUtils.htmlEscape(status.key());
			CELLS.put(status.key(),
					"<td class=\"app-cell app-cell--" + key + "\"><span aria-hidden=\"true\">"
							+ HtmlUtils.htmlEscape(status.icon()) + "</span><span class=\"govuk-visually-hidden\">"
							+ HtmlUtils.htmlEscape(status.text()) + "</span></td>");
		}
	}

	private MatrixCells() {
	}

	/**
	 * Per row, its cells as the template used to write them.
	 * @param contextPath the application's context path, for the learner links
	 */
	public static List<String> html(CohortMatrix.Matrix matrix, String contextPath) {
		List<String> rows = new ArrayList<>(matrix.rows().size());
		StringBuilder html = new StringBuilder();
		for (CohortMatrix.Row row : matrix.rows()) {
			html.setLength(0);
			html.append("<th scope=\"row\" class=\"govuk-table__header\"><a class=\"govuk-link\" href=\"")
				.append(HtmlUtils.htmlEscape(contextPath))
				.append("/learners/")
				.append(row.learnerId())
				.append("/capabilities\">")
				.append(HtmlUtils.htmlEscape(row.name()))
				.append("</a><span class=\"govuk-body-s app-block\">")
				.append(HtmlUtils.htmlEscape(String.join(", ", row.organisations())))
				.append(" · ")
				.append(HtmlUtils.htmlEscape(String.join(", ", row.jobRoles())))
				.append("</span></th><td class=\"govuk-table__cell\">")
				.append(row.met())
				.append(" / ")
				.append(row.required())
				.append("</td>");
			for (CohortMatrix.Cell cell : row.cells()) {
				html.append(CELLS.get(cell.status().key()));
			}
			rows.add(html.toString());
		}
		return rows;
	}

}
