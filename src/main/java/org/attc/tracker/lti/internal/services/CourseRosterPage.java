package org.attc.tracker.lti.internal.services;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Administrators: the courses launches came from, each with "Refresh roster now". */
@Controller
class CourseRosterPage {

	private final CourseRosterRefresh refresh;

	CourseRosterPage(CourseRosterRefresh refresh) {
		this.refresh = refresh;
	}

	@GetMapping("/lti/admin/courses")
	String page(Authentication caller, Model model) {
		model.addAttribute("courses", this.refresh.courses(caller));
		return "lti/courses";
	}

	@PostMapping("/lti/admin/courses/roster-refresh")
	String refresh(@RequestParam(name = "platformId", required = false) Long platformId,
			@RequestParam(name = "contextId", required = false) String contextId, Authentication caller,
			RedirectAttributes redirect) {
		try {
			CourseRosterRefresh.Refreshed done = this.refresh.refresh(caller, platformId, contextId);
			redirect.addFlashAttribute("done",
					"Roster of course " + done.contextId() + " refreshed: " + done.members() + " members.");
		}
		catch (CourseRosterRefresh.InvalidRosterRequest | CourseRosterRefresh.UnknownCourse
				| CourseRosterRefresh.RosterUnavailable ex) {
			redirect.addFlashAttribute("failed", ex.getMessage());
		}
		catch (ServiceCallFailed ex) {
			redirect.addFlashAttribute("failed", "The platform did not give the roster: " + ex.getMessage());
		}
		return "redirect:/lti/admin/courses";
	}

}
