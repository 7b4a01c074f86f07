package org.attc.tracker.notifications.internal.web;

import java.util.EnumMap;
import java.util.Map;

import org.attc.tracker.notifications.internal.MessageKind;
import org.attc.tracker.notifications.internal.OwnChoices;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** "Notification settings": the signed-in person's own choices, per kind. */
@Controller
class PreferencePages {

	private final OwnChoices choices;

	PreferencePages(OwnChoices choices) {
		this.choices = choices;
	}

	@GetMapping("/notifications/preferences")
	String page(Authentication caller, Model model) {
		model.addAttribute("choices", this.choices.of(caller));
		return "notifications/preferences";
	}

	@PostMapping("/notifications/preferences")
	String save(Authentication caller, @RequestParam(name = "reminders", required = false) String reminders,
			@RequestParam(name = "digest", required = false) String digest, Model model) {
		Map<MessageKind, Boolean> own = this.choices.of(caller);
		Map<MessageKind, Boolean> wanted = new EnumMap<>(MessageKind.class);
		// an unticked checkbox sends nothing: every kind on the form is set
		if (own.containsKey(MessageKind.REMINDER)) {
			wanted.put(MessageKind.REMINDER, "yes".equals(reminders));
		}
		if (own.containsKey(MessageKind.DIGEST)) {
			wanted.put(MessageKind.DIGEST, "yes".equals(digest));
		}
		this.choices.choose(caller, wanted);
		model.addAttribute("choices", this.choices.of(caller));
		model.addAttribute("saved", true);
		return "notifications/preferences";
	}

}
