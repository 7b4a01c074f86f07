package org.attc.tracker.progress.internal.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.springframework.stereotype.Component;

/** Dates as pages show them (templates call it as {@code @progressDates}). */
@Component("progressDates")
class ProgressDates {

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.UK)
		.withZone(ZoneId.of("Europe/London"));

	public String day(Instant instant) {
		return (instant != null) ? DAY.format(instant) : "";
	}

	public String iso(Instant instant) {
		return (instant != null) ? instant.toString() : "";
	}

}
