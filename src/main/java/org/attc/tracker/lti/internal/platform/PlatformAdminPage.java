package org.attc.tracker.lti.internal.platform;

import java.util.Arrays;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.attc.tracker.lti.internal.ToolUrls;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The administrators' page for LTI platforms: what to give the platform, what is
 * registered, add and remove.
 */
@Controller
class PlatformAdminPage {

	private final PlatformRegistrations registrations;

	private final ToolUrls urls;

	PlatformAdminPage(PlatformRegistrations registrations, ToolUrls urls) {
		this.registrations = registrations;
		this.urls = urls;
	}

	record Form(String name, String issuer, String clientId, String deploymentIds, String authUrl, String tokenUrl,
			String jwksUrl) {

		static Form empty() {
			return new Form("", "", "", "", "", "", "");
		}

		PlatformDetails details() {
			List<String> deployments = (this.deploymentIds == null) ? List.of()
					: Arrays.stream(this.deploymentIds.split("[,\\s]+")).filter((d) -> !d.isBlank()).toList();
			return new PlatformDetails(this.name, this.issuer, this.clientId, deployments, this.authUrl, this.tokenUrl,
					this.jwksUrl);
		}

	}

	@GetMapping("/lti/admin/platforms")
	String page(HttpServletRequest request, Model model) {
		return show(request, model, Form.empty(), null);
	}

	@PostMapping("/lti/admin/platforms")
	String register(Form form, HttpServletRequest request, Model model, RedirectAttributes redirect) {
		try {
			PlatformRegistration registration = this.registrations.register(form.details(),
					PlatformRegistration.Origin.ADMIN);
			redirect.addFlashAttribute("done", "Registered " + registration.name() + ".");
			return "redirect:/lti/admin/platforms";
		}
		catch (InvalidPlatformField ex) {
			model.addAttribute("errorField", ex.field());
			return show(request, model, form, ex.getMessage());
		}
		catch (PlatformConflict ex) {
			model.addAttribute("errorField", "issuer");
			return show(request, model, form, ex.getMessage());
		}
	}

	@PostMapping("/lti/admin/platforms/{id}/delete")
	String delete(@PathVariable long id, RedirectAttributes redirect) {
		this.registrations.delete(id);
		redirect.addFlashAttribute("done", "Removed the platform registration.");
		return "redirect:/lti/admin/platforms";
	}

	private String show(HttpServletRequest request, Model model, Form form, String error) {
		model.addAttribute("platforms", this.registrations.all());
		model.addAttribute("form", form);
		model.addAttribute("error", error);
		model.addAttribute("loginUrl", this.urls.loginUrl(request));
		model.addAttribute("launchUrl", this.urls.launchUrl(request));
		model.addAttribute("jwksUrl", this.urls.jwksUrl(request));
		model.addAttribute("registrationUrl", this.urls.registrationUrl(request));
		return "lti/platforms";
	}

}
