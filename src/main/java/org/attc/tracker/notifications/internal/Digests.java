package org.attc.tracker.notifications.internal;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.attc.tracker.crediting.AttainmentStatus;
import org.attc.tracker.crediting.Attainments;
import org.attc.tracker.crediting.CapabilityAttainment;
import org.attc.tracker.identity.AppRole;
import org.attc.tracker.identity.LearnerProfile;
import org.attc.tracker.identity.Learners;
import org.attc.tracker.identity.OrganisationSummary;
import org.attc.tracker.identity.StaffContacts;
import org.attc.tracker.notifications.SiteReadinessSource;
import org.attc.tracker.shared.LearnerId;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The weekly coordinator digest: per organisation in the coordinator's scope (decided by
 * identity's scope rules, as for their own pages), capabilities newly expired in the last
 * week and expiring within the largest reminder horizon, learners not started, and
 * readiness changes per site since their last digest, with links to the filtered views.
 * One per coordinator and period ({@code notif_digest}), whichever node runs it.
 */
@Component
public class Digests {

	/** The expiring list's windows (progress accepts these). */
	private static final List<Integer> WINDOWS = List.of(30, 60, 90);

	private final StaffContacts staff;

	private final Learners learners;

	private final Attainments attainments;

	private final ObjectProvider<SiteReadinessSource> readiness;

	private final Preferences preferences;

	private final NotificationSettings settings;

	private final Messages messages;

	private final Outbox outbox;

	private final JdbcClient jdbc;

	private final TransactionTemplate transaction;

	Digests(StaffContacts staff, Learners learners, Attainments attainments,
			ObjectProvider<SiteReadinessSource> readiness, Preferences preferences, NotificationSettings settings,
			Messages messages, Outbox outbox, JdbcClient jdbc, PlatformTransactionManager transactions) {
		this.staff = staff;
		this.learners = learners;
		this.attainments = attainments;
		this.readiness = readiness;
		this.preferences = preferences;
		this.settings = settings;
		this.messages = messages;
		this.outbox = outbox;
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(transactions);
	}

	/**
	 * Queues the digests of a period not sent yet.
	 * @return the number queued
	 */
	public int run(LocalDate period, Instant now) {
		Set<String> optedOut = this.preferences.optedOut(MessageKind.DIGEST);
		int horizon = this.settings.current().horizons().get(0);
		int queued = 0;
		for (StaffContacts.StaffContact coordinator : this.staff.withRole(AppRole.COORDINATOR)) {
			if (!MessageAddresses.usable(coordinator.email())
					|| optedOut.contains(Recipient.account(coordinator.username()).key())) {
				continue;
			}
			Optional<Authentication> caller = this.staff.onBehalfOf(coordinator.username());
			if (caller.isEmpty()) {
				continue;
			}
			boolean sent = Boolean.TRUE.equals(this.transaction.execute((status) -> {
				int claimed = this.jdbc
					.sql("INSERT IGNORE INTO notif_digest (username, period_start, recorded_at) VALUES (?, ?, ?)")
					.params(coordinator.username(), java.sql.Date.valueOf(period), Timestamp.from(now))
					.update();
				if (claimed == 0) {
					return false;
				}
				DigestContent content = content(coordinator.username(), caller.get(), period, horizon, now);
				long delivery = this.outbox.enqueue(this.messages.digest(coordinator.username(),
						coordinator.displayName(), coordinator.email(), content));
				this.jdbc.sql("UPDATE notif_digest SET delivery_id = ? WHERE username = ? AND period_start = ?")
					.params(delivery, coordinator.username(), java.sql.Date.valueOf(period))
					.update();
				return true;
			}));
			if (sent) {
				queued++;
			}
		}
		return queued;
	}

