package org.attc.tracker.progress.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** The cohort views as export tables: the same rows the pages show, filters applied. */
public final class Exports {

	private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

	private Exports() {
	}

	public static Table matrix(CohortMatrix.Matrix matrix) {
		List<String> headers = new ArrayList<>(
				List.of("Learner id", "Name", "Organisations", "Job roles", "Met", "Required"));
		matrix.columns().forEach((c) -> headers.add(c.code() + " " + c.title()));
		List<List<String>> rows = new ArrayList<>();
		for (CohortMatrix.Row row : matrix.rows()) {
			List<String> cells = new ArrayList<>(List.of(Long.toString(row.learnerId()), row.name(),
					String.join(" ", row.organisations()), String.join(" ", row.jobRoles()),
					Integer.toString(row.met()), Integer.toString(row.required())));
			row.cells().forEach((c) -> cells.add(c.status().text()));
			rows.add(cells);
		}
		return new Table("Capability matrix", headers, rows);
	}

	public static Table expiry(ExpiryLists.Lists lists) {
		List<String> headers = List.of("List", "Learner id", "Name", "Organisations", "Capability", "Title", "Tier",
				"Status", "Expires", "Days left");
		List<List<String>> rows = new ArrayList<>();
		for (ExpiryLists.Item i : lists.expiring()) {
			rows.add(expiryRow("Expiring within " + lists.days() + " days", i));
		}
		for (ExpiryLists.Item i : lists.expired()) {
			rows.add(expiryRow("Expired", i));
		}
		return new Table("Expiry", headers, rows);
	}

	private static List<String> expiryRow(String list, ExpiryLists.Item i) {
		return List.of(list, Long.toString(i.learnerId()), i.name(), String.join(" ", i.organisations()),
				nz(i.capabilityCode()), nz(i.capabilityTitle()), nz(i.tierName()), i.status().text(),
				date(i.expiresAt()), (i.daysLeft() != null) ? Long.toString(i.daysLeft()) : "");
	}

	static String date(Instant instant) {
		return (instant != null) ? DATE.format(instant) : "";
	}

	private static String nz(String value) {
		return (value != null) ? value : "";
	}

}
