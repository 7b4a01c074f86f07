package org.attc.tracker.notifications.internal;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which period a scheduled run covers (send time and day in Europe/London). */
class NotificationRunsTests {

	final NotificationRuns runs = new NotificationRuns(null, null, null,
			OptOutLinksTests.properties("a-test-key-of-at-least-32-characters"), null);

	@Test
	void theDailyRunBelongsToTheDayOnceItsSendTimeHasPassed() {
		LocalTime seven = LocalTime.of(7, 0);
		// 06:59 and 07:00 in London (GMT in December)
		assertThat(this.runs.reminderPeriod(Instant.parse("2026-12-07T06:59:00Z"), seven))
			.isEqualTo(LocalDate.of(2026, 12, 6));
		assertThat(this.runs.reminderPeriod(Instant.parse("2026-12-07T07:00:00Z"), seven))
			.isEqualTo(LocalDate.of(2026, 12, 7));
		// British Summer Time: 07:00 in London is 06:00 UTC
		assertThat(this.runs.reminderPeriod(Instant.parse("2026-07-01T06:00:00Z"), seven))
			.isEqualTo(LocalDate.of(2026, 7, 1));
	}

	@Test
	void theWeeklyDigestBelongsToTheLatestDigestDayWhoseSendTimeHasPassed() {
		LocalTime seven = LocalTime.of(7, 0);
		// Monday 7 December 2026
		assertThat(this.runs.digestPeriod(Instant.parse("2026-12-07T06:00:00Z"), DayOfWeek.MONDAY, seven))
			.isEqualTo(LocalDate.of(2026, 11, 30));
		assertThat(this.runs.digestPeriod(Instant.parse("2026-12-07T08:00:00Z"), DayOfWeek.MONDAY, seven))
			.isEqualTo(LocalDate.of(2026, 12, 7));
		assertThat(this.runs.digestPeriod(Instant.parse("2026-12-10T08:00:00Z"), DayOfWeek.MONDAY, seven))
			.isEqualTo(LocalDate.of(2026, 12, 7));
	}

}
