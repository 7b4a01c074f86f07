package org.attc.tracker.progress.internal;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The start page a signed-in person lands on. */
@Controller
class HomePage {

	@GetMapping("/")
	String home() {
		return "progress/home";
	}

}
