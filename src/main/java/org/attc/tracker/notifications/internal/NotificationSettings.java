package org.attc.tracker.notifications.internal;

import java.sql.Time;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.attc.tracker.notifications.NotificationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What administrators set: reminder horizons, send time, digest day and sender. Kept in
 * {@code notif_setting}; the configuration gives the values until someone saves.
 */
@Component
public class NotificationSettings {

	/**
	 * @param horizons days before expiry, largest first
	 * @param sendTime local time of the daily reminder run and the weekly digest
	 * @param digestDay the digest's day
	 * @param sender the From address
	 * @param updatedBy who saved them; null while they are the configured defaults
	 * @param updatedAt when
	 */
	public record Settings(List<Integer> horizons, LocalTime sendTime, DayOfWeek digestDay, String sender,
			String updatedBy, Instant updatedAt) {
	}

	private final JdbcClient jdbc;

	private final NotificationProperties properties;

	NotificationSettings(JdbcClient jdbc, NotificationProperties properties) {
		this.jdbc = jdbc;
		this.properties = properties;
	}

	public Settings current() {
		return this.jdbc.sql(
				"SELECT horizons, send_time, digest_day, sender, updated_by, updated_at FROM notif_setting WHERE id = 1")
			.query((rs, i) -> new Settings(
					Arrays.stream(rs.getString(1).split(",")).map(String::strip).map(Integer::valueOf).toList(),
					rs.getTime(2).toLocalTime(), DayOfWeek.valueOf(rs.getString(3)), rs.getString(4), rs.getString(5),
					rs.getTimestamp(6).toInstant()))
			.optional()
			.orElseGet(() -> new Settings(this.properties.horizons(), this.properties.sendTime(),
					this.properties.digestDay(), this.properties.sender(), null, null));
	}

	/**
	 * Saves new settings after checking every value; a message names the field at fault
	 * ({@code "horizons: ..."}).
	 */
	@Transactional
	public Settings save(List<Integer> horizons, String sendTime, String digestDay, String sender, String by) {
		List<Integer> checked = NotificationProperties.Horizons.check("horizons", horizons);
		LocalTime time;
		try {
			time = LocalTime.parse((sendTime != null) ? sendTime.strip() : "");
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException("sendTime: a time of day as HH:MM, e.g. 07:00");
		}
		DayOfWeek day;
		try {
			day = DayOfWeek.valueOf((digestDay != null) ? digestDay.strip().toUpperCase(Locale.ROOT) : "");
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("digestDay: a day of the week, e.g. MONDAY");
		}
		String from = MessageAddresses.checkSender(sender);
		Instant now = Instant.now();
		this.jdbc
			.sql("INSERT INTO notif_setting (id, horizons, send_time, digest_day, sender, updated_by, updated_at) "
					+ "VALUES (1, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE horizons = VALUES(horizons), "
					+ "send_time = VALUES(send_time), digest_day = VALUES(digest_day), sender = VALUES(sender), "
					+ "updated_by = VALUES(updated_by), updated_at = VALUES(updated_at)")
			.params(String.join(",", checked.stream().map(String::valueOf).toList()), Time.valueOf(time), day.name(),
					from, by, Timestamp.from(now))
			.update();
		return current();
	}

}
