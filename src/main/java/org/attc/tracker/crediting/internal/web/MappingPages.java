package org.attc.tracker.crediting.internal.web;

import java.util.Arrays;
import java.util.List;

import org.attc.tracker.crediting.internal.engine.MappingAdministration;
import org.attc.tracker.crediting.internal.engine.RecomputeJobs;
import org.attc.tracker.crediting.internal.engine.UnknownMapping;
import org.attc.tracker.crediting.internal.mapping.ActivityMapping;
import org.attc.tracker.crediting.internal.mapping.InvalidMapping;
import org.attc.tracker.crediting.internal.mapping.MappingRequest;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The mappings page: list, preview, create, delete, and the recompute jobs they start.
 */
@Controller
@PreAuthorize("hasAnyRole('COORDINATOR','ADMIN')")
class MappingPages {

	private final MappingAdministration administration;

	private final RecomputeJobs jobs;

	private final MappingEditors editors;

	private final FrameworkChoices choices;

	MappingPages(MappingAdministration administration, RecomputeJobs jobs, MappingEditors editors,
			FrameworkChoices choices) {
		this.editors = editors;
		this.choices = choices;
		this.administration = administration;
		this.jobs = jobs;
	}

	/** The form as posted: text fields, turned into a {@link MappingRequest}. */
	record MappingForm(String activityId, String match, String platformIssuer, String contextId, String cmi5CourseId,
			String moveOn, String capability, String tier, String verbs, Boolean requireSuccess, Double minScorePercent,
			Integer points, Integer threshold, Integer validityMonths, Long id, String resourceLinkId) {

		static MappingForm empty() {
			return new MappingForm(null, "exact", null, null, null, null, null, null, null, false, null, null, null,
					null, null, null);
		}

		/** A stored mapping, as the form shows it for editing. */
		static MappingForm of(MappingApi.MappingView m) {
			boolean activity = "exact".equals(m.match()) || "prefix".equals(m.match());
			return new MappingForm(activity ? m.activityId() : null, activity ? m.match() : "exact", m.platformIssuer(),
					m.contextId(), m.cmi5CourseId(), m.moveOn(),
					(m.capability().get("code") != null) ? m.capability().get("code")
							: m.capability().get("identifier"),
					Integer.toString(m.tier()), m.verbs().isEmpty() ? null : String.join(", ", m.verbs()),
					m.requireSuccess(), (m.minScaledScore() != null) ? m.minScaledScore() * 100 : null, m.points(),
					m.threshold(), m.validityMonths(), m.id(), m.resourceLinkId());
		}

		MappingRequest request() {
			List<String> verbList = (blank(this.verbs)) ? null
					: Arrays.stream(this.verbs.split("[,\\s]+")).filter((v) -> !v.isBlank()).toList();
			return new MappingRequest(text(this.activityId), text(this.activityId) != null ? this.match : null,
					text(this.platformIssuer), text(this.contextId),
					(text(this.platformIssuer) != null) ? text(this.resourceLinkId) : null, text(this.cmi5CourseId),
					text(this.capability), text(this.tier), verbList, this.requireSuccess,
					(this.minScorePercent != null) ? this.minScorePercent / 100.0 : null, text(this.moveOn),
					this.points, this.threshold, this.validityMonths);
		}

		private static boolean blank(String value) {
			return value == null || value.isBlank();
		}

		private static String text(String value) {
			return blank(value) ? null : value.strip();
		}

	}

	@GetMapping("/mappings")
	String page(Model model) {
		return render(model, MappingForm.empty());
	}

	@PostMapping(path = "/mappings", params = "action=preview")
	String preview(@ModelAttribute MappingForm form, Model model, Authentication caller) {
		try {
			MappingAdministration.Preview preview = this.administration.preview(form.request(), caller);
			model.addAttribute("preview",
					"This mapping would credit " + preview.learners() + " learner"
							+ ((preview.learners() == 1) ? "" : "s") + " now (" + preview.statements()
							+ " statements meet its rule).");
		}
		catch (InvalidMapping ex) {
			model.addAttribute("faults", ex.faults());
		}
		return render(model, form);
	}

