package org.attc.tracker.framework.internal.format;

import java.util.ArrayList;
import java.util.List;

import org.attc.tracker.framework.internal.document.InvalidFramework;

/**
 * RFC 4180 CSV: quoted fields may hold delimiters, quotes (doubled) and line breaks.
 * Writing quotes a field the way PHP's {@code fputcsv} does (Moodle's CSV writer), so an
 * export reads like one from Moodle.
 */
public final class CsvTable {

	/**
	 * One record.
	 *
	 * @param line the line the record starts on, 1-based
	 * @param fields the fields
	 */
	public record Row(int line, List<String> fields) {

		public String field(int index) {
			return (index < this.fields.size()) ? this.fields.get(index) : "";
		}

		public boolean isBlank() {
			return this.fields.stream().allMatch(String::isBlank);
		}

	}

	private CsvTable() {
	}

	public static List<Row> parse(String text, char delimiter) {
		List<Row> rows = new ArrayList<>();
		List<String> fields = new ArrayList<>();
		StringBuilder field = new StringBuilder();
		int line = 1;
		int rowStart = 1;
		boolean quoted = false;
		boolean fieldStarted = false;
		int quoteLine = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (quoted) {
				if (c == '"') {
					if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
						field.append('"');
						i++;
					}
					else {
						quoted = false;
					}
				}
				else {
					if (c == '\n') {
						line++;
					}
					field.append(c);
				}
				continue;
			}
			if (c == '"' && !fieldStarted) {
				quoted = true;
				fieldStarted = true;
				quoteLine = line;
			}
			else if (c == delimiter) {
				fields.add(field.toString());
				field.setLength(0);
				fieldStarted = false;
			}
			else if (c == '\r' || c == '\n') {
				if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
					i++;
				}
				fields.add(field.toString());
				rows.add(new Row(rowStart, List.copyOf(fields)));
				fields.clear();
				field.setLength(0);
				fieldStarted = false;
				line++;
				rowStart = line;
			}
			else {
				field.append(c);
				fieldStarted = true;
			}
		}
		if (quoted) {
			throw new InvalidFramework("line " + quoteLine, "A quoted field is never closed.");
		}
		if (fieldStarted || !fields.isEmpty() || field.length() > 0) {
			fields.add(field.toString());
			rows.add(new Row(rowStart, List.copyOf(fields)));
		}
		return rows;
	}

	public static String write(List<List<String>> rows) {
		StringBuilder out = new StringBuilder();
		for (List<String> row : rows) {
			for (int i = 0; i < row.size(); i++) {
				if (i > 0) {
					out.append(',');
				}
				out.append(quote(row.get(i)));
			}
			out.append('\n');
		}
		return out.toString();
	}

	private static String quote(String value) {
		String v = (value == null) ? "" : value;
		boolean needs = false;
		for (int i = 0; i < v.length() && !needs; i++) {
			char c = v.charAt(i);
			needs = c == ',' || c == '"' || c == '\n' || c == '\r' || c == '\t' || c == ' ' || c == '\\';
		}
		return needs ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
	}

}
