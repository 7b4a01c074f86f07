package org.attc.tracker.identity.internal;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class LoginPage {

	@GetMapping("/login")
	String login() {
		return "identity/login";
	}

}
