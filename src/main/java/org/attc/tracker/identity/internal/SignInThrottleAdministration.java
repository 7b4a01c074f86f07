package org.attc.tracker.identity.internal;

import java.util.List;
import java.util.Map;

import org.attc.tracker.identity.SignInThrottle;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Administrators see who is throttled after failed sign-ins, with the audit of recent
 * failures, and clear a lock: the page {@code /admin/sign-in-throttles} and the API
 * {@code /api/sign-in-throttles}.
 */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class SignInThrottleAdministration {

	private final SignInThrottle throttle;

	SignInThrottleAdministration(SignInThrottle throttle) {
		this.throttle = throttle;
	}

	@GetMapping("/api/sign-in-throttles")
	@ResponseBody
	Map<String, Object> list() {
		return Map.of("throttles", this.throttle.entries(), "recentFailures", this.throttle.recentFailures(100));
	}

	/** Clears one account's, client's or address's failures and lock. */
	@DeleteMapping("/api/sign-in-throttles")
	ResponseEntity<Void> clear(@RequestParam String kind, @RequestParam String subject, Authentication caller) {
		return this.throttle.clear(kind(kind), subject, caller.getName()) ? ResponseEntity.noContent().build()
				: ResponseEntity.notFound().build();
	}

	@GetMapping("/admin/sign-in-throttles")
	String page(Model model) {
		model.addAttribute("throttles", this.throttle.entries());
		model.addAttribute("failures", this.throttle.recentFailures(50));
		return "identity/sign-in-throttles";
	}

	@PostMapping("/admin/sign-in-throttles/clear")
	String clearFromPage(@RequestParam String kind, @RequestParam String subject, Authentication caller,
			RedirectAttributes redirect) {
		boolean cleared = this.throttle.clear(kind(kind), subject, caller.getName());
		redirect.addFlashAttribute("cleared", cleared ? subject : null);
		return "redirect:/admin/sign-in-throttles";
	}

	@org.springframework.web.bind.annotation.ExceptionHandler(IllegalArgumentException.class)
	ResponseEntity<org.springframework.http.ProblemDetail> invalid(IllegalArgumentException ex) {
		org.springframework.http.ProblemDetail problem = org.springframework.http.ProblemDetail
			.forStatusAndDetail(org.springframework.http.HttpStatus.BAD_REQUEST, ex.getMessage());
		problem.setTitle("The request is not valid");
		problem.setProperty("field", "kind");
		return ResponseEntity.badRequest().body(problem);
	}

	private static SignInThrottle.Kind kind(String kind) {
		try {
			return SignInThrottle.Kind.valueOf(kind);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("kind: one of " + List.of(SignInThrottle.Kind.values()));
		}
	}

}
