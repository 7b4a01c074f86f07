package org.attc.tracker.progress.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import org.attc.tracker.identity.OrganisationSummary;

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
					organisations(row.organisations()), String.join(" ", row.jobRoles()), Integer.toString(row.met()),
					Integer.toString(row.required())));
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

	public static Table notStarted(ActivityLists.NotStartedList list) {
		List<String> headers = List.of("Learner id", "Name", "Organisations", "Job roles", "Capabilities required");
		List<List<String>> rows = new ArrayList<>();
		for (ActivityLists.NotStarted l : list.learners()) {
			rows.add(List.of(Long.toString(l.learnerId()), l.name(), organisations(l.organisations()),
					String.join(" ", l.jobRoles()), Integer.toString(l.required())));
		}
		return new Table("Not started", headers, rows);
	}

	public static Table recentlyAchieved(ActivityLists.AchievedList list) {
		List<String> headers = List.of("Learner id", "Name", "Organisations", "Capability", "Title", "Tier", "Status",
				"Achieved", "Expires");
		List<List<String>> rows = new ArrayList<>();
		for (ActivityLists.Achievement a : list.achievements()) {
			rows.add(List.of(Long.toString(a.learnerId()), a.name(), organisations(a.organisations()),
					nz(a.capabilityCode()), nz(a.capabilityTitle()), nz(a.tierName()), a.status().text(),
					date(a.achievedAt()), date(a.expiresAt())));
		}
		return new Table("Recently achieved", headers, rows);
	}

	public static Table readiness(SiteReadiness.Board board) {
		List<String> headers = List.of("Site", "Site name", "Role profile", "Role name", "Staff", "Meet now",
				"Meet on " + board.by(), "Target", "State", "Lapsing by then");
		List<List<String>> rows = new ArrayList<>();
		for (SiteReadiness.Site site : board.sites()) {
			for (SiteReadiness.Line line : site.lines()) {
				List<String> lapsing = new ArrayList<>();
				line.lapsing()
					.forEach((l) -> lapsing
						.add(l.name() + " (" + l.capabilityCode() + ", " + date(l.expiresAt()) + ")"));
				rows.add(List.of(site.code(), site.name(), line.roleCode(), nz(line.roleName()),
						Integer.toString(line.staff()), Integer.toString(line.meetNow()),
						Integer.toString(line.meetBy()), (line.target() != null) ? Integer.toString(line.target()) : "",
						line.state().text(), String.join("; ", lapsing)));
			}
		}
		return new Table("Site readiness", headers, rows);
	}

	public static Table summary(ProgrammeSummary.Summary summary) {
		List<String> headers = List.of("Part", "Key", "Name", "Learners", "Fully meeting", "Fully meeting %",
				"Required held", "Required", "Held %");
		List<List<String>> rows = new ArrayList<>();
		summary.organisations().forEach((c) -> rows.add(coverageRow("Organisation", c)));
		summary.domains().forEach((c) -> rows.add(coverageRow("Domain", c)));
		summary.roles().forEach((c) -> rows.add(coverageRow("Role profile", c)));
		return new Table("Programme summary", headers, rows);
	}

	private static List<String> coverageRow(String part, ProgrammeSummary.Coverage c) {
		boolean people = !"Domain".equals(part);
		return List.of(part, c.key(), nz(c.name()), people ? Integer.toString(c.learners()) : "",
				people ? Integer.toString(c.fullyMeeting()) : "", people ? Integer.toString(c.percentMeeting()) : "",
				Integer.toString(c.held()), Integer.toString(c.required()), Integer.toString(c.percentHeld()));
	}

	private static List<String> expiryRow(String list, ExpiryLists.Item i) {
		return List.of(list, Long.toString(i.learnerId()), i.name(), organisations(i.organisations()),
				nz(i.capabilityCode()), nz(i.capabilityTitle()), nz(i.tierName()), i.status().text(),
				date(i.expiresAt()), (i.daysLeft() != null) ? Long.toString(i.daysLeft()) : "");
	}

	/** A learner's organisation codes, or "No organisation". */
	static String organisations(List<String> codes) {
		return codes.isEmpty() ? OrganisationSummary.NONE_NAME : String.join(" ", codes);
	}

	static String date(Instant instant) {
		return (instant != null) ? DATE.format(instant) : "";
	}

	private static String nz(String value) {
		return (value != null) ? value : "";
	}

}
