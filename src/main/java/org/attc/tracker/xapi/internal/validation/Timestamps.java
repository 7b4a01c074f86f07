package org.attc.tracker.xapi.internal.validation;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;

/**
 * xAPI timestamps (1.0.3 Data §4.5): ISO 8601 date and time, a zone offset where given (a
 * time without one is read as UTC with 1.0.3); the RFC 3339 "unknown offset"
 * {@code -00:00} is refused, as the conformance rules require. RFC 3339 §5.6 allows a
 * space for the {@code T}; the 2.0 conformance suite sends one. IEEE 9274.1.1 (xAPI 2.0)
 * makes the zone offset ({@code Z} or a numeric offset) mandatory: see
 * {@link #parse(String, boolean)}.
 */
public final class Timestamps {

	private static final DateTimeFormatter ISO = new DateTimeFormatterBuilder().parseCaseInsensitive()
		.append(DateTimeFormatter.ISO_LOCAL_DATE)
		.appendLiteral('T')
		.appendValue(ChronoField.HOUR_OF_DAY, 2)
		.appendLiteral(':')
		.appendValue(ChronoField.MINUTE_OF_HOUR, 2)
		.optionalStart()
		.appendLiteral(':')
		.appendValue(ChronoField.SECOND_OF_MINUTE, 2)
		.optionalStart()
		.appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
		.optionalEnd()
		.optionalEnd()
		.optionalStart()
		.appendOffset("+HH:MM", "Z")
		.optionalEnd()
		.optionalStart()
		.appendOffset("+HHMM", "Z")
		.optionalEnd()
		.optionalStart()
		.appendOffset("+HH", "Z")
		.optionalEnd()
		.toFormatter();

	/** What the LRS writes: UTC with milliseconds at least (Data §4.5). */
	private static final DateTimeFormatter OUT = new DateTimeFormatterBuilder().appendInstant(3).toFormatter();

	private Timestamps() {
	}

	/**
	 * @param text an ISO 8601 timestamp
	 * @return the instant it names
	 * @throws DateTimeParseException when it is not one
	 * @throws IllegalArgumentException when it uses the offset {@code -00:00}
	 */
	public static Instant parse(String text) {
		return parse(text, false);
	}

	/**
	 * @param text an ISO 8601 timestamp
	 * @param offsetRequired whether a timestamp without a zone offset is refused (xAPI
	 * 2.0)
	 * @return the instant it names
	 * @throws DateTimeParseException when it is not one
	 * @throws IllegalArgumentException when it uses the offset {@code -00:00}, or has no
	 * offset and one is required
	 */
	public static Instant parse(String text, boolean offsetRequired) {
		if (text.endsWith("-00:00") || text.endsWith("-0000") || text.endsWith("-00")) {
			throw new IllegalArgumentException("the offset -00:00 is not allowed");
		}
		Instant common = common(text);
		if (common != null) {
			return common;
		}
		return general(text, offsetRequired);
	}

	/** Any ISO 8601 timestamp this class accepts, through the general parser. */
	static Instant general(String text, boolean offsetRequired) {
		// RFC 3339 §5.6: "T" may be a space
		String iso = (text.length() > 10 && text.charAt(10) == ' ') ? text.substring(0, 10) + 'T' + text.substring(11)
				: text;
		TemporalAccessor parsed = ISO.parse(iso);
		if (offsetRequired && !parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
			throw new IllegalArgumentException("a time zone offset (Z or +hh:mm) is required with xAPI 2.0");
		}
		LocalDateTime local = LocalDateTime.of(parsed.get(ChronoField.YEAR), parsed.get(ChronoField.MONTH_OF_YEAR),
				parsed.get(ChronoField.DAY_OF_MONTH), parsed.get(ChronoField.HOUR_OF_DAY),
				parsed.get(ChronoField.MINUTE_OF_HOUR),
				parsed.isSupported(ChronoField.SECOND_OF_MINUTE) ? parsed.get(ChronoField.SECOND_OF_MINUTE) : 0,
				parsed.isSupported(ChronoField.NANO_OF_SECOND) ? parsed.get(ChronoField.NANO_OF_SECOND) : 0);
		ZoneOffset offset = parsed.isSupported(ChronoField.OFFSET_SECONDS)
				? ZoneOffset.ofTotalSeconds(parsed.get(ChronoField.OFFSET_SECONDS)) : ZoneOffset.UTC;
		return OffsetDateTime.of(local, offset).toInstant();
	}

	/**
	 * The form nearly every producer sends (date, {@code T}, time to the second, an
	 * optional fraction, then {@code Z} or an offset such as {@code +01:00}), read
	 * without the general parser: each statement's timestamp is read twice on the write
	 * path, and the general parser costs as much as the rest of validation. Anything
	 * else, or a value the general parser would have to resolve (a day after the 28th, an
	 * offset of 18 hours), is left to {@link #general}, so both always agree.
	 * @return the instant, or null when the general parser must decide
	 */
	static Instant common(String t) {
		int n = t.length();
		if (n < 20 || t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(10) != 'T' || t.charAt(13) != ':'
				|| t.charAt(16) != ':') {
			return null;
		}
		int year = number(t, 0, 4);
		int month = number(t, 5, 7);
		int day = number(t, 8, 10);
		int hour = number(t, 11, 13);
		int minute = number(t, 14, 16);
		int second = number(t, 17, 19);
		if (year < 0 || month < 1 || month > 12 || day < 1 || day > 28 || hour < 0 || hour > 23 || minute < 0
				|| minute > 59 || second < 0 || second > 59) {
			return null;
		}
		int i = 19;
		int nano = 0;
		if (t.charAt(i) == '.') {
			int start = ++i;
			while (i < n && t.charAt(i) >= '0' && t.charAt(i) <= '9') {
				i++;
			}
			int digits = i - start;
			if (digits < 1 || digits > 9) {
				return null;
			}
			nano = number(t, start, i) * POWERS_OF_TEN[9 - digits];
		}
		int offsetSeconds;
		if (i == n - 1 && t.charAt(i) == 'Z') {
			offsetSeconds = 0;
		}
		else if (i == n - 6 && (t.charAt(i) == '+' || t.charAt(i) == '-') && t.charAt(i + 3) == ':') {
			int hours = number(t, i + 1, i + 3);
			int minutes = number(t, i + 4, i + 6);
			if (hours < 0 || hours > 17 || minutes < 0 || minutes > 59) {
				return null;
			}
			offsetSeconds = ((t.charAt(i) == '-') ? -1 : 1) * (hours * 3600 + minutes * 60);
		}
		else {
			return null;
		}
		return LocalDateTime.of(year, month, day, hour, minute, second, nano)
			.toInstant(ZoneOffset.ofTotalSeconds(offsetSeconds));
	}

	private static final int[] POWERS_OF_TEN = { 1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000,
			1_000_000_000 };

	/**
	 * The decimal number written from index {@code from} up to {@code to} (exclusive); -1
	 * unless all are ASCII digits.
	 */
	private static int number(String t, int from, int to) {
		int value = 0;
		for (int i = from; i < to; i++) {
			char c = t.charAt(i);
			if (c < '0' || c > '9') {
				return -1;
			}
			value = value * 10 + (c - '0');
		}
		return value;
	}

	/**
	 * @return the instant as the LRS writes it, e.g. {@code 2026-11-25T17:21:26.000Z}
	 */
	public static String format(Instant instant) {
		return OUT.format(instant);
	}

}
