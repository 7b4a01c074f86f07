package org.attc.tracker.progress.internal.web;

import java.util.Optional;

import org.attc.tracker.progress.internal.LearnerRecords;
import org.attc.tracker.progress.internal.ProgressScope;
import org.attc.tracker.shared.LearnerId;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** A learner's own capabilities, and the same page for staff who may see them. */
@Controller
class LearnerPages {

	private final ProgressScope scope;

	private final LearnerRecords records;

	LearnerPages(ProgressScope scope, LearnerRecords records) {
		this.scope = scope;
		this.records = records;
	}

	/**
	 * A staff account has no record of its own: it gets a page that says so and where to
	 * go instead, not an error.
	 */
	@GetMapping("/my/capabilities")
	String mine(Authentication caller, Model model) {
		Optional<LearnerId> self = this.scope.self(caller);
		if (self.isEmpty()) {
			return "progress/no-own-record";
		}
		model.addAttribute("record", this.records.of(self.get()));
		model.addAttribute("own", true);
		return "progress/capabilities";
	}

	@GetMapping("/learners/{id}/capabilities")
	String learner(@PathVariable long id, Authentication caller, Model model) {
		LearnerId learner = this.scope.visibleLearner(caller, id);
		model.addAttribute("record", this.records.of(learner));
		model.addAttribute("own", this.scope.self(caller).map(learner::equals).orElse(false));
		return "progress/capabilities";
	}

}
