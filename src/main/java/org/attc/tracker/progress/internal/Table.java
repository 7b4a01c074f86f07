package org.attc.tracker.progress.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * A list or matrix as an export: headers and rows of text, written as CSV (RFC 4180) or
 * XLSX.
 *
 * @param title sheet name
 * @param headers column headers
 * @param rows the rows, each as long as the headers
 */
public record Table(String title, List<String> headers, List<List<String>> rows) {

	/**
	 * CSV with CRLF line ends (RFC 4180 section 2) and a UTF-8 byte order mark so that
	 * spreadsheet programs read the accents in names right.
	 */
	public byte[] csv() {
		StringBuilder out = new StringBuilder("\uFEFF");
		line(out, this.headers);
		for (List<String> row : this.rows) {
			line(out, row);
		}
		return out.toString().getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * XLSX, streamed row by row so a national export does not hold every cell in memory.
	 */
	public byte[] xlsx() {
		try (SXSSFWorkbook workbook = new SXSSFWorkbook(200)) {
			Sheet sheet = workbook.createSheet(safeSheetName(this.title));
			CellStyle bold = workbook.createCellStyle();
			Font font = workbook.createFont();
			font.setBold(true);
			bold.setFont(font);
			Row header = sheet.createRow(0);
			for (int c = 0; c < this.headers.size(); c++) {
				Cell cell = header.createCell(c);
				cell.setCellValue(this.headers.get(c));
				cell.setCellStyle(bold);
			}
			sheet.createFreezePane(0, 1);
			int r = 1;
			for (List<String> row : this.rows) {
				Row sheetRow = sheet.createRow(r++);
				for (int c = 0; c < row.size(); c++) {
					// always a string cell: POI never evaluates it as a formula
					sheetRow.createCell(c).setCellValue((row.get(c) != null) ? row.get(c) : "");
				}
			}
			ByteArrayOutputStream bytes = new ByteArrayOutputStream();
			workbook.write(bytes);
			workbook.dispose();
			return bytes.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void line(StringBuilder out, List<String> cells) {
		for (int i = 0; i < cells.size(); i++) {
			if (i > 0) {
				out.append(',');
			}
			out.append(field(cells.get(i)));
		}
		out.append("\r\n");
	}

	static String field(String value) {
		if (value == null) {
			return "";
		}
		String text = value;
		// a cell starting with = + - @ would run as a formula in a spreadsheet (CSV
		// injection)
		if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
			text = "'" + text;
		}
		if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
			return "\"" + text.replace("\"", "\"\"") + "\"";
		}
		return text;
	}

	private static String safeSheetName(String title) {
		String name = title.replaceAll("[\\\\/?*\\[\\]:]", " ");
		return (name.length() > 31) ? name.substring(0, 31) : name;
	}

}