	private DigestContent content(String username, Authentication caller, LocalDate period, int horizon, Instant now) {
		List<OrganisationSummary> organisations = this.learners.organisationsVisibleTo(caller);
		List<LearnerProfile> cohort = this.learners.learnersVisibleTo(caller, null);
		Map<LearnerId, java.util.Collection<String>> roles = new LinkedHashMap<>();
		cohort.forEach((l) -> roles.put(l.id(), l.jobRoles()));
		Map<LearnerId, List<CapabilityAttainment>> all = this.attainments.forLearners(roles, now);
		Instant weekAgo = now.minus(Duration.ofDays(7));
		Instant until = now.plus(Duration.ofDays(horizon));
		int window = WINDOWS.stream().filter((w) -> w >= horizon).findFirst().orElse(90);
		Map<String, List<DigestContent.Entry>> expired = new HashMap<>();
		Map<String, List<DigestContent.Entry>> expiring = new HashMap<>();
		Map<String, List<String>> notStarted = new HashMap<>();
		Map<String, List<Instant>> expiredAt = new HashMap<>();
		for (LearnerProfile learner : cohort) {
			String name = (learner.name() != null) ? learner.name() : "Learner " + learner.id().value();
			List<CapabilityAttainment> mine = all.getOrDefault(learner.id(), List.of());
			boolean none = mine.stream().allMatch((a) -> a.status() == AttainmentStatus.NOT_STARTED);
			for (String org : learner.organisationCodes()) {
				if (none) {
					notStarted.computeIfAbsent(org, (o) -> new ArrayList<>()).add(name);
				}
				for (CapabilityAttainment a : mine) {
					if (a.requiredTier() == null || a.expiresAt() == null) {
						continue;
					}
					String label = (a.capabilityCode() != null) ? a.capabilityCode() : a.capabilityIdentifier();
					if (a.status() == AttainmentStatus.EXPIRED && a.expiresAt().isAfter(weekAgo)
							&& !a.expiresAt().isAfter(now)) {
						expired.computeIfAbsent(org, (o) -> new ArrayList<>())
							.add(new DigestContent.Entry(
									name + ": " + label + ", expired on " + this.messages.date(a.expiresAt())));
					}
					else if ((a.status() == AttainmentStatus.ACHIEVED || a.status() == AttainmentStatus.EXPIRING)
							&& !a.expiresAt().isAfter(until)) {
						expiring.computeIfAbsent(org, (o) -> new ArrayList<>())
							.add(new DigestContent.Entry(
									name + ": " + label + ", expires on " + this.messages.date(a.expiresAt())));
					}
				}
			}
		}
		List<DigestContent.Organisation> sections = new ArrayList<>();
		for (OrganisationSummary org : organisations) {
			List<DigestContent.Entry> ex = expired.getOrDefault(org.code(), List.of());
			List<DigestContent.Entry> ing = expiring.getOrDefault(org.code(), List.of());
			List<String> ns = notStarted.getOrDefault(org.code(), List.of());
			if (ex.isEmpty() && ing.isEmpty() && ns.isEmpty()) {
				continue;
			}
			sections.add(new DigestContent.Organisation(org.code(), org.name(), ex, ing, ns,
					this.messages.url("/coordinator/expiring", "organisation", org.code(), "days",
							String.valueOf(window)),
					this.messages.url("/coordinator/not-started", "organisation", org.code()),
					this.messages.url("/coordinator/readiness", "organisation", org.code())));
		}
		sections.sort(Comparator.comparing(DigestContent.Organisation::code));
		return new DigestContent(period, horizon, sections, readinessChanges(username, caller, now));
	}

	/**
	 * Site readiness now against what the last digest showed (remembered for the next
	 * one); the first digest reports every site's state.
	 */
	private List<DigestContent.ReadinessChange> readinessChanges(String username, Authentication caller, Instant now) {
		SiteReadinessSource source = this.readiness.getIfAvailable();
		if (source == null) {
			return List.of();
		}
		Map<String, String[]> seen = new HashMap<>();
		this.jdbc.sql("SELECT site_code, role_code, state, meet_now FROM notif_readiness_seen WHERE username = ?")
			.params(username)
			.query((rs) -> {
				seen.put(rs.getString(1) + "|" + rs.getString(2), new String[] { rs.getString(3), rs.getString(4) });
			});
		List<DigestContent.ReadinessChange> changes = new ArrayList<>();
		for (SiteReadinessSource.Line line : source.readiness(caller)) {
			String[] before = seen.get(line.siteCode() + "|" + line.roleCode());
			boolean changed = before == null || !before[0].equals(line.state())
					|| Integer.parseInt(before[1]) != line.meetNow();
			if (changed) {
				changes.add(new DigestContent.ReadinessChange(
						line.siteName() + ", " + line.roleName() + ": " + line.stateText() + " (" + line.meetNow()
								+ " of " + line.staff() + " staff meet the profile"
								+ ((before != null) ? ", was " + before[1] + ")" : ")"),
						this.messages.url("/coordinator/readiness", "organisation", line.siteCode())));
			}
			this.jdbc
				.sql("INSERT INTO notif_readiness_seen (username, site_code, role_code, state, meet_now, seen_at) "
						+ "VALUES (?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE state = VALUES(state), "
						+ "meet_now = VALUES(meet_now), seen_at = VALUES(seen_at)")
				.params(username, line.siteCode(), line.roleCode(), line.state(), line.meetNow(), Timestamp.from(now))
				.update();
		}
		return changes;
	}

}
