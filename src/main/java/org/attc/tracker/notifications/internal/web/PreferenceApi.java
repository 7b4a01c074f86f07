package org.attc.tracker.notifications.internal.web;

import java.util.LinkedHashMap;
import java.util.Map;

import org.attc.tracker.notifications.internal.MessageKind;
import org.attc.tracker.notifications.internal.OwnChoices;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own choices: {@code {"reminders": true, "digest": false}}. */
@RestController
class PreferenceApi {

	private final OwnChoices choices;

	PreferenceApi(OwnChoices choices) {
		this.choices = choices;
	}

	/** The caller receives no kind of message (not a learner, not a coordinator). */
	static class NobodyToWrite extends RuntimeException {

		NobodyToWrite() {
			super("This account receives no notifications: only learners and coordinators do");
		}

	}

	/**
	 * Absent fields: the kind is not sent to the caller (or, in a change, left as it is).
	 */
	record ChoicesJson(Boolean reminders, Boolean digest) {
	}

	@GetMapping("/api/notifications/preferences")
	ChoicesJson get(Authentication caller) {
		Map<MessageKind, Boolean> own = this.choices.of(caller);
		if (own.isEmpty()) {
			throw new NobodyToWrite();
		}
		return new ChoicesJson(own.get(MessageKind.REMINDER), own.get(MessageKind.DIGEST));
	}

	@PutMapping("/api/notifications/preferences")
	ChoicesJson put(@RequestBody ChoicesJson body, Authentication caller) {
		if (this.choices.of(caller).isEmpty()) {
			throw new NobodyToWrite();
		}
		Map<MessageKind, Boolean> wanted = new LinkedHashMap<>();
		if (body.reminders() != null) {
			wanted.put(MessageKind.REMINDER, body.reminders());
		}
		if (body.digest() != null) {
			wanted.put(MessageKind.DIGEST, body.digest());
		}
		this.choices.choose(caller, wanted);
		return get(caller);
	}

}
