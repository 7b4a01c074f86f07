package org.attc.tracker.progress.internal;

import java.util.ArrayList;
import java.util.List;

import org.springframework.web.util.HtmlUtils;

/**
 * The matrix's rows as HTML, one string per row (its header cell, held / required, and a
 * status cell per column): a national matrix has tens of thousands of cells, and
 * rendering each row through the template engine's expressions (a link, two joins, the
 * cells) cost more than the data behind it. Every value that is not a constant of
 * {@link StatusDisplay} is HTML-escaped here.
 */
public final class MatrixCells {

	private MatrixCells() {
	}

	/**
	 * Per row, its cells as the template used to write them.
	 * @param contextPath the application's context path, for the learner links
	 */
	public static List<String> html(CohortMatrix.Matrix matrix, String contextPath) {
		List<String> titles = new ArrayList<>();
		for (CohortMatrix.Column column : matrix.columns()) {
			titles.add(HtmlUtils.htmlEscape(column.code()) + ": ");
		}
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
			for (int i = 0; i < row.cells().size(); i++) {
				StatusDisplay status = row.cells().get(i).status();
				String text = HtmlUtils.htmlEscape(status.text());
				html.append("<td class=\"govuk-table__cell app-cell app-cell--")
					.append(HtmlUtils.htmlEscape(status.key()))
					.append("\" data-status=\"")
					.append(HtmlUtils.htmlEscape(status.key()))
					.append("\" title=\"")
					.append(titles.get(i))
					.append(text)
					.append("\"><span aria-hidden=\"true\">")
					.append(HtmlUtils.htmlEscape(status.icon()))
					.append("</span><span class=\"govuk-visually-hidden\">")
					.append(text)
					.append("</span></td>");
			}
			rows.add(html.toString());
		}
		return rows;
	}

}
