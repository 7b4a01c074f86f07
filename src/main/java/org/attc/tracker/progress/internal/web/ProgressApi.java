package org.attc.tracker.progress.internal.web;

import org.attc.tracker.progress.internal.ActivityLists;
import org.attc.tracker.progress.internal.CohortFilter;
import org.attc.tracker.progress.internal.CohortMatrix;
import org.attc.tracker.progress.internal.ExpiryLists;
import org.attc.tracker.progress.internal.Exports;
import org.attc.tracker.progress.internal.MatrixSort;
import org.attc.tracker.progress.internal.LearnerRecord;
import org.attc.tracker.progress.internal.LearnerRecords;
import org.attc.tracker.progress.internal.ProgrammeSummary;
import org.attc.tracker.progress.internal.ProgressScope;
import org.attc.tracker.progress.internal.ReadinessPeople;
import org.attc.tracker.progress.internal.SiteReadiness;
import org.attc.tracker.progress.internal.Trends;
import org.attc.tracker.shared.LearnerId;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Every progress view as JSON, for BI tools; the exports as files. */
@RestController
@RequestMapping("/api/progress")
class ProgressApi {

	private final ProgressScope scope;

	private final LearnerRecords records;

	private final CohortMatrix matrix;

	private final ExpiryLists expiry;

	private final SiteReadiness readiness;

	private final ProgrammeSummary summary;

	private final Trends trends;

	private final ActivityLists activity;

	private final ReadinessPeople people;

	ProgressApi(ProgressScope scope, LearnerRecords records, CohortMatrix matrix, ExpiryLists expiry,
			SiteReadiness readiness, ProgrammeSummary summary, Trends trends, ActivityLists activity,
			ReadinessPeople people) {
		this.people = people;
		this.trends = trends;
		this.activity = activity;
		this.scope = scope;
		this.records = records;
		this.matrix = matrix;
		this.expiry = expiry;
		this.readiness = readiness;
		this.summary = summary;
	}

	/**
	 * Coverage per organisation, domain and role profile: national for an administrator.
	 */
	@GetMapping("/summary")
	@PreAuthorize("hasAnyRole('COORDINATOR','PROGRAMME','ADMIN')")
	ProgrammeSummary.Summary summary(Authentication caller) {
		return this.summary.of(caller);
	}

	@GetMapping("/summary/export")
	@PreAuthorize("hasAnyRole('COORDINATOR','PROGRAMME','ADMIN')")
	ResponseEntity<byte[]> summaryExport(@RequestParam(defaultValue = "csv") String format, Authentication caller) {
		return Downloads.of(Exports.summary(this.summary.of(caller)), "programme-summary", format);
	}

	/**
	 * Attainment over time per domain and organisation, monthly, for the caller's
	 * learners narrowed by organisation and job role.
	 */
	@GetMapping("/trends")
	@PreAuthorize("hasAnyRole('COORDINATOR','PROGRAMME','ADMIN')")
	Trends.Trend trends(@RequestParam(required = false) String organisation,
			@RequestParam(required = false) String role, @RequestParam(defaultValue = "12") int months,
			Authentication caller) {
		return this.trends.of(caller, CohortFilter.of(organisation, role, null), months);
	}

	/** Learners in scope with no evidence at all. */
	@GetMapping("/not-started")
	@PreAuthorize("hasAnyRole('COORDINATOR','PROGRAMME','ADMIN')")
	ActivityLists.NotStartedList notStarted(@RequestParam(required = false) String organisation,
			@RequestParam(required = false) String role, Authentication caller) {
		return this.activity.notStarted(caller, CohortFilter.of(organisation, role, null));
	}

	@GetMapping("/not-started/export")
	@PreAuthorize("hasAnyRole('COORDINATOR','PROGRAMME','ADMIN')")
	ResponseEntity<byte[]> notStartedExport(@RequestParam(required = false) String organisation,
			@RequestParam(required = false) String role, @RequestParam(defaultValue = "csv") String format,
			Authentication caller) {
		return Downloads.of(
				Exports.notStarted(this.activity.notStarted(caller, CohortFilter.of(organisation, role, null))),
				"not-started", format);
	}

	/** Capabilities achieved within the last {@code days} (7, 30 or 90). */
	@GetMapping("/recently-achieved")
	@PreAuthorize("hasAnyRole('COORDINATOR','PROGRAMME','ADMIN')")
	ActivityLists.AchievedList recentlyAchieved(@RequestParam(required = false) String organisation,
			@RequestParam(required = false) String role, @RequestParam(defaultValue = "30") int days,
			Authentication caller) {
		return this.activity.recentlyAchieved(caller, CohortFilter.of(organisation, role, null), days);
	}

	@GetMapping("/recently-achieved/export")
	@PreAuthorize("hasAnyRole('COORDINATOR','PROGRAMME','ADMIN')")
	ResponseEntity<byte[]> recentlyAchievedExport(@RequestParam(required = false) String organisation,
			@RequestParam(required = false) String role, @RequestParam(defaultValue = "30") int days,
			@RequestParam(defaultValue = "csv") String format, Authentication caller) {
		return Downloads.of(
				Exports.recentlyAchieved(
						this.activity.recentlyAchieved(caller, CohortFilter.of(organisation, role, null), days)),
				"recently-achieved", format);
	}

	/** The caller's own record, when they are signed in as a learner. */
	@GetMapping("/me")
	LearnerRecord me(Authentication caller) {
		LearnerId self = this.scope.self(caller).orElseThrow(() -> new NotALearner());
		return this.records.of(self);
	}

