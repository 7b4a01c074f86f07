package org.attc.tracker.identity.internal.learner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.attc.tracker.identity.internal.FormError;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The worklist of learners without an organisation (assign one, many, or by CSV) and the
 * organisation rules page. Assignments go through the single-learner rule
 * ({@link LearnerAdministration#assignOrganisations(long, List, Authentication)}).
 */
@Controller
class PlacementPages {

	/** The rule form's fields as its labels name them. */
	private static final Map<String, String> RULE_FIELDS = Map.of("platformIssuer", "Platform issuer", "deploymentId",
			"Deployment id", "contextId", "Course id", "organisation", "Organisation", "jobRoles", "Job roles");

	private final LearnerRoster roster;

	private final LearnerAdministration administration;

	private final PlacementRules rules;

	PlacementPages(LearnerRoster roster, LearnerAdministration administration, PlacementRules rules) {
		this.roster = roster;
		this.administration = administration;
		this.rules = rules;
	}

	@GetMapping("/learners/unassigned")
	@PreAuthorize("hasAnyRole('PROGRAMME','ADMIN')")
	String unassigned(Authentication caller, Model model) {
		model.addAttribute("learners", this.roster.unassigned(caller));
		model.addAttribute("organisationChoices", this.roster.organisationsVisibleTo(caller));
		return "identity/unassigned";
	}

	/** Assigns the ticked learners to one organisation, all or nothing. */
	@PostMapping("/learners/unassigned/assign")
	@PreAuthorize("hasAnyRole('COORDINATOR','ADMIN')")
	String assign(@RequestParam(name = "learner", required = false) List<Long> learners,
			@RequestParam(required = false) String organisation, Authentication caller, RedirectAttributes redirect) {
		if (learners == null || learners.isEmpty() || organisation == null || organisation.isBlank()) {
			redirect.addFlashAttribute("error", "Tick the learners and choose an organisation.");
			return "redirect:/learners/unassigned";
		}
		try {
			int count = this.administration.assignOrganisations(learners, List.of(organisation), caller).size();
			redirect.addFlashAttribute("message",
					count + ((count == 1) ? " learner" : " learners") + " assigned to " + organisation + ".");
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			redirect.addFlashAttribute("error", "Nobody was assigned: " + ex.getMessage());
		}
		return "redirect:/learners/unassigned";
	}

	/** Assigns organisations from an uploaded {@code learnerId,organisations} file. */
	@PostMapping("/learners/unassigned/import")
	@PreAuthorize("hasAnyRole('COORDINATOR','ADMIN')")
	String importFile(@RequestParam(required = false) MultipartFile file, Authentication caller,
			RedirectAttributes redirect) throws IOException {
		if (file == null || file.isEmpty()) {
			redirect.addFlashAttribute("error", "Choose a CSV file with the header learnerId,organisations.");
			return "redirect:/learners/unassigned";
		}
		try {
			int count = this.administration
				.assignOrganisationsFromCsv(new String(file.getBytes(), StandardCharsets.UTF_8), caller)
				.size();
			redirect.addFlashAttribute("message", count + ((count == 1) ? " learner" : " learners") + " assigned.");
		}
		catch (InvalidLearnerFile ex) {
			redirect.addFlashAttribute("error", "Nobody was assigned: " + ex.getMessage());
			redirect.addFlashAttribute("problems", ex.problems());
		}
		return "redirect:/learners/unassigned";
	}

	@GetMapping("/organisation-rules")
	@PreAuthorize("hasAnyRole('COORDINATOR','PROGRAMME','ADMIN')")
	String rules(Authentication caller, Model model) {
		return rulesPage(caller, model, Map.of(), List.of());
	}

	/**
	 * The rules and the form, with what was typed and what is wrong with it, if anything.
	 */
	private String rulesPage(Authentication caller, Model model, Map<String, String> typed, List<FormError> errors) {
		model.addAttribute("rules", this.rules.visibleTo(caller));
		model.addAttribute("organisationChoices", this.roster.organisationsVisibleTo(caller));
		model.addAttribute("typed", typed);
		model.addAttribute("errors", errors);
		model.addAttribute("fieldErrors", FormError.byField(errors));
		return "identity/organisation-rules";
	}

	@PostMapping("/organisation-rules")
	@PreAuthorize("hasAnyRole('COORDINATOR','ADMIN')")
	String setRule(@RequestParam(required = false) String platformIssuer,
			@RequestParam(required = false) String deploymentId, @RequestParam(required = false) String contextId,
			@RequestParam(required = false) String organisation, @RequestParam(required = false) String jobRoles,
			Authentication caller, Model model, RedirectAttributes redirect) {
		List<String> roles = (jobRoles == null || jobRoles.isBlank()) ? List.of()
				: Arrays.stream(jobRoles.split("[,\\s]+")).filter((r) -> !r.isBlank()).toList();
		try {
			PlacementRules.Change change = this.rules.set(platformIssuer, deploymentId, contextId, organisation, roles,
					caller);
			redirect.addFlashAttribute("message", "Rule saved (" + change.rule().describe() + "): "
					+ change.learnersChanged() + " learners' organisations or job roles changed.");
		}
		catch (IllegalArgumentException | AccessDeniedException ex) {
			// the form again, as typed, with the error by its field
			Map<String, String> typed = new HashMap<>();
			typed.put("platformIssuer", platformIssuer);
			typed.put("deploymentId", deploymentId);
			typed.put("contextId", contextId);
			typed.put("organisation", organisation);
			typed.put("jobRoles", jobRoles);
			return rulesPage(caller, model, typed, FormError.all(ex, RULE_FIELDS));
		}
		return "redirect:/organisation-rules";
	}

	@PostMapping("/organisation-rules/{id}/delete")
	@PreAuthorize("hasAnyRole('COORDINATOR','ADMIN')")
	String removeRule(@PathVariable long id, Authentication caller, RedirectAttributes redirect) {
		try {
			PlacementRules.Change change = this.rules.remove(id, caller);
			redirect.addFlashAttribute("message", "Rule removed (" + change.rule().describe() + "): "
					+ change.learnersChanged() + " learners' organisations or job roles changed.");
		}
		catch (IllegalArgumentException | AccessDeniedException | UnknownPlacementRule ex) {
			redirect.addFlashAttribute("error", "The rule was not removed: " + ex.getMessage());
		}
		return "redirect:/organisation-rules";
	}

	/** Gives a learner's organisations back to the rules. */
	@PostMapping("/learners/{id}/organisations/release")
	@PreAuthorize("hasAnyRole('COORDINATOR','ADMIN')")
	String release(@PathVariable long id, Authentication caller, RedirectAttributes redirect) {
		try {
			this.administration.releaseOrganisations(id, caller);
			redirect.addFlashAttribute("message", "The organisations now follow the rules.");
		}
		catch (IllegalArgumentException ex) {
			redirect.addFlashAttribute("error", "Not changed: " + ex.getMessage());
		}
		return "redirect:/learners/" + id;
	}

}
