package org.attc.tracker.notifications.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes sending the outbox: each due row is claimed by one sender only, a claim whose
 * lease ran out is taken over, and the sender that lost it can change the row no more.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class OutboxClaimTests {

	@Autowired
	Outbox outbox;

	@Autowired
	JdbcTemplate jdbc;

	/** Rows other tests left, as they were: a claim here may take them too. */
	private List<Map<String, Object>> others;

	private final List<Long> ours = new ArrayList<>();

	@BeforeEach
	void rememberOtherRows() {
		this.others = this.jdbc.queryForList("SELECT id, status, next_attempt_at, claim_token FROM notif_delivery");
	}

	@AfterEach
	void restoreOtherRowsAndDropOurs() {
		for (Map<String, Object> row : this.others) {
			this.jdbc.update("UPDATE notif_delivery SET status = ?, next_attempt_at = ?, claim_token = ? WHERE id = ?",
					row.get("status"), row.get("next_attempt_at"), row.get("claim_token"), row.get("id"));
		}
		for (Long id : this.ours) {
			this.jdbc.update("DELETE FROM notif_delivery WHERE id = ?", id);
		}
	}

	@Test
	void twoSendersClaimingAtOnceNeverTakeTheSameRow() throws Exception {
		for (int i = 0; i < 30; i++) {
			queueLongDue(i);
		}
		CyclicBarrier start = new CyclicBarrier(2);
		CompletableFuture<List<Long>> a = CompletableFuture.supplyAsync(() -> claim(start));
		CompletableFuture<List<Long>> b = CompletableFuture.supplyAsync(() -> claim(start));
		Set<Long> byA = new HashSet<>(a.get());
		Set<Long> byB = new HashSet<>(b.get());
		Set<Long> both = new HashSet<>(byA);
		both.retainAll(byB);
		assertThat(both).isEmpty();
		Set<Long> claimed = new HashSet<>(byA);
		claimed.addAll(byB);
		assertThat(claimed).containsAll(this.ours);
	}

	@Test
	void aLeaseThatRanOutIsTakenOverAndTheSenderThatLostItChangesNothing() {
		long id = queueLongDue(0);
		Outbox.Delivery first = only(this.outbox.claimDue(1), id);
		// the first sender stalls past its lease
		Instant ranOut = Instant.parse("2001-01-01T00:00:00Z");
		this.jdbc.update("UPDATE notif_delivery SET next_attempt_at = ? WHERE id = ?", Timestamp.from(ranOut), id);
		Outbox.Delivery stalled = first.leasedUntil(ranOut);

		Outbox.Delivery second = only(this.outbox.claimDue(1), id);
		assertThat(second.nextAttemptAt()).isAfter(Instant.now());

		assertThat(this.outbox.renew(stalled)).isEmpty();
		this.outbox.sent(stalled);
		assertThat(status(id)).isEqualTo("SENDING");
		Outbox.Delivery renewed = this.outbox.renew(second).orElseThrow();
		this.outbox.sent(renewed);
		assertThat(status(id)).isEqualTo("SENT");
	}

	@Test
	void aRowStillLeasedIsNotClaimedAgain() {
		long id = queueLongDue(0);
		only(this.outbox.claimDue(1), id);
		assertThat(this.outbox.claimDue(50)).extracting(Outbox.Delivery::id).doesNotContain(id);
	}

	private List<Long> claim(CyclicBarrier start) {
		try {
			start.await();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		return this.outbox.claimDue(30).stream().map(Outbox.Delivery::id).toList();
	}

	private static Outbox.Delivery only(List<Outbox.Delivery> claimed, long id) {
		return claimed.stream()
			.filter((d) -> d.id() == id)
			.findFirst()
			.orElseThrow(() -> new AssertionError(id + " not claimed"));
	}

	/** A row due long ago, so that it comes before anything other tests queued. */
	private long queueLongDue(int n) {
		long id = this.outbox.enqueue(new Outbox.Message(MessageKind.REMINDER, new Recipient("account:claim-test-" + n),
				"claim-test-" + n + "@example.org", "Claim test", "text", "<p>html</p>",
				"https://example.org/opt-out"));
		this.jdbc.update("UPDATE notif_delivery SET next_attempt_at = ? WHERE id = ?",
				Timestamp.from(Instant.parse("2000-01-01T00:00:00Z").plusSeconds(n)), id);
		this.ours.add(id);
		return id;
	}

	private String status(long id) {
		return this.jdbc.queryForObject("SELECT status FROM notif_delivery WHERE id = ?", String.class, id);
	}

}
