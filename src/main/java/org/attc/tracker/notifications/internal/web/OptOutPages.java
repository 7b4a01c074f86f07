package org.attc.tracker.notifications.internal.web;

import java.util.Optional;

import jakarta.servlet.http.HttpServletResponse;
import org.attc.tracker.notifications.internal.OptOutLinks;
import org.attc.tracker.notifications.internal.Preferences;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The page an opt-out link opens. Following the link changes nothing (mail scanners
 * follow links); the button on it, or a mail client's one-click POST, opts out.
 */
@Controller
class OptOutPages {

	private final OptOutLinks links;

	private final Preferences preferences;

	OptOutPages(OptOutLinks links, Preferences preferences) {
		this.links = links;
		this.preferences = preferences;
	}

	@GetMapping(OptOutLinks.PATH)
	String confirm(@RequestParam(name = "t", required = false) String token, Model model,
			HttpServletResponse response) {
		Optional<OptOutLinks.OptOut> optOut = this.links.verify(token);
		if (optOut.isEmpty()) {
			return invalid(model, response);
		}
		model.addAttribute("token", token);
		model.addAttribute("kind", optOut.get().kind().description());
		model.addAttribute("optedOut", this.preferences.optedOut(optOut.get().recipient(), optOut.get().kind()));
		model.addAttribute("done", null);
		return "notifications/opt-out";
	}

	/**
	 * Opts out (or, with {@code action=resume}, back in). Also the RFC 8058 one-click
	 * target, whose body is {@code List-Unsubscribe=One-Click}.
	 */
	@PostMapping(OptOutLinks.PATH)
	String choose(@RequestParam(name = "t", required = false) String token,
			@RequestParam(name = "action", required = false) String action, Model model, HttpServletResponse response) {
		Optional<OptOutLinks.OptOut> optOut = this.links.verify(token);
		if (optOut.isEmpty()) {
			return invalid(model, response);
		}
		boolean resume = "resume".equals(action);
		this.preferences.choose(optOut.get().recipient(), optOut.get().kind(), resume, "link");
		model.addAttribute("token", token);
		model.addAttribute("kind", optOut.get().kind().description());
		model.addAttribute("optedOut", !resume);
		model.addAttribute("done", resume ? "resumed" : "stopped");
		return "notifications/opt-out";
	}

	private static String invalid(Model model, HttpServletResponse response) {
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		model.addAttribute("message",
				"This link is not valid: it may have been cut short when it was copied. Open it again from the "
						+ "message, or sign in and change your notification settings.");
		return "notifications/problem";
	}

}