	@PostMapping(path = "/mappings", params = "action=save")
	String save(@ModelAttribute MappingForm form, Model model, Authentication caller, RedirectAttributes redirect) {
		try {
			this.editors.checkMayWrite(caller, form.request());
			MappingAdministration.Saved saved = this.administration.create(form.request(), MappingEditors.who(caller),
					this.editors.ownerFor(caller));
			redirect.addFlashAttribute("message", "Mapping " + saved.mapping().id()
					+ " saved. Stored statements are being credited (recompute job " + saved.recomputeJobId() + ").");
			return "redirect:/mappings";
		}
		catch (InvalidMapping ex) {
			model.addAttribute("faults", ex.faults());
			return render(model, form);
		}
	}

	@GetMapping("/mappings/{id}/edit")
	String edit(@PathVariable long id, Model model) {
		MappingApi.MappingView mapping = MappingApi.MappingView.of(this.administration.find(id));
		return render(model, MappingForm.of(mapping));
	}

	@PostMapping(path = "/mappings", params = "action=update")
	String update(@ModelAttribute MappingForm form, Model model, Authentication caller, RedirectAttributes redirect) {
		if (form.id() == null) {
			model.addAttribute("error", "Which mapping to change was not sent: open it again from the list.");
			return render(model, form);
		}
		try {
			this.editors.checkMayChange(caller, this.administration.find(form.id()));
			this.editors.checkMayWrite(caller, form.request());
			MappingAdministration.Saved saved = this.administration.update(form.id(), form.request(),
					MappingEditors.who(caller));
			redirect.addFlashAttribute("message",
					"Mapping " + saved.mapping().id()
							+ " changed. Stored statements are being credited again (recompute job "
							+ saved.recomputeJobId() + ").");
			return "redirect:/mappings";
		}
		catch (InvalidMapping ex) {
			model.addAttribute("faults", ex.faults());
			return render(model, form);
		}
		catch (UnknownMapping | IllegalStateException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
			return "redirect:/mappings";
		}
	}

	/**
	 * Asks before deleting: what the mapping credits and how many learners lose that
	 * credit. Only someone who may delete it is asked.
	 */
	@GetMapping("/mappings/{id}/delete")
	String confirmDelete(@PathVariable long id, Authentication caller, Model model, RedirectAttributes redirect) {
		try {
			ActivityMapping mapping = this.administration.find(id);
			this.editors.checkMayChange(caller, mapping);
			model.addAttribute("mapping", MappingApi.MappingView.of(mapping));
			model.addAttribute("learners", this.administration.learnersCredited(id));
			return "crediting/mapping-delete";
		}
		catch (UnknownMapping ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
			return "redirect:/mappings";
		}
	}

	@PostMapping("/mappings/{id}/delete")
	String delete(@PathVariable long id, Authentication caller, RedirectAttributes redirect) {
		try {
			this.editors.checkMayChange(caller, this.administration.find(id));
			long job = this.administration.delete(id, MappingEditors.who(caller));
			redirect.addFlashAttribute("message",
					"Mapping " + id + " deleted. The evidence it gave is being retracted (recompute job " + job + ").");
		}
		catch (UnknownMapping | IllegalStateException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		return "redirect:/mappings";
	}

	private String render(Model model, MappingForm form) {
		model.addAttribute("form", form);
		model.addAttribute("capabilityGroups", this.choices.capabilities());
		model.addAttribute("tierChoices", this.choices.tiers());
		model.addAttribute("mappings", this.administration.list().stream().map(MappingApi.MappingView::of).toList());
		model.addAttribute("jobs", this.jobs.recent().stream().limit(10).toList());
		return "crediting/mappings";
	}

}
