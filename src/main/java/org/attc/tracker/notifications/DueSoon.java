package org.attc.tracker.notifications;

import java.time.Instant;
import java.util.List;

import org.attc.tracker.crediting.Attainments;
import org.attc.tracker.notifications.internal.DueRule;
import org.attc.tracker.notifications.internal.NotificationSettings;
import org.attc.tracker.shared.LearnerId;
import org.springframework.stereotype.Service;

/**
 * What a learner has due: the capabilities their role requires that run out within the
 * reminder horizons or have just run out, each with the activities that renew it. The
 * same list the reminders send, for pages (the LMS launch page).
 */
@Service
public class DueSoon {

	private final Attainments attainments;

	private final DueRule rule;

	private final NotificationSettings settings;

	private final NotificationProperties properties;

	DueSoon(Attainments attainments, DueRule rule, NotificationSettings settings, NotificationProperties properties) {
		this.attainments = attainments;
		this.rule = rule;
		this.settings = settings;
		this.properties = properties;
	}

	/** The learner's due items now, soonest expiry first. */
	public List<DueItem> forLearner(LearnerId learner) {
		Instant now = Instant.now();
		return this.rule.items(this.attainments.forLearner(learner, now), this.settings.current().horizons(),
				this.properties.justExpiredDays(), now, DueRule.cache());
	}

}
