package org.attc.tracker.identity.internal.learner;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Pages for coordinators: find a learner, see why each identifier is theirs, merge and
 * split.
 */
@Controller
@PreAuthorize("hasAnyRole('COORDINATOR','ADMIN')")
class LearnerRecordPages {

	private final LearnerDirectory directory;

	private final LearnerAdministration administration;

	private final LearnerApi api;

	LearnerRecordPages(LearnerDirectory directory, LearnerAdministration administration, LearnerApi api) {
		this.directory = directory;
		this.administration = administration;
		this.api = api;
	}

	@GetMapping("/learners")
	@PreAuthorize("hasAnyRole('COORDINATOR','PROGRAMME','ADMIN')")
	String list(@RequestParam(required = false) String identifier, Authentication caller, Model model) {
		model.addAttribute("identifier", identifier);
		if (identifier != null && !identifier.isBlank()) {
			try {
				Object found = this.api.find(identifier, caller);
				return "redirect:/learners/" + ((LearnerView) found).id();
			}
			catch (UnknownLearner ex) {
				model.addAttribute("error", "No learner you may see is known by that identifier.");
			}
			catch (IllegalArgumentException ex) {
				model.addAttribute("error",
						"That is not an identifier we understand: give an e-mail address as mailto:name@nhs.net, "
								+ "a JSON actor, an mbox_sha1sum or an openid URL.");
			}
		}
		model.addAttribute("learners", this.directory.list(caller));
		return "identity/learners";
	}

	@GetMapping("/learners/{id}")
	@PreAuthorize("hasAnyRole('COORDINATOR','PROGRAMME','ADMIN')")
	String learner(@PathVariable long id, Authentication caller, Model model) {
		model.addAttribute("learner", this.directory.view(id, caller));
		return "identity/learner";
	}

	@PostMapping("/learners/{id}/merge")
	String merge(@PathVariable long id, @RequestParam(required = false) Long otherLearnerId,
			@RequestParam(required = false) String reason, Authentication caller, RedirectAttributes redirect) {
		if (otherLearnerId == null) {
			redirect.addFlashAttribute("error", "Enter the number of the learner record to merge into this one.");
			return "redirect:/learners/" + id;
		}
		try {
			this.administration.merge(id, otherLearnerId, reason, caller);
			redirect.addFlashAttribute("message", "Learner " + otherLearnerId + " was merged into this record. "
					+ "Their evidence is being moved here and attainment recomputed.");
		}
		catch (IllegalArgumentException | IllegalStateException | UnknownLearner ex) {
			redirect.addFlashAttribute("error", "The records were not merged: " + ex.getMessage());
		}
		return "redirect:/learners/" + id;
	}

	@PostMapping("/learners/{id}/split")
	String split(@PathVariable long id, @RequestParam long mergeId, Authentication caller,
			RedirectAttributes redirect) {
		try {
			this.administration.split(id, mergeId, caller);
			redirect.addFlashAttribute("message", "The merge was reversed: the other record has its identifiers back.");
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			redirect.addFlashAttribute("error", "The merge was not reversed: " + ex.getMessage());
		}
		return "redirect:/learners/" + id;
	}

	@ExceptionHandler(UnknownLearner.class)
	@ResponseStatus(org.springframework.http.HttpStatus.NOT_FOUND)
	String unknown(Model model) {
		model.addAttribute("status", 404);
		return "error";
	}

}
