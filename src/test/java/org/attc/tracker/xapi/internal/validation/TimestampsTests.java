package org.attc.tracker.xapi.internal.validation;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The quick reading of the common timestamp form agrees with the general ISO 8601 parser
 * on everything it accepts, and leaves everything else to it.
 */
class TimestampsTests {

	@Test
	void theCommonFormReadsAsTheGeneralParserReadsIt() {
		List<String> common = List.of("2026-11-25T17:21:26Z", "2026-11-25T17:21:26.1Z", "2026-11-25T17:21:26.123Z",
				"2026-11-25T17:21:26.123456789Z", "2026-01-01T00:00:00+00:00", "2026-06-15T23:59:59.5+05:30",
				"2026-06-15T00:00:00-08:00", "1999-12-28T12:00:00.000+17:59", "0001-01-01T00:00:00Z");
		for (String text : common) {
			Instant quick = Timestamps.common(text);
			assertThat(quick).as(text).isNotNull().isEqualTo(Timestamps.general(text, true));
			assertThat(Timestamps.parse(text, true)).as(text).isEqualTo(quick);
		}
	}

	@Test
	void otherFormsAreLeftToTheGeneralParser() {
		List<String> others = List.of("2026-11-25T17:21Z", "2026-11-25T17:21:26", "2026-11-25 17:21:26Z",
				"2026-11-25t17:21:26z", "2026-02-30T10:00:00Z", "2026-11-29T10:00:00Z", "2026-11-25T24:00:00Z",
				"2026-11-25T17:21:26.Z", "2026-11-25T17:21:26.1234567891Z", "2026-11-25T17:21:26+0100",
				"2026-11-25T17:21:26+01", "2026-11-25T17:21:26+18:00", "2026-13-01T00:00:00Z", "2026-11-25T17:60:00Z",
				"2026-11-25T17:21:26Zjunk", "+2026-11-25T17:21:26Z", "2026-11-25T17:21:2xZ");
		for (String text : others) {
			assertThat(Timestamps.common(text)).as(text).isNull();
		}
	}

	@Test
	void whatTheCommonFormRefusesIsStillJudgedAsBefore() {
		assertThat(Timestamps.parse("2026-11-25T17:21:26", false)).isEqualTo(Instant.parse("2026-11-25T17:21:26Z"));
		assertThat(Timestamps.parse("2026-11-25 17:21:26.5+01:00", true))
			.isEqualTo(Instant.parse("2026-11-25T16:21:26.500Z"));
		assertThat(Timestamps.parse("2026-11-30T10:00:00Z", true)).isEqualTo(Instant.parse("2026-11-30T10:00:00Z"));
		assertThatThrownBy(() -> Timestamps.parse("2026-11-25T17:21:26", true))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> Timestamps.parse("2026-11-25T17:21:26.1234567891Z", true))
			.isInstanceOf(DateTimeParseException.class);
		assertThatThrownBy(() -> Timestamps.parse("2026-11-25T17:21:26-00:00", false))
			.isInstanceOf(IllegalArgumentException.class);
	}

}
