package org.attc.tracker.notifications.internal.web;

import org.attc.tracker.identity.Learners;
import org.attc.tracker.notifications.internal.Preferences;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * An organisation turns learner reminders on or off: an administrator for any, a
 * coordinator for the organisations they may see (a trust's switch covers its sites).
 */
@RestController
@PreAuthorize("hasAnyRole('COORDINATOR','ADMIN')")
class OrganisationReminderApi {

	private final Preferences preferences;

	private final Learners learners;

	OrganisationReminderApi(Preferences preferences, Learners learners) {
		this.preferences = preferences;
		this.learners = learners;
	}

	record Switch(Boolean reminders) {
	}

	@PutMapping("/api/notifications/organisations/{code}")
	Switch set(@PathVariable String code, @RequestBody Switch body, Authentication caller) {
		if (body == null || body.reminders() == null) {
			throw new IllegalArgumentException("reminders: true or false");
		}
		boolean visible = this.learners.organisationsVisibleTo(caller).stream().anyMatch((o) -> o.code().equals(code));
		if (!visible) {
			// the same answer for another trust's organisation as for none: no probing
			throw new UnknownOrganisation(code);
		}
		this.preferences.setReminders(code, body.reminders(), caller.getName());
		return body;
	}

}
