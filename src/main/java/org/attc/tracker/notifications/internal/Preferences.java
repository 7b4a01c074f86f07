package org.attc.tracker.notifications.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.attc.tracker.identity.OrganisationSummary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Consent: who opted out of which kind of message, and which organisations turned learner
 * reminders off.
 */
@Component
public class Preferences {

	private final JdbcClient jdbc;

	Preferences(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public boolean optedOut(Recipient recipient, MessageKind kind) {
		return this.jdbc.sql("SELECT COUNT(*) FROM notif_opt_out WHERE recipient = ? AND kind = ?")
			.params(recipient.key(), kind.name())
			.query(Long.class)
			.single() > 0;
	}

	/** Every recipient who opted out of a kind. */
	public Set<String> optedOut(MessageKind kind) {
		return new HashSet<>(this.jdbc.sql("SELECT recipient FROM notif_opt_out WHERE kind = ?")
			.params(kind.name())
			.query(String.class)
			.list());
	}

	/**
	 * Records a choice (idempotent).
	 * @param via where it was made: {@code link} or {@code page}
	 */
	@Transactional
	public void choose(Recipient recipient, MessageKind kind, boolean wanted, String via) {
		if (wanted) {
			this.jdbc.sql("DELETE FROM notif_opt_out WHERE recipient = ? AND kind = ?")
				.params(recipient.key(), kind.name())
				.update();
		}
		else {
			this.jdbc.sql("INSERT IGNORE INTO notif_opt_out (recipient, kind, opted_out_at, via) VALUES (?, ?, ?, ?)")
				.params(recipient.key(), kind.name(), Timestamp.from(Instant.now()), via)
				.update();
		}
	}

	/** Organisation codes whose reminders are off. */
	public Set<String> remindersOff() {
		return new HashSet<>(
				this.jdbc.sql("SELECT organisation_code FROM notif_organisation WHERE reminders_enabled = FALSE")
					.query(String.class)
					.list());
	}

	@Transactional
	public void setReminders(String organisationCode, boolean enabled, String by) {
		this.jdbc
			.sql("INSERT INTO notif_organisation (organisation_code, reminders_enabled, updated_by, updated_at) "
					+ "VALUES (?, ?, ?, ?) ON DUPLICATE KEY UPDATE reminders_enabled = VALUES(reminders_enabled), "
					+ "updated_by = VALUES(updated_by), updated_at = VALUES(updated_at)")
			.params(organisationCode, enabled, by, Timestamp.from(Instant.now()))
			.update();
	}

	/**
	 * Whether reminders are off for a learner of these organisations: one of them, or the
	 * trust of one of its sites, turned them off.
	 */
	public static boolean remindersOffFor(Collection<String> learnerOrganisations, Set<String> off,
			Map<String, String> parents) {
		for (String code : learnerOrganisations) {
			if (off.contains(code) || (parents.get(code) != null && off.contains(parents.get(code)))) {
				return true;
			}
		}
		return false;
	}

	/** Each organisation's trust (null for a trust). */
	public static Map<String, String> parents(List<OrganisationSummary> organisations) {
		Map<String, String> parents = new HashMap<>();
		organisations.forEach((o) -> parents.put(o.code(), o.parentCode()));
		return parents;
	}

}
