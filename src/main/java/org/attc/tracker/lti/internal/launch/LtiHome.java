package org.attc.tracker.lti.internal.launch;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpSession;
import org.attc.tracker.crediting.AttainmentStatus;
import org.attc.tracker.crediting.Attainments;
import org.attc.tracker.crediting.CapabilityAttainment;
import org.attc.tracker.crediting.CourseMappings;
import org.attc.tracker.crediting.CreditingRoute;
import org.attc.tracker.crediting.CreditingRoutes;
import org.attc.tracker.framework.Capability;
import org.attc.tracker.framework.CapabilityCatalogue;
import org.attc.tracker.framework.Tier;
import org.attc.tracker.identity.AppRole;
import org.attc.tracker.identity.LearnerProfile;
import org.attc.tracker.identity.Learners;
import org.attc.tracker.lti.LaunchedUser;
import org.attc.tracker.lti.internal.security.LaunchMessage;
import org.attc.tracker.lti.internal.services.CourseRosterRefresh;
import org.attc.tracker.lti.internal.services.ServiceCallFailed;
import org.attc.tracker.notifications.DueItem;
import org.attc.tracker.notifications.DueSoon;
import org.attc.tracker.shared.LearnerId;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Where a launch lands. A learner sees where they stand on what this course (or link)
 * credits; a teacher sees the course's mappings and its learners' standing, and, in a
 * course that credits nothing yet, maps it (or the link) there and then.
 */
@Controller
class LtiHome {

