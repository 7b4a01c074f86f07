package org.attc.tracker.progress.internal;

import java.time.Instant;
import java.util.List;

import org.attc.tracker.crediting.AttainmentStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The matrix rows are written as HTML outside the template engine, so the escaping the
 * engine would do is this class's job.
 */
class MatrixCellsTests {

	@Test
	void namesCodesAndRolesAreEscapedAndTheLinkKeepsTheContextPath() {
		CohortMatrix.Matrix matrix = new CohortMatrix.Matrix(CohortFilter.of(null, null, null), MatrixSort.NAME,
				List.of(new CohortMatrix.Column("id-1", "D<1>", "Title", "Domain")),
				List.of(new CohortMatrix.Row(42, "<script>alert(1)</script> & \"Bo\"", List.of("A&B"), List.of("R<N>"),
						List.of(new CohortMatrix.Cell(StatusDisplay.of(AttainmentStatus.ACHIEVED), 2, 2, null)), 1, 1)),
				1, null, Instant.now());

		String row = MatrixCells.html(matrix, "/tracker").get(0);

		assertThat(row).doesNotContain("<script>")
			.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Bo&quot;")
			.contains("A&amp;B · R&lt;N&gt;")
			.contains("href=\"/tracker/learners/42/capabilities\"")
			.contains("<td class=\"app-cell app-cell--achieved\"><span aria-hidden=\"true\">✓</span>"
					+ "<span class=\"govuk-visually-hidden\">Achieved</span></td>")
			.contains("<td class=\"govuk-table__cell\">1 / 1</td>");
	}

}
