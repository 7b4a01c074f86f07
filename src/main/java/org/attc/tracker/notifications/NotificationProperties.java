package org.attc.tracker.notifications;

import java.net.URI;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Notification settings ({@code app.notifications.*}). Horizons, send time, digest day
 * and sender are only the defaults: administrators change them at
 * {@code /admin/notifications}. The SMTP server is Spring's {@code spring.mail.*}.
 *
 * @param enabled whether scheduled runs and the sender run on this node (a run asked for
 * through the API works regardless)
 * @param baseUrl the address people reach the service at, for the links in messages
 * @param linkSecret key (at least 32 characters) that signs opt-out links; when empty a
 * random key is made once and kept in the database. Set it from the environment
 * ({@code APP_NOTIFICATIONS_LINK_SECRET}), never in a file
 * @param zone the time zone of the send time and digest day
 * @param horizons days before expiry at which learners are reminded
 * @param justExpiredDays how long after expiry a capability still counts as "just
 * expired" (older lapses are not announced)
 * @param sendTime when the daily reminder run and the weekly digest go out
 * @param digestDay the day of the weekly digest
 * @param sender the From address of every message
 * @param scheduleCheck how often a node looks whether a scheduled run is due
 * @param pollInterval how often the outbox is looked at
 * @param firstBackoff wait after the first failed attempt; doubled after each further one
 * @param maxBackoff the longest wait between two attempts
 * @param maxAttempts attempts before a message that keeps failing is given up
 * @param batchSize messages sent per poll
 */
@ConfigurationProperties("app.notifications")
public record NotificationProperties(@DefaultValue("true") boolean enabled,
		@DefaultValue("http://localhost:8080") URI baseUrl, String linkSecret,
		@DefaultValue("Europe/London") ZoneId zone, @DefaultValue( {
				"60", "30", "7" }) List<Integer> horizons,
		@DefaultValue("30") int justExpiredDays, @DefaultValue("07:00") LocalTime sendTime,
		@DefaultValue("MONDAY") DayOfWeek digestDay,
		@DefaultValue("Capability Tracker <no-reply@localhost>") String sender,
		@DefaultValue("1m") Duration scheduleCheck, @DefaultValue("10s") Duration pollInterval,
		@DefaultValue("1m") Duration firstBackoff, @DefaultValue("6h") Duration maxBackoff,
		@DefaultValue("8") int maxAttempts, @DefaultValue("50") int batchSize){

	public NotificationProperties {
		String scheme = (baseUrl != null) ? baseUrl.getScheme() : null;
		if (baseUrl == null || !("https".equals(scheme) || "http".equals(scheme)) || baseUrl.getHost() == null) {
			throw new IllegalArgumentException("app.notifications.base-url: an http(s) address, was " + baseUrl);
		}
		if (linkSecret != null && !linkSecret.isBlank() && linkSecret.length() < 32) {
			throw new IllegalArgumentException("app.notifications.link-secret: at least 32 characters");
		}
		horizons = Horizons.check("app.notifications.horizons", horizons);
		if (justExpiredDays < 1 || justExpiredDays > 366) {
			throw new IllegalArgumentException("app.notifications.just-expired-days: 1 to 366");
		}
		if (sender == null || sender.isBlank()) {
			throw new IllegalArgumentException("app.notifications.sender: an e-mail address");
		}
		if (scheduleCheck.isZero() || scheduleCheck.isNegative()) {
			throw new IllegalArgumentException("app.notifications.schedule-check: positive, was " + scheduleCheck);
		}
		if (pollInterval.isZero() || pollInterval.isNegative()) {
			throw new IllegalArgumentException("app.notifications.poll-interval: positive, was " + pollInterval);
		}
		if (firstBackoff.isNegative()) {
			throw new IllegalArgumentException(
					"app.notifications.first-backoff: zero or positive, was " + firstBackoff);
		}
		if (maxBackoff.compareTo(firstBackoff) < 0) {
			throw new IllegalArgumentException(
					"app.notifications.max-backoff: at least first-backoff (" + firstBackoff + "), was " + maxBackoff);
		}
		if (maxAttempts < 1) {
			throw new IllegalArgumentException("app.notifications.max-attempts: 1 or more, was " + maxAttempts);
		}
		if (batchSize < 1) {
			throw new IllegalArgumentException("app.notifications.batch-size: 1 or more, was " + batchSize);
		}
	}

	/** The wait after {@code attempts} failed attempts: exponential, capped. */
	public Duration backoffAfter(int attempts) {
		Duration wait = this.firstBackoff;
		for (int i = 1; i < attempts && wait.compareTo(this.maxBackoff) < 0; i++) {
			wait = wait.multipliedBy(2);
		}
		return (wait.compareTo(this.maxBackoff) > 0) ? this.maxBackoff : wait;
	}

	/** The one rule for a list of reminder horizons. */
	public static final class Horizons {

		private Horizons() {
		}

		/**
		 * Checks and orders horizons: 1 to 5 distinct whole numbers of days from 1 to
		 * 365, largest first.
		 * @param field the field named in the message
		 */
		public static List<Integer> check(String field, List<Integer> horizons) {
			if (horizons == null || horizons.isEmpty() || horizons.size() > 5) {
				throw new IllegalArgumentException(field + ": one to five numbers of days");
			}
			for (Integer h : horizons) {
				if (h == null || h < 1 || h > 365) {
					throw new IllegalArgumentException(field + ": each a whole number of days from 1 to 365");
				}
			}
			if (horizons.stream().distinct().count() != horizons.size()) {
				throw new IllegalArgumentException(field + ": each number once");
			}
			return horizons.stream().sorted(java.util.Comparator.reverseOrder()).toList();
		}

	}

}