	static final String LINK_KEY = LtiHome.class.getName() + ".link";

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.UK)
		.withZone(ZoneId.of("Europe/London"));

	private final CreditingRoutes routes;

	private final Attainments attainments;

	private final CapabilityCatalogue catalogue;

	private final CourseMappings courseMappings;

	private final Learners learners;

	private final CourseRosterRefresh rosters;

	private final DueSoon dueSoon;

	LtiHome(CreditingRoutes routes, Attainments attainments, CapabilityCatalogue catalogue,
			CourseMappings courseMappings, Learners learners, CourseRosterRefresh rosters, DueSoon dueSoon) {
		this.rosters = rosters;
		this.dueSoon = dueSoon;
		this.routes = routes;
		this.attainments = attainments;
		this.catalogue = catalogue;
		this.courseMappings = courseMappings;
		this.learners = learners;
	}

	/**
	 * The link a launch came through, kept for the pages that follow it in the session.
	 */
	record Link(String id, String title) implements java.io.Serializable {
	}

	@GetMapping("/lti/home")
	String home(@AuthenticationPrincipal Object principal, Authentication authentication, HttpSession session,
			Model model) {
		if (!(principal instanceof LaunchedUser user)) {
			// signed in with a local account: the service's start page is theirs
			return "redirect:/";
		}
		return page(user, (Link) session.getAttribute(LINK_KEY), authentication, model);
	}

	/**
	 * The page a launch answers with, straight away (no redirect: cookies may be
	 * blocked).
	 */
	String render(LaunchedUser user, LaunchMessage message, HttpSession session, Authentication authentication,
			Model model) {
		Link link = (message.resourceLink().id() != null)
				? new Link(message.resourceLink().id(), message.resourceLink().title()) : null;
		if (link != null) {
			session.setAttribute(LINK_KEY, link);
		}
		else {
			session.removeAttribute(LINK_KEY);
		}
		model.addAttribute("launch", message);
		return page(user, link, authentication, model);
	}

	@PostMapping("/lti/home/mappings")
	String map(@AuthenticationPrincipal Object principal, Authentication authentication, HttpSession session,
			@RequestParam(name = "scope", defaultValue = "course") String scope,
			@RequestParam(name = "capability", required = false) String capability,
			@RequestParam(name = "tier", required = false) String tier,
			@RequestParam(name = "validityMonths", required = false) String validityMonths, Model model) {
		if (!(principal instanceof LaunchedUser user) || user.appRole() != AppRole.COORDINATOR) {
			throw new org.springframework.security.access.AccessDeniedException(
					"only a course's teachers map it to capabilities");
		}
		Link link = (Link) session.getAttribute(LINK_KEY);
		List<CourseMappings.Refused.Fault> faults = new ArrayList<>();
		Integer months = null;
		if (validityMonths != null && !validityMonths.isBlank()) {
			try {
				months = Integer.valueOf(validityMonths.strip());
			}
			catch (NumberFormatException ex) {
				faults.add(new CourseMappings.Refused.Fault("validityMonths", "a whole number of months"));
			}
		}
		if ("link".equals(scope) && link == null) {
			faults.add(new CourseMappings.Refused.Fault("scope",
					"this launch did not come through a link: map the whole course"));
		}
		if (faults.isEmpty()) {
			try {
				long id = this.courseMappings.map(
						user, user.displayName() + " (teacher of course " + user.courseContextId() + " on "
								+ user.issuer() + ")",
						"link".equals(scope) ? link.id() : null, capability, tier, months);
				model.addAttribute("message", "Mapped (mapping " + id + "). Learners' stored statements are being "
						+ "credited now; their standing below updates as that finishes.");
			}
			catch (CourseMappings.Refused ex) {
				faults.addAll(ex.faults());
			}
		}
		if (!faults.isEmpty()) {
			model.addAttribute("faults", faults);
			model.addAttribute("chosenCapability", capability);
			model.addAttribute("chosenTier", tier);
			model.addAttribute("chosenValidity", validityMonths);
		}
		return page(user, link, authentication, model);
	}

	/** "Refresh roster now" for the course the teacher launched from (NRPS). */
	@PostMapping("/lti/home/roster")
	String refreshRoster(@AuthenticationPrincipal Object principal, Authentication authentication, HttpSession session,
			Model model) {
		if (!(principal instanceof LaunchedUser user) || user.appRole() != AppRole.COORDINATOR) {
			throw new org.springframework.security.access.AccessDeniedException(
					"only a course's teachers refresh its roster");
		}
		String message;
		try {
			int members = this.rosters.refreshOwnCourse(authentication)
				.stream()
				.mapToInt(CourseRosterRefresh.Refreshed::members)
				.sum();
			message = "Roster refreshed: the platform lists " + members + " members of this course.";
		}
		catch (CourseRosterRefresh.RosterUnavailable | CourseRosterRefresh.RosterRefreshRefused ex) {
			message = ex.getMessage();
		}
		catch (ServiceCallFailed ex) {
			message = "The platform did not give the roster ("
					+ ((ex.status() == 0) ? "unreachable" : "HTTP " + ex.status())
					+ "). The list below is the last one read.";
		}
		model.addAttribute("rosterMessage", message);
		return page(user, (Link) session.getAttribute(LINK_KEY), authentication, model);
	}

	private String page(LaunchedUser user, Link link, Authentication authentication, Model model) {
		model.addAttribute("user", user);
		model.addAttribute("link", link);
		List<CreditingRoute> courseRoutes = (user.context() != null)
				? this.routes.ofCourse(user.issuer(), user.context().id()) : List.of();
		List<CreditingRoute> shown = (link != null && user.context() != null)
				? this.routes.ofLink(user.issuer(), user.context().id(), link.id())
				: courseRoutes.stream().filter((r) -> r.resourceLinkId() == null).toList();
		Map<String, Optional<Capability>> capabilities = new LinkedHashMap<>();
		for (CreditingRoute route : courseRoutes) {
			capabilities.computeIfAbsent(route.capabilityIdentifier(), this.catalogue::capability);
		}
		List<RouteView> routeViews = courseRoutes.stream()
			.map((r) -> RouteView.of(r, capabilities.get(r.capabilityIdentifier()), link))
			.toList();
		model.addAttribute("routes", routeViews);
		List<RouteView> shownViews = routeViews.stream()
			.filter((v) -> shown.stream().anyMatch((r) -> r.mappingId() == v.mappingId()))
			.toList();
		model.addAttribute("shownRoutes", shownViews);
		Instant now = Instant.now();
		if (user.appRole() == AppRole.COORDINATOR) {
			model.addAttribute("cohort", cohort(authentication, shownViews, now));
			model.addAttribute("capabilityGroups", this.catalogue.capabilitiesByDomain());
			return "lti/teacher";
		}
		model.addAttribute("standings", shownViews.stream()
			.map((v) -> Standing.of(v, this.attainments.forLearner(user.learnerId(), v.capabilityIdentifier(), now)))
			.toList());
		// the same list as the e-mail reminders: the LMS as a channel
		List<DueItem> due = this.dueSoon.forLearner(user.learnerId());
		model.addAttribute("dueSoon", due);
		// activities by the names people read, not their IRIs
		model.addAttribute("activityNames",
				this.routes.activityNames(due.stream()
					.flatMap((d) -> d.routes().stream())
					.map(CreditingRoute::namedActivity)
					.filter(java.util.Objects::nonNull)
					.toList()));
		model.addAttribute("dateFormat", DATE);
		return "lti/learner";
	}

	private Cohort cohort(Authentication teacher, List<RouteView> shown, Instant now) {
		List<LearnerProfile> members = this.learners.learnersVisibleTo(teacher, null);
		Map<LearnerId, List<String>> roles = new LinkedHashMap<>();
		members.forEach((m) -> roles.put(m.id(), List.copyOf(m.jobRoles())));
		Map<LearnerId, List<CapabilityAttainment>> all = this.attainments.forLearners(roles, now);
		List<CohortRow> rows = new ArrayList<>();
		for (LearnerProfile member : members) {
			Map<String, CapabilityAttainment> mine = new LinkedHashMap<>();
			all.getOrDefault(member.id(), List.of()).forEach((a) -> mine.put(a.capabilityIdentifier(), a));
			rows.add(new CohortRow(member.id().value(),
					(member.name() != null) ? member.name() : "Learner " + member.id().value(),
					shown.stream().map((v) -> Standing.of(v, mine.get(v.capabilityIdentifier()))).toList()));
		}
		return new Cohort(shown, rows);
	}

	/** A mapping of this course, as the pages show it. */
	record RouteView(long mappingId, String capabilityIdentifier, String capabilityLabel, int tier, String tierName,
			String scope, String validity) {

		static RouteView of(CreditingRoute route, Optional<Capability> capability, Link link) {
			String label = capability.map(Capability::label).orElse(route.capabilityIdentifier());
			String tierName = capability.flatMap((c) -> c.tierScale().byRank(route.tier()))
				.map(Tier::name)
				.orElse("tier " + route.tier());
			String scope = (route.resourceLinkId() == null) ? "The whole course"
					: (link != null && link.id().equals(route.resourceLinkId()))
							? "This link" + ((link.title() != null) ? " (" + link.title() + ")" : "")
							: "Another link in this course";
			String validity = (route.validityMonths() == null) ? "Does not expire" : route.validityMonths() + " months";
			return new RouteView(route.mappingId(), route.capabilityIdentifier(), label, route.tier(), tierName, scope,
					validity);
		}

	}

	/** Where one learner stands against one thing the course credits. */
	record Standing(String capabilityLabel, String tierName, Integer heldTier, String status, String statusKey,
			String expires) {

		/** A shape per status, so colour is never the only signal (WCAG 1.4.1). */
		public String icon() {
			return switch (this.statusKey) {
				case "achieved" -> "✓";
				case "expiring" -> "!";
				case "expired" -> "✗";
				case "in_progress" -> "◐";
				default -> "○";
			};
		}

		public String cssClass() {
			return switch (this.statusKey) {
				case "achieved" -> "govuk-tag--green";
				case "expiring" -> "govuk-tag--yellow";
				case "expired" -> "govuk-tag--red";
				case "in_progress" -> "govuk-tag--blue";
				default -> "govuk-tag--grey";
			};
		}

		static Standing of(RouteView route, CapabilityAttainment attainment) {
			Integer held = (attainment != null) ? attainment.tier() : null;
			AttainmentStatus status = (attainment != null) ? attainment.status() : AttainmentStatus.NOT_STARTED;
			String key;
			String text;
			if (held != null && held >= route.tier() && (status == AttainmentStatus.ACHIEVED
					|| status == AttainmentStatus.EXPIRING || status == AttainmentStatus.IN_PROGRESS)) {
				// in progress with a tier held means a role asks for more: this course's
				// part is done
				key = (status == AttainmentStatus.EXPIRING) ? "expiring" : "achieved";
				text = (status == AttainmentStatus.EXPIRING) ? "Achieved, expiring soon" : "Achieved";
			}
			else if (status == AttainmentStatus.EXPIRED) {
				key = "expired";
				text = "Expired";
			}
			else if (held != null || status == AttainmentStatus.IN_PROGRESS) {
				key = "in_progress";
				text = "In progress";
			}
			else {
				key = "not_started";
				text = "Not started";
			}
			String expires = (attainment != null && attainment.expiresAt() != null)
					? DATE.format(attainment.expiresAt()) : "";
			return new Standing(route.capabilityLabel(), route.tierName(), held, text, key, expires);
		}

	}

	record CohortRow(long learnerId, String name, List<Standing> standings) {
	}

	record Cohort(List<RouteView> columns, List<CohortRow> rows) {
	}

}
