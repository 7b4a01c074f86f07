package org.attc.tracker.runtime.internal;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.attc.tracker.runtime.EventRetentionProperties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The registry keeps completed publications for the retention only, and never removes one
 * still to be delivered, however old.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class CompletedEventPurgeTests {

	@Autowired
	CompletedEventPurge purge;

	@Autowired
	EventRetentionProperties properties;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void completedPublicationsOlderThanTheRetentionGoAndEverythingElseStays() {
		Instant now = Instant.now();
		Duration retention = this.properties.completedRetention();
		String oldCompleted = publication(now.minus(retention).minusSeconds(7200),
				now.minus(retention).minusSeconds(3600));
		String recentCompleted = publication(now.minusSeconds(7200), now.minusSeconds(3600));
		String oldIncomplete = publication(now.minus(retention).minus(Duration.ofDays(30)), null);
		try {
			this.purge.purge();
			assertThat(exists(oldCompleted)).isFalse();
			assertThat(exists(recentCompleted)).isTrue();
			assertThat(exists(oldIncomplete)).isTrue();
		}
		finally {
			// an incomplete row of a listener that does not exist would be redelivered at
			// the next start of this database
			this.jdbc.update("DELETE FROM EVENT_PUBLICATION WHERE id IN (?, ?, ?)", oldCompleted, recentCompleted,
					oldIncomplete);
		}
	}

	@Test
	void aNegativeRetentionOrNoIntervalIsRefused() {
		assertThatThrownBy(() -> new EventRetentionProperties(Duration.ofDays(-1), Duration.ofHours(1),
				Duration.ofMinutes(15), Duration.ofMinutes(1)))
			.hasMessageContaining("completed-retention");
		assertThatThrownBy(() -> new EventRetentionProperties(Duration.ofDays(7), Duration.ZERO, Duration.ofMinutes(15),
				Duration.ofMinutes(1)))
			.hasMessageContaining("purge-interval");
		assertThatThrownBy(() -> new EventRetentionProperties(Duration.ofDays(7), Duration.ofHours(1), Duration.ZERO,
				Duration.ofMinutes(1)))
			.hasMessageContaining("resubmit-after");
	}

	private String publication(Instant published, Instant completed) {
		String id = UUID.randomUUID().toString();
		this.jdbc.update(
				"INSERT INTO EVENT_PUBLICATION (id, listener_id, event_type, serialized_event, publication_date, "
						+ "completion_date, status) VALUES (?, ?, ?, ?, ?, ?, ?)",
				id, "test.PurgeListener.on(test.Event)", "test.Event", "{}", Timestamp.from(published),
				(completed != null) ? Timestamp.from(completed) : null,
				(completed != null) ? "COMPLETED" : "PUBLISHED");
		return id;
	}

	private boolean exists(String id) {
		List<Integer> found = this.jdbc.queryForList("SELECT 1 FROM EVENT_PUBLICATION WHERE id = ?", Integer.class, id);
		return !found.isEmpty();
	}

}
