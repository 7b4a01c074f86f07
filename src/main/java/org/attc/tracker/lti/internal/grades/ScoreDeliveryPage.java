package org.attc.tracker.lti.internal.grades;

import java.util.EnumSet;
import java.util.List;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The administrators' page of grades sent back to platforms (the LTI chain: ADMIN). */
@Controller
class ScoreDeliveryPage {

	private final ScoreDeliveries deliveries;

	ScoreDeliveryPage(ScoreDeliveries deliveries) {
		this.deliveries = deliveries;
	}

	@GetMapping("/lti/admin/deliveries")
	String page(@RequestParam(name = "status", required = false) List<String> status, Model model) {
		boolean all = status != null && status.contains("all");
		model.addAttribute("all", all);
		model.addAttribute("counts", this.deliveries.counts());
		model.addAttribute("deliveries",
				this.deliveries
					.recent(all ? EnumSet.allOf(ScoreDeliveries.Status.class) : ScoreDeliveryApi.DEFAULT, 200)
					.stream()
					.map(ScoreDeliveryApi.DeliveryJson::of)
					.toList());
		return "lti/deliveries";
	}

	@PostMapping("/lti/admin/deliveries/{id}/retry")
	String retry(@PathVariable long id, RedirectAttributes redirect) {
		redirect.addFlashAttribute("done", this.deliveries.retry(id) ? "The score will be sent again shortly."
				: "That score cannot be retried: it is not failed, or a newer score replaced it.");
		return "redirect:/lti/admin/deliveries";
	}

}
