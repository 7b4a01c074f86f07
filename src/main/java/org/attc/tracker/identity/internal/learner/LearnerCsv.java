package org.attc.tracker.identity.internal.learner;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The learner upload file: RFC 4180 CSV with the header
 * {@code identifier,name,email,organisations,jobRoles}; lists inside a field are
 * separated by {@code ;}.
 */
final class LearnerCsv {

	static final List<String> HEADER = List.of("identifier", "name", "email", "organisations", "jobRoles");

	record Row(int line, String identifier, String name, String email, List<String> organisations,
			List<String> jobRoles) {
	}

	record Problem(int line, String field, String message) implements Serializable {
	}

	private LearnerCsv() {
	}

	/**
	 * Parses every record; problems of shape (quotes, columns, header) are collected, not
	 * thrown.
	 */
	static List<Row> parse(String text, List<Problem> problems) {
		List<List<String>> records = new ArrayList<>();
		List<Integer> lines = new ArrayList<>();
		if (!records(text, records, lines, problems)) {
			return List.of();
		}
		if (records.isEmpty() || !records.get(0).stream().map(String::strip).toList().equals(HEADER)) {
			problems.add(new Problem(1, "", "the first line must be the header " + String.join(",", HEADER)));
			return List.of();
		}
		List<Row> rows = new ArrayList<>();
		for (int r = 1; r < records.size(); r++) {
			List<String> record = records.get(r);
			if (record.stream().allMatch(String::isBlank)) {
				continue;
			}
			if (record.size() != HEADER.size()) {
				problems.add(new Problem(lines.get(r), "",
						"expected " + HEADER.size() + " columns, found " + record.size()));
				continue;
			}
			rows.add(new Row(lines.get(r), record.get(0).strip(), blankToNull(record.get(1)),
					blankToNull(record.get(2)), list(record.get(3)), list(record.get(4))));
		}
		return rows;
	}

	/**
	 * Splits RFC 4180 CSV into records (the header first), each with the line it starts
	 * on; false (with a problem) when a quoted field is not closed.
	 */
	static boolean records(String text, List<List<String>> records, List<Integer> lines, List<Problem> problems) {
		List<String> fields = new ArrayList<>();
		StringBuilder field = new StringBuilder();
		boolean quoted = false;
		int line = 1;
		int recordLine = 1;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (quoted) {
				if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
					field.append('"');
					i++;
				}
				else if (c == '"') {
					quoted = false;
				}
				else {
					line += (c == '\n') ? 1 : 0;
					field.append(c);
				}
			}
			else if (c == '"' && field.isEmpty()) {
				quoted = true;
			}
			else if (c == ',') {
				fields.add(field.toString());
				field.setLength(0);
			}
			else if (c == '\n' || c == '\r') {
				if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
					i++;
				}
				fields.add(field.toString());
				field.setLength(0);
				records.add(List.copyOf(fields));
				lines.add(recordLine);
				fields.clear();
				line++;
				recordLine = line;
			}
			else {
				field.append(c);
			}
		}
		if (quoted) {
			problems.add(new Problem(recordLine, "", "a quoted field is not closed"));
			return false;
		}
		if (!field.isEmpty() || !fields.isEmpty()) {
			fields.add(field.toString());
			records.add(List.copyOf(fields));
			lines.add(recordLine);
		}
		return true;
	}

	private static String blankToNull(String value) {
		return value.isBlank() ? null : value.strip();
	}

	private static List<String> list(String value) {
		return value.isBlank() ? List.of()
				: java.util.Arrays.stream(value.split(";")).map(String::strip).filter((s) -> !s.isEmpty()).toList();
	}

}
