package org.attc.tracker.progress.internal.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.attc.tracker.identity.LearnerProfile;
import org.attc.tracker.identity.OrganisationSummary;
import org.attc.tracker.progress.internal.ActivityLists;
import org.attc.tracker.progress.internal.Cohort;
import org.attc.tracker.progress.internal.CohortFilter;
import org.attc.tracker.progress.internal.CohortMatrix;
import org.attc.tracker.progress.internal.ExpiryLists;
import org.attc.tracker.progress.internal.MatrixCells;
import org.attc.tracker.progress.internal.Exports;
import org.attc.tracker.progress.internal.MatrixSort;
import org.attc.tracker.progress.internal.ProgrammeSummary;
import org.attc.tracker.progress.internal.ProgressScope;
import org.attc.tracker.progress.internal.ReadinessPeople;
import org.attc.tracker.progress.internal.SiteReadiness;
import org.attc.tracker.progress.internal.Trends;
import org.attc.tracker.shared.PageLinks;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The coordinator's cohort matrix, expiry lists and site readiness board, with exports.
 */
@Controller
@RequestMapping("/coordinator")
@PreAuthorize("hasAnyRole('COORDINATOR','PROGRAMME','ADMIN')")
class CoordinatorPages {

	private final ProgressScope scope;

	private final CohortMatrix matrix;

	private final ExpiryLists expiry;

	private final SiteReadiness readiness;

	private final ProgrammeSummary summary;

	private final Trends trends;

	private final ActivityLists activity;

	private final Cohort cohort;

	private final ReadinessPeople people;

	CoordinatorPages(ProgressScope scope, CohortMatrix matrix, ExpiryLists expiry, SiteReadiness readiness,
			ProgrammeSummary summary, Trends trends, ActivityLists activity, Cohort cohort, ReadinessPeople people) {
		this.cohort = cohort;
		this.people = people;
		this.trends = trends;
		this.activity = activity;
		this.scope = scope;
		this.matrix = matrix;
		this.expiry = expiry;
		this.readiness = readiness;
		this.summary = summary;
	}

	@GetMapping("/summary")
	String summary(Authentication caller, Model model) {
		model.addAttribute("summary", this.summary.of(caller));
		return "progress/summary";
	}

	@GetMapping("/summary/export")
	ResponseEntity<byte[]> summaryExport(@RequestParam(defaultValue = "csv") String format, Authentication caller) {
		return Downloads.of(Exports.summary(this.summary.of(caller)), "programme-summary", format);
	}

	@GetMapping("/trends")
	String trends(@RequestParam(required = false) String organisation, @RequestParam(required = false) String role,
			@RequestParam(defaultValue = "12") int months, Authentication caller, Model model) {
		CohortFilter filter = CohortFilter.of(organisation, role, null);
		filterChoices(caller, model, filter);
		model.addAttribute("trend", this.trends.of(caller, filter, months));
		model.addAttribute("exportQuery", query(filter, null));
		return "progress/trends";
	}

	@GetMapping("/not-started")
	String notStarted(@RequestParam(required = false) String organisation, @RequestParam(required = false) String role,
			Authentication caller, Model model) {
		CohortFilter filter = CohortFilter.of(organisation, role, null);
		filterChoices(caller, model, filter);
		model.addAttribute("list", this.activity.notStarted(caller, filter));
		model.addAttribute("exportQuery", query(filter, null));
		return "progress/not-started";
	}

	@GetMapping("/not-started/export")
	ResponseEntity<byte[]> notStartedExport(@RequestParam(required = false) String organisation,
			@RequestParam(required = false) String role, @RequestParam(defaultValue = "csv") String format,
			Authentication caller) {
		CohortFilter filter = CohortFilter.of(organisation, role, null);
		return Downloads.of(Exports.notStarted(this.activity.notStarted(caller, filter)), "not-started", format);
	}