	@GetMapping("/learners/{id}")
	LearnerRecord learner(@PathVariable long id, Authentication caller) {
		return this.records.of(this.scope.visibleLearner(caller, id));
	}

	/**
	 * A page of the matrix's rows ({@code total} says how many match), continued with
	 * {@code after} (the {@code next} of the page before); the export has every row.
	 */
	@GetMapping("/matrix")
	@PreAuthorize("hasAnyRole('COORDINATOR','PROGRAMME','ADMIN')")
	CohortMatrix.Matrix matrix(@RequestParam(required = false) String organisation,
			@RequestParam(required = false) String role, @RequestParam(required = false) String status,
			@RequestParam(required = false) String course, @RequestParam(required = false) String framework,
			@RequestParam(required = false) String sort, @RequestParam(required = false) String after,
			Authentication caller) {
		return this.matrix.page(caller, CohortFilter.of(organisation, role, status, course, framework),
				MatrixSort.of(sort), after);
	}

	@GetMapping("/matrix/export")
	@PreAuthorize("hasAnyRole('COORDINATOR','PROGRAMME','ADMIN')")
	ResponseEntity<byte[]> matrixExport(@RequestParam(required = false) String organisation,
			@RequestParam(required = false) String role, @RequestParam(required = false) String status,
			@RequestParam(required = false) String course, @RequestParam(required = false) String framework,
			@RequestParam(required = false) String sort, @RequestParam(defaultValue = "csv") String format,
			Authentication caller) {
		return Downloads.of(Exports.matrix(this.matrix.of(caller,
				CohortFilter.of(organisation, role, status, course, framework), MatrixSort.of(sort))),
				"capability-matrix", format);
	}

	/**
	 * A page of each list, continued with {@code expiringAfter} and {@code expiredAfter}
	 * (the {@code expiringNext} and {@code expiredNext} of the page before).
	 */
	@GetMapping("/expiring")
	@PreAuthorize("hasAnyRole('COORDINATOR','PROGRAMME','ADMIN')")
	ExpiryLists.Lists expiring(@RequestParam(required = false) String organisation,
			@RequestParam(required = false) String role, @RequestParam(defaultValue = "90") int days,
			@RequestParam(required = false) String expiringAfter, @RequestParam(required = false) String expiredAfter,
			Authentication caller) {
		return this.expiry.of(caller, CohortFilter.of(organisation, role, null), days)
			.page(expiringAfter, expiredAfter);
	}

	@GetMapping("/expiring/export")
	@PreAuthorize("hasAnyRole('COORDINATOR','PROGRAMME','ADMIN')")
	ResponseEntity<byte[]> expiringExport(@RequestParam(required = false) String organisation,
			@RequestParam(required = false) String role, @RequestParam(defaultValue = "90") int days,
			@RequestParam(defaultValue = "csv") String format, Authentication caller) {
		return Downloads.of(Exports.expiry(this.expiry.of(caller, CohortFilter.of(organisation, role, null), days)),
				"expiry", format);
	}

	@GetMapping("/readiness")
	@PreAuthorize("hasAnyRole('COORDINATOR','PROGRAMME','ADMIN')")
	SiteReadiness.Board readiness(@RequestParam(required = false) String organisation,
			@RequestParam(required = false) String by, Authentication caller) {
		return this.readiness.of(caller, CohortFilter.of(organisation, null, null).organisation(),
				CoordinatorPages.date(by));
	}

	/**
	 * The people behind a readiness count, each with what they lack and the activities
	 * that close it; a page at a time, continued with {@code after} (the {@code next} of
	 * the page before).
	 */
	@GetMapping("/readiness/people")
	@PreAuthorize("hasAnyRole('COORDINATOR','PROGRAMME','ADMIN')")
	ReadinessPeople.People readinessPeople(@RequestParam(required = false) String organisation,
			@RequestParam(required = false) String role, @RequestParam(required = false) String state,
			@RequestParam(required = false) String by, @RequestParam(required = false) String after,
			Authentication caller) {
		return this.people.of(caller, organisation, role, ReadinessPeople.Selection.of(state),
				CoordinatorPages.date(by), after);
	}

	@GetMapping("/readiness/export")
	@PreAuthorize("hasAnyRole('COORDINATOR','PROGRAMME','ADMIN')")
	ResponseEntity<byte[]> readinessExport(@RequestParam(required = false) String organisation,
			@RequestParam(required = false) String by, @RequestParam(defaultValue = "csv") String format,
			Authentication caller) {
		return Downloads.of(Exports.readiness(this.readiness.of(caller,
				CohortFilter.of(organisation, null, null).organisation(), CoordinatorPages.date(by))), "site-readiness",
				format);
	}

	record TargetRequest(String organisation, String role, Integer target) {
	}

	@PutMapping("/readiness/targets")
	@PreAuthorize("hasAnyRole('COORDINATOR','ADMIN')")
	TargetRequest setTarget(@RequestBody(required = false) TargetRequest request, Authentication caller) {
		if (request == null) {
			throw new IllegalArgumentException("body: organisation, role and target are required");
		}
		this.readiness.setTarget(caller, request.organisation(), request.role(), request.target());
		return request;
	}

	/** Asked for "my" record without being signed in as a learner. */
	static class NotALearner extends RuntimeException {

		NotALearner() {
			super("You are not signed in as a learner, so you have no record of your own here");
		}

	}

}
