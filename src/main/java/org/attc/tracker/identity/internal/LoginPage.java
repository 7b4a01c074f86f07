package org.attc.tracker.identity.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class LoginPage {

	private final SingleSignOnProviders singleSignOn;

	LoginPage(SingleSignOnProviders singleSignOn) {
		this.singleSignOn = singleSignOn;
	}

	@GetMapping("/login")
	String login(Model model, HttpServletRequest request) {
		model.addAttribute("singleSignOn", this.singleSignOn.buttons());
		String throttled = request.getParameter("throttled");
		if (throttled != null && throttled.matches("\\d{1,6}")) {
			model.addAttribute("throttledSeconds", Long.parseLong(throttled));
		}
		// shown once: a reload of the page does not repeat an old refusal
		HttpSession session = request.getSession(false);
		Object problem = (session != null) ? session.getAttribute(SingleSignOnSessions.PROBLEM) : null;
		if (problem != null) {
			session.removeAttribute(SingleSignOnSessions.PROBLEM);
			model.addAttribute("singleSignOnProblem", problem);
		}
		return "identity/login";
	}

}
