package org.attc.tracker.progress.internal;

import org.attc.tracker.identity.Learners;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The start page a signed-in person lands on. */
@Controller
class HomePage {

	private final Learners learners;

	private final ProgressScope scope;

	HomePage(Learners learners, ProgressScope scope) {
		this.learners = learners;
		this.scope = scope;
	}

	@GetMapping("/")
	String home(Authentication caller, Model model) {
		// administrators and programme leads see how many learners no cohort view counts
		// yet
		model.addAttribute("unassigned", this.learners.unassignedCount(caller));
		// "My capabilities" only for someone signed in as a learner: staff get JSON there
		model.addAttribute("ownRecord", this.scope.self(caller).isPresent());
		return "progress/home";
	}

}
