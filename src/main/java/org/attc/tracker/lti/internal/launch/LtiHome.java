package org.attc.tracker.lti.internal.launch;

import org.attc.tracker.identity.AppRole;
import org.attc.tracker.lti.LaunchedUser;
import org.attc.tracker.lti.internal.security.LaunchMessage;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** Where a launch lands: the learner's page or the teacher's (coordinator's) page. */
@Controller
class LtiHome {

	@GetMapping("/lti/home")
	String home(@AuthenticationPrincipal Object principal, Model model) {
		if (!(principal instanceof LaunchedUser user)) {
			// signed in with a local account: the service's start page is theirs
			return "redirect:/";
		}
		return render(user, null, model);
	}

	static String render(LaunchedUser user, LaunchMessage message, Model model) {
		model.addAttribute("user", user);
		model.addAttribute("launch", message);
		return (user.appRole() == AppRole.COORDINATOR) ? "lti/teacher" : "lti/learner";
	}

}
