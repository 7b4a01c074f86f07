package org.attc.tracker.notifications.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.attc.tracker.identity.AppRole;
import org.attc.tracker.identity.CourseScopedPrincipal;
import org.attc.tracker.shared.LearnerPrincipal;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * The choices a signed-in person makes for themselves: a learner (an LTI launch or an
 * account linked to a learner) about reminders, a coordinator with an account about the
 * digest. Nobody else receives messages.
 */
@Component
public class OwnChoices {

	private final Preferences preferences;

	OwnChoices(Preferences preferences) {
		this.preferences = preferences;
	}

	/** The kinds the caller receives, each with whether they want it, by kind. */
	public Map<MessageKind, Boolean> of(Authentication caller) {
		Map<MessageKind, Boolean> choices = new LinkedHashMap<>();
		recipients(caller).forEach((kind, recipient) -> choices.put(kind, !this.preferences.optedOut(recipient, kind)));
		return choices;
	}

	/** Sets the choices given (kinds the caller does not receive are refused). */
	public void choose(Authentication caller, Map<MessageKind, Boolean> wanted) {
		Map<MessageKind, Recipient> recipients = recipients(caller);
		for (MessageKind kind : wanted.keySet()) {
			if (!recipients.containsKey(kind)) {
				throw new IllegalArgumentException(((kind == MessageKind.REMINDER) ? "reminders" : "digest")
						+ ": you do not receive " + kind.description());
			}
		}
		wanted.forEach((kind, yes) -> this.preferences.choose(recipients.get(kind), kind, yes, "page"));
	}

	private static Map<MessageKind, Recipient> recipients(Authentication caller) {
		Map<MessageKind, Recipient> recipients = new LinkedHashMap<>();
		if (caller == null) {
			return recipients;
		}
		if (caller.getPrincipal() instanceof LearnerPrincipal learner) {
			recipients.put(MessageKind.REMINDER, Recipient.learner(learner.learnerId()));
		}
		boolean coordinator = caller.getAuthorities()
			.stream()
			.anyMatch((a) -> AppRole.COORDINATOR.authority().equals(a.getAuthority()));
		if (coordinator && CourseScopedPrincipal.of(caller).isEmpty()) {
			recipients.put(MessageKind.DIGEST, Recipient.account(caller.getName()));
		}
		return recipients;
	}

}
