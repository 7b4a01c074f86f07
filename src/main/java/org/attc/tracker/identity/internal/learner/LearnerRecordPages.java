package org.attc.tracker.identity.internal.learner;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;

import org.attc.tracker.shared.PageLinks;
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

	private final LearnerRoster roster;

	private final LearnerSearch search;

	LearnerRecordPages(LearnerDirectory directory, LearnerAdministration administration, LearnerApi api,
			LearnerRoster roster, LearnerSearch search) {
		this.search = search;
		this.directory = directory;
		this.administration = administration;
		this.api = api;
		this.roster = roster;
	}

	@GetMapping("/learners")
	@PreAuthorize("hasAnyRole('COORDINATOR','PROGRAMME','ADMIN')")
	String list(@RequestParam(required = false) String q, @RequestParam(required = false) String identifier,
			@RequestParam(required = false) String after, Authentication caller, Model model,
			HttpServletResponse response) {
		// "identifier" is what the form sent before it searched names too
		String text = (q != null) ? q.strip() : (identifier != null) ? identifier.strip() : "";
		model.addAttribute("q", text);
		if (LearnerSearch.looksLikeIdentifier(text)) {
			try {
				return "redirect:/learners/" + this.api.learner(text, caller).id();
			}
			catch (UnknownLearner ex) {
				// not exactly as stored (another case, say): the search below finds
				// identifiers whatever their case, and says so when it finds none
			}
			catch (IllegalArgumentException ex) {
				model.addAttribute("error",
						"That is not an identifier we understand: give an e-mail address as mailto:name@nhs.net, "
								+ "a JSON actor, an mbox_sha1sum or an openid URL.");
			}
		}
		Long from = null;
		if (after != null && !after.isBlank()) {
			try {
				from = Long.valueOf(after.strip());
			}
			catch (NumberFormatException ex) {
				model.addAttribute("error", "That page of the list does not exist: start again from the first page.");
			}
		}
		LearnerSearch.Page page = (model.getAttribute("error") != null) ? LearnerSearch.Page.empty()
				: this.search.find(caller, text, from);
		if (page.rows().isEmpty() && LearnerSearch.looksLikeIdentifier(text)) {
			model.addAttribute("error", "No learner you may see is known by that identifier.");
		}
		if (model.getAttribute("error") != null) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		}
		model.addAttribute("page", page);
		model.addAttribute("pages",
				PageLinks.of("/learners", text.isEmpty() ? "" : "q=" + URLEncoder.encode(text, StandardCharsets.UTF_8),
						from != null, (page.next() != null) ? page.next().toString() : null));
		return "identity/learners";
	}

	@GetMapping("/learners/{id}")
	@PreAuthorize("hasAnyRole('COORDINATOR','PROGRAMME','ADMIN')")
	String learner(@PathVariable long id, Authentication caller, Model model) {
		model.addAttribute("learner", this.directory.view(id, caller));
		model.addAttribute("organisationChoices", this.roster.organisationsVisibleTo(caller));
		return "identity/learner";
	}

	/**
	 * Sets the learner's organisations to those ticked (only the caller's own can be).
	 */
	@PostMapping("/learners/{id}/organisations")
	String organisations(@PathVariable long id,
			@RequestParam(name = "organisation", required = false) java.util.List<String> codes, Authentication caller,
			RedirectAttributes redirect) {
		try {
			// organisations outside the caller's scope are not on the form: keep them
			java.util.Set<String> mine = new java.util.HashSet<>();
			this.roster.organisationsVisibleTo(caller).forEach((o) -> mine.add(o.code()));
			java.util.Set<String> wanted = new java.util.LinkedHashSet<>((codes != null) ? codes : java.util.List.of());
			this.directory.view(id, caller)
				.organisations()
				.stream()
				.filter((c) -> !mine.contains(c))
				.forEach(wanted::add);
			this.administration.assignOrganisations(id, java.util.List.copyOf(wanted), caller);
			redirect.addFlashAttribute("message", "Organisations saved.");
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			redirect.addFlashAttribute("error", "The organisations were not saved: " + ex.getMessage());
		}
		return "redirect:/learners/" + id;
	}

	/**
	 * Sets the learner's job roles (codes of role profiles), comma or space separated.
	 */
	@PostMapping("/learners/{id}/job-roles")
	String jobRoles(@PathVariable long id, @RequestParam(name = "jobRoles", required = false) String text,
			Authentication caller, RedirectAttributes redirect) {
		java.util.List<String> roles = (text == null || text.isBlank()) ? java.util.List.of()
				: java.util.Arrays.stream(text.split("[,\\s]+")).filter((r) -> !r.isBlank()).toList();
		try {
			this.administration.assignJobRoles(id, roles, caller);
			redirect.addFlashAttribute("message", "Job roles saved: the learner's role profiles follow them.");
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			redirect.addFlashAttribute("error", "The job roles were not saved: " + ex.getMessage());
		}
		return "redirect:/learners/" + id;
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
