package org.attc.tracker.notifications.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.attc.tracker.crediting.Attainments;
import org.attc.tracker.crediting.CapabilityAttainment;
import org.attc.tracker.framework.Capability;
import org.attc.tracker.identity.LearnerProfile;
import org.attc.tracker.identity.Learners;
import org.attc.tracker.notifications.DueItem;
import org.attc.tracker.notifications.NotificationProperties;
import org.attc.tracker.shared.LearnerId;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Learner reminders: for every learner with a job role, what is due (see {@link DueRule})
 * and not yet announced at that horizon for that expiry goes into one message. The record
 * of each announcement ({@code notif_reminder}, keyed by learner, capability, horizon and
 * expiry) is written in the same transaction as the message, and its primary key makes a
 * repeated or concurrent run (another node) queue nothing twice. A renewed capability has
 * a later expiry, so it is not due and nothing more is sent about it.
 */
@Component
public class Reminders {

	private static final int PAGE = 500;

	private final Learners learners;

	private final Attainments attainments;

	private final DueRule rule;

	private final Preferences preferences;

	private final NotificationSettings settings;

	private final NotificationProperties properties;

	private final Messages messages;

	private final Outbox outbox;

	private final JdbcClient jdbc;

	private final TransactionTemplate transaction;

	Reminders(Learners learners, Attainments attainments, DueRule rule, Preferences preferences,
			NotificationSettings settings, NotificationProperties properties, Messages messages, Outbox outbox,
			JdbcClient jdbc, PlatformTransactionManager transactions) {
		this.learners = learners;
		this.attainments = attainments;
		this.rule = rule;
		this.preferences = preferences;
		this.settings = settings;
		this.properties = properties;
		this.messages = messages;
		this.outbox = outbox;
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(transactions);
	}

	/**
	 * Queues the reminders due at {@code now}.
	 * @return the number of messages queued
	 */
	public int run(Instant now) {
		List<Integer> horizons = this.settings.current().horizons();
		Set<String> off = this.preferences.remindersOff();
		Map<String, String> parents = Preferences.parents(this.learners.allOrganisations());
		Set<String> optedOut = this.preferences.optedOut(MessageKind.REMINDER);
		Map<String, Optional<Capability>> capabilities = DueRule.cache();
		int queued = 0;
		long after = 0;
		List<LearnerProfile> page;
		do {
			page = this.learners.withJobRoles(after, PAGE);
			Map<LearnerId, Set<String>> roles = new LinkedHashMap<>();
			Map<LearnerId, LearnerProfile> profiles = new LinkedHashMap<>();
			for (LearnerProfile learner : page) {
				after = learner.id().value();
				if (!MessageAddresses.usable(learner.email())
						|| optedOut.contains(Recipient.learner(learner.id()).key())
						|| Preferences.remindersOffFor(learner.organisationCodes(), off, parents)) {
					continue;
				}
				roles.put(learner.id(), learner.jobRoles());
				profiles.put(learner.id(), learner);
			}
			if (roles.isEmpty()) {
				continue;
			}
			Map<LearnerId, List<CapabilityAttainment>> all = this.attainments.forLearners(roles, now);
			for (Map.Entry<LearnerId, List<CapabilityAttainment>> entry : all.entrySet()) {
				List<DueItem> due = this.rule.items(entry.getValue(), horizons, this.properties.justExpiredDays(), now,
						capabilities);
				try {
					if (!due.isEmpty() && queue(profiles.get(entry.getKey()), due, now)) {
						queued++;
					}
				}
				catch (PessimisticLockingFailureException ex) {
					// another node is recording the same reminders at this moment and the
					// database picked this transaction to give way: that node sends them
				}
			}
		}
		while (page.size() == PAGE);
		return queued;
	}

	/** Records the items not announced yet and queues one message with them. */
	private boolean queue(LearnerProfile learner, List<DueItem> due, Instant now) {
		return Boolean.TRUE.equals(this.transaction.execute((status) -> {
			List<DueItem> fresh = new ArrayList<>();
			for (DueItem item : due) {
				int inserted = this.jdbc
					.sql("INSERT IGNORE INTO notif_reminder (learner_id, capability_identifier, horizon_days, "
							+ "expires_at, recorded_at) VALUES (?, ?, ?, ?, ?)")
					.params(learner.id().value(), item.capabilityIdentifier(), item.horizon(),
							Timestamp.from(item.expiresAt().truncatedTo(java.time.temporal.ChronoUnit.MICROS)),
							Timestamp.from(now))
					.update();
				if (inserted == 1) {
					fresh.add(item);
				}
			}
			if (fresh.isEmpty()) {
				return false;
			}
			long delivery = this.outbox.enqueue(this.messages.reminder(learner, fresh, now));
			for (DueItem item : fresh) {
				this.jdbc
					.sql("UPDATE notif_reminder SET delivery_id = ? WHERE learner_id = ? AND capability_identifier = ? "
							+ "AND horizon_days = ? AND expires_at = ?")
					.params(delivery, learner.id().value(), item.capabilityIdentifier(), item.horizon(),
							Timestamp.from(item.expiresAt().truncatedTo(java.time.temporal.ChronoUnit.MICROS)))
					.update();
			}
			return true;
		}));
	}

}