	@GetMapping("/recently-achieved")
	String recentlyAchieved(@RequestParam(required = false) String organisation,
			@RequestParam(required = false) String role, @RequestParam(defaultValue = "30") int days,
			Authentication caller, Model model) {
		CohortFilter filter = CohortFilter.of(organisation, role, null);
		filterChoices(caller, model, filter);
		model.addAttribute("lists", this.activity.recentlyAchieved(caller, filter, days));
		model.addAttribute("windows", ActivityLists.WINDOWS);
		model.addAttribute("daysLabel", "Achieved in the last");
		model.addAttribute("exportQuery", query(filter, days));
		return "progress/recently-achieved";
	}

	@GetMapping("/recently-achieved/export")
	ResponseEntity<byte[]> recentlyAchievedExport(@RequestParam(required = false) String organisation,
			@RequestParam(required = false) String role, @RequestParam(defaultValue = "30") int days,
			@RequestParam(defaultValue = "csv") String format, Authentication caller) {
		CohortFilter filter = CohortFilter.of(organisation, role, null);
		return Downloads.of(Exports.recentlyAchieved(this.activity.recentlyAchieved(caller, filter, days)),
				"recently-achieved", format);
	}

	@GetMapping("/matrix")
	String matrix(@RequestParam(required = false) String organisation, @RequestParam(required = false) String role,
			@RequestParam(required = false) String status, @RequestParam(required = false) String course,
			@RequestParam(required = false) String framework, @RequestParam(required = false) String sort,
			@RequestParam(required = false) String after, Authentication caller, Model model,
			HttpServletRequest request) {
		CohortFilter filter = CohortFilter.of(organisation, role, status, course, framework);
		MatrixSort order = MatrixSort.of(sort);
		filterChoices(caller, model, filter);
		model.addAttribute("courses", this.cohort.courses(caller, null));
		model.addAttribute("frameworks", this.cohort.frameworks());
		model.addAttribute("sorts", MatrixSort.values());
		model.addAttribute("sort", order);
		String query = query(filter, null) + ((order != MatrixSort.NAME) ? "sort=" + order.key() + "&" : "");
		model.addAttribute("exportQuery", query);
		model.addAttribute("pageQuery", query);
		if (summariseFirst(caller, filter, model)) {
			return "progress/matrix";
		}
		CohortMatrix.Matrix matrix = this.matrix.page(caller, filter, order, after);
		model.addAttribute("matrix", matrix);
		model.addAttribute("pages", PageLinks.of("/coordinator/matrix", query, after != null, matrix.next()));
		model.addAttribute("rowsHtml", MatrixCells.html(matrix, request.getContextPath()));
		return "progress/matrix";
	}

	/**
	 * A national view with no organisation chosen starts from the organisations, each
	 * with its counts, to drill down into one: the whole network's rows would be more
	 * than a person reads or a page should carry.
	 */
	private boolean summariseFirst(Authentication caller, CohortFilter filter, Model model) {
		if (!this.scope.isNational(caller) || filter.organisation() != null) {
			return false;
		}
		model.addAttribute("national", this.summary.of(caller));
		return true;
	}

	@GetMapping("/matrix/export")
	ResponseEntity<byte[]> matrixExport(@RequestParam(required = false) String organisation,
			@RequestParam(required = false) String role, @RequestParam(required = false) String status,
			@RequestParam(required = false) String course, @RequestParam(required = false) String framework,
			@RequestParam(required = false) String sort, @RequestParam(defaultValue = "csv") String format,
			Authentication caller) {
		CohortFilter filter = CohortFilter.of(organisation, role, status, course, framework);
		return Downloads.of(Exports.matrix(this.matrix.of(caller, filter, MatrixSort.of(sort))), "capability-matrix",
				format);
	}

