package org.attc.tracker.xapi.internal.clients;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.attc.tracker.xapi.internal.clients.LrsClient.Scope;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The administrators' page for LRS clients: list, create (the secret is shown on this one
 * response only), delete.
 */
@Controller
class LrsClientsPage {

	private final LrsClients clients;

	LrsClientsPage(LrsClients clients) {
		this.clients = clients;
	}

	@GetMapping("/admin/lrs-clients")
	String list(HttpServletRequest request, Model model) {
		requireAdmin(request);
		return page(model, null, null);
	}

	@PostMapping("/admin/lrs-clients")
	String create(HttpServletRequest request, @RequestParam(defaultValue = "") String name,
			@RequestParam(required = false) List<String> scopes, @RequestParam(defaultValue = "") String organisation,
			Model model) {
		requireAdmin(request);
		if (name.isBlank() || name.length() > 255) {
			return page(model, null, "Enter a name for the client (at most 255 characters).");
		}
		if (scopes == null || scopes.isEmpty()) {
			return page(model, null, "Choose at least one scope.");
		}
		LrsClients.Created created;
		try {
			created = this.clients.create(name.trim(), LrsClients.scopes(scopes),
					organisation.isBlank() ? null : organisation.trim());
		}
		catch (IllegalArgumentException ex) {
			return page(model, null, "Choose scopes from the list.");
		}
		return page(model, created, null);
	}

	@PostMapping("/admin/lrs-clients/{key}/delete")
	String delete(HttpServletRequest request, @PathVariable String key) {
		requireAdmin(request);
		this.clients.delete(key);
		return "redirect:/admin/lrs-clients";
	}

	private String page(Model model, LrsClients.Created created, String error) {
		model.addAttribute("clients", this.clients.all());
		model.addAttribute("scopes", Scope.values());
		model.addAttribute("created", created);
		model.addAttribute("error", error);
		return "xapi/lrs-clients";
	}

	private static void requireAdmin(HttpServletRequest request) {
		if (!request.isUserInRole("ADMIN")) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN);
		}
	}

}
