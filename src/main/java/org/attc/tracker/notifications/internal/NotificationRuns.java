package org.attc.tracker.notifications.internal;

import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.attc.tracker.notifications.NotificationProperties;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Runs reminders daily and digests weekly at the time administrators set, and on demand.
 * Every node looks each {@code schedule-check}; the first to record a period in
 * {@code notif_run} runs it. A run is idempotent anyway (each reminder and digest is
 * recorded once), so a run on demand next to a scheduled one sends nothing twice.
 */
@Component
public class NotificationRuns {

	private static final Log logger = LogFactory.getLog(NotificationRuns.class);

	/**
	 * What a run queued.
	 *
	 * @param reminders learner reminders queued
	 * @param digests coordinator digests queued
	 */
	public record Result(int reminders, int digests) {

		public int queued() {
			return this.reminders + this.digests;
		}

	}

	private final Reminders reminders;

	private final Digests digests;

	private final NotificationSettings settings;

	private final NotificationProperties properties;

	private final JdbcClient jdbc;

	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "notification-runs");
		thread.setDaemon(true);
		return thread;
	});

	NotificationRuns(Reminders reminders, Digests digests, NotificationSettings settings,
			NotificationProperties properties, JdbcClient jdbc) {
		this.reminders = reminders;
		this.digests = digests;
		this.settings = settings;
		this.properties = properties;
		this.jdbc = jdbc;
	}

	@EventListener(ApplicationReadyEvent.class)
	void start() {
		if (!this.properties.enabled()) {
			return;
		}
		long every = this.properties.scheduleCheck().toMillis();
		this.scheduler.scheduleWithFixedDelay(() -> {
			try {
				runScheduled(Instant.now());
			}
			catch (RuntimeException ex) {
				logger.warn("A scheduled notification run failed: " + ex.getMessage());
			}
		}, every, every, TimeUnit.MILLISECONDS);
	}

	/** Everything due at {@code now}: reminders, and the digest of the current period. */
	public Result runNow(Instant now) {
		NotificationSettings.Settings current = this.settings.current();
		int r = this.reminders.run(now);
		int d = this.digests.run(digestPeriod(now, current.digestDay(), current.sendTime()), now);
		return new Result(r, d);
	}

	/** The scheduled runs whose time has come and that no node has taken yet. */
	void runScheduled(Instant now) {
		NotificationSettings.Settings current = this.settings.current();
		LocalDate day = reminderPeriod(now, current.sendTime());
		if (take("REMINDER", day, now)) {
			int queued = this.reminders.run(now);
			logger.info("Scheduled reminder run for " + day + ": " + queued + " queued");
		}
		LocalDate week = digestPeriod(now, current.digestDay(), current.sendTime());
		if (take("DIGEST", week, now)) {
			int queued = this.digests.run(week, now);
			logger.info("Scheduled digest run for the week of " + week + ": " + queued + " queued");
		}
	}

	private boolean take(String kind, LocalDate period, Instant now) {
		return this.jdbc.sql("INSERT IGNORE INTO notif_run (kind, period, started_at) VALUES (?, ?, ?)")
			.params(kind, java.sql.Date.valueOf(period), Timestamp.from(now))
			.update() == 1;
	}

	/** The day of the latest daily send time at or before {@code now}. */
	LocalDate reminderPeriod(Instant now, LocalTime sendTime) {
		ZonedDateTime local = now.atZone(this.properties.zone());
		LocalDate today = local.toLocalDate();
		return local.toLocalTime().isBefore(sendTime) ? today.minusDays(1) : today;
	}

	/** The date of the latest digest day's send time at or before {@code now}. */
	LocalDate digestPeriod(Instant now, DayOfWeek day, LocalTime sendTime) {
		ZonedDateTime local = now.atZone(this.properties.zone());
		LocalDate candidate = local.toLocalDate().with(TemporalAdjusters.previousOrSame(day));
		if (candidate.equals(local.toLocalDate()) && local.toLocalTime().isBefore(sendTime)) {
			candidate = candidate.minusWeeks(1);
		}
		return candidate;
	}

	@PreDestroy
	void stop() {
		this.scheduler.shutdownNow();
	}

}