	@GetMapping("/expiring")
	String expiring(@RequestParam(required = false) String organisation, @RequestParam(required = false) String role,
			@RequestParam(defaultValue = "90") int days, @RequestParam(required = false) String expiringAfter,
			@RequestParam(required = false) String expiredAfter, Authentication caller, Model model) {
		CohortFilter filter = CohortFilter.of(organisation, role, null);
		filterChoices(caller, model, filter);
		model.addAttribute("windows", ExpiryLists.WINDOWS);
		model.addAttribute("exportQuery", query(filter, days));
		if (summariseFirst(caller, filter, model)) {
			model.addAttribute("lists", new ExpiryLists.Lists(filter, days, List.of(), List.of(), 0, 0, null, null,
					java.time.Instant.now()));
			return "progress/expiring";
		}
		model.addAttribute("lists", this.expiry.of(caller, filter, days).page(expiringAfter, expiredAfter));
		return "progress/expiring";
	}

	@GetMapping("/expiring/export")
	ResponseEntity<byte[]> expiringExport(@RequestParam(required = false) String organisation,
			@RequestParam(required = false) String role, @RequestParam(defaultValue = "90") int days,
			@RequestParam(defaultValue = "csv") String format, Authentication caller) {
		CohortFilter filter = CohortFilter.of(organisation, role, null);
		return Downloads.of(Exports.expiry(this.expiry.of(caller, filter, days)), "expiry", format);
	}

	@GetMapping("/readiness")
	String readiness(@RequestParam(required = false) String organisation, @RequestParam(required = false) String by,
			Authentication caller, Model model, HttpServletResponse response) {
		readinessBoard(caller, model, organisation, readyBy(by, model));
		return view("progress/readiness", FieldErrors.of(model), response);
	}

	/** A page with errors in what was asked answers 400, as problem pages do. */
	private static String view(String name, FieldErrors errors, HttpServletResponse response) {
		if (!errors.isEmpty()) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		}
		return name;
	}

	/**
	 * The board, with the date asked when it is one (otherwise the default, beside the
	 * error the model already holds).
	 */
	private void readinessBoard(Authentication caller, Model model, String organisation, LocalDate by) {
		CohortFilter filter = CohortFilter.of(organisation, null, null);
		filterChoices(caller, model, filter);
		SiteReadiness.Board board = summariseFirst(caller, filter, model)
				? new SiteReadiness.Board(SiteReadiness.readyBy(by), List.of(), java.time.Instant.now())
				: this.readiness.of(caller, filter.organisation(), by);
		model.addAttribute("board", board);
		model.addAttribute("exportQuery", query(filter, null) + "by=" + board.by() + "&");
	}

	/**
	 * The date typed into "Ready by", when it is one; otherwise null, with the error
	 * beside the field and what was typed kept.
	 */
	private static LocalDate readyBy(String by, Model model) {
		try {
			return SiteReadiness.readyBy(date(by));
		}
		catch (IllegalArgumentException ex) {
			FieldErrors.of(model).add("by", ex.getMessage(), by);
			return null;
		}
	}

	@GetMapping("/readiness/people")
	String readinessPeople(@RequestParam(required = false) String organisation,
			@RequestParam(required = false) String role, @RequestParam(required = false) String state,
			@RequestParam(required = false) String by, @RequestParam(required = false) String after,
			Authentication caller, Model model, HttpServletResponse response) {
		CohortFilter filter = CohortFilter.of(organisation, null, null);
		filterChoices(caller, model, filter);
		model.addAttribute("states", ReadinessPeople.Selection.values());
		FieldErrors errors = FieldErrors.of(model);
		LocalDate date = readyBy(by, model);
		ReadinessPeople.Selection selection = ReadinessPeople.Selection.NOT_READY;
		try {
			selection = ReadinessPeople.Selection.of(state);
		}
		catch (IllegalArgumentException ex) {
			errors.add("state", ex.getMessage(), state);
		}
		String chosenRole = (role != null && !role.isBlank()) ? role.strip() : null;
		if (chosenRole != null && this.cohort.roleProfiles(Set.of(chosenRole)).isEmpty()) {
			errors.add("role", "role: choose a job role from the list", role);
			chosenRole = null;
		}
		ReadinessPeople.People people = summariseFirst(caller, filter, model)
				? ReadinessPeople.People.none(chosenRole, selection, SiteReadiness.readyBy(date)) : this.people
					.of(caller, filter.organisation(), chosenRole, selection, date, errors.isEmpty() ? after : null);
		model.addAttribute("people", people);
		UriComponentsBuilder next = UriComponentsBuilder.fromPath("")
			.queryParam("state", people.state().key())
			.queryParam("by", people.by());
		if (people.organisation() != null) {
			next.queryParam("organisation", people.organisation());
		}
		if (people.role() != null) {
			next.queryParam("role", people.role());
		}
		String query = next.encode().build().getQuery();
		model.addAttribute("pageQuery", query);
		model.addAttribute("pages", PageLinks.of("/coordinator/readiness/people", query,
				after != null && errors.isEmpty(), people.page().next()));
		return view("progress/readiness-people", errors, response);
	}

	@GetMapping("/readiness/export")
	ResponseEntity<byte[]> readinessExport(@RequestParam(required = false) String organisation,
			@RequestParam(required = false) String by, @RequestParam(defaultValue = "csv") String format,
			Authentication caller) {
		CohortFilter filter = CohortFilter.of(organisation, null, null);
		return Downloads.of(Exports.readiness(this.readiness.of(caller, filter.organisation(), date(by))),
				"site-readiness", format);
	}

	@PostMapping("/readiness/targets")
	@PreAuthorize("hasAnyRole('COORDINATOR','ADMIN')")
	String setTarget(@RequestParam String organisation, @RequestParam String role, @RequestParam String target,
			@RequestParam(required = false) String by, Authentication caller, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		try {
			Integer value;
			try {
				value = Integer.valueOf(target.strip());
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException(
						"target: enter the number of staff the site needs, as a whole number");
			}
			this.readiness.setTarget(caller, organisation, role, value);
			redirect.addFlashAttribute("saved", "Target for " + role + " at " + organisation + " set to " + value);
			return "redirect:/coordinator/readiness" + ((by != null && !by.isBlank()) ? "?by=" + by.strip() : "");
		}
		catch (IllegalArgumentException ex) {
			// the board again, the error beside the target typed and the rest as it was
			FieldErrors errors = FieldErrors.of(model);
			errors.add("target-" + organisation + "-" + role, ex.getMessage(), target);
			readinessBoard(caller, model, null, readyBy(by, model));
			return view("progress/readiness", errors, response);
		}
	}

	private void filterChoices(Authentication caller, Model model, CohortFilter filter) {
		model.addAttribute("filter", filter);
		List<OrganisationSummary> organisations = this.scope.organisations(caller);
		model.addAttribute("organisations", organisations);
		// lists name organisations where people read (progress/names.html)
		model.addAttribute("organisationNames", ProgressScope.namesByCode(organisations));
		// the roles on offer from one narrow read, not from every learner in scope
		model.addAttribute("roles", this.scope.jobRoles(caller));
		model.addAttribute("statuses", List.of("not_started", "in_progress", "achieved", "expiring", "expired"));
	}

	private static String query(CohortFilter filter, Integer days) {
		UriComponentsBuilder builder = UriComponentsBuilder.newInstance();
		if (filter.organisation() != null) {
			builder.queryParam("organisation", filter.organisation());
		}
		if (filter.role() != null) {
			builder.queryParam("role", filter.role());
		}
		if (filter.status() != null) {
			builder.queryParam("status", filter.statusKey());
		}
		if (filter.course() != null) {
			builder.queryParam("course", filter.course());
		}
		if (filter.framework() != null) {
			builder.queryParam("framework", filter.framework());
		}
		if (days != null) {
			builder.queryParam("days", days);
		}
		String query = builder.encode().build().getQuery();
		return (query != null) ? query + "&" : "";
	}

	static LocalDate date(String by) {
		if (by == null || by.isBlank()) {
			return null;
		}
		try {
			return LocalDate.parse(by.strip());
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException("by: enter a date as year-month-day, for example 2027-03-31");
		}
	}

}
