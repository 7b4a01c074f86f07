package org.attc.tracker.lti.internal.grades;

import java.sql.Timestamp;
import java.time.Instant;
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
 * Two nodes sending AGS scores: each due score is claimed by one sender, and a sender
 * whose lease ran out and was taken over can neither send nor finish the score.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ScoreDeliveriesClaimTests {

	@Autowired
	ScoreDeliveries deliveries;

	@Autowired
	JdbcTemplate jdbc;

	/** Rows other tests left, as they were: a claim here may take them too. */
	private List<Map<String, Object>> others;

	private long platformId;

	private long linkId;

	@BeforeEach
	void aLinkAndTheOtherRowsAsTheyAre() {
		this.others = this.jdbc.queryForList("SELECT id, status, next_attempt_at, claim_token FROM lti_score_delivery");
		String issuer = "https://claims.example/" + System.nanoTime();
		this.jdbc.update(
				"INSERT INTO lti_platform (name, issuer, client_id, auth_url, token_url, jwks_url, origin, "
						+ "created_at) VALUES ('Claims', ?, 'c', ?, ?, ?, 'ADMIN', NOW(6))",
				issuer, issuer + "/auth", issuer + "/token", issuer + "/jwks");
		this.platformId = this.jdbc.queryForObject("SELECT id FROM lti_platform WHERE issuer = ?", Long.class, issuer);
		this.jdbc.update("INSERT INTO lti_resource_link (platform_id, resource_link_id, line_item_url, ags_scopes, "
				+ "updated_at) VALUES (?, 'link', ?, '', NOW(6))", this.platformId, issuer + "/lineitems/1");
		this.linkId = this.jdbc.queryForObject("SELECT id FROM lti_resource_link WHERE platform_id = ?", Long.class,
				this.platformId);
	}

	@AfterEach
	void restore() {
		for (Map<String, Object> row : this.others) {
			this.jdbc.update(
					"UPDATE lti_score_delivery SET status = ?, next_attempt_at = ?, claim_token = ? WHERE id = ?",
					row.get("status"), row.get("next_attempt_at"), row.get("claim_token"), row.get("id"));
		}
		// the link and its deliveries go with the platform
		this.jdbc.update("DELETE FROM lti_platform WHERE id = ?", this.platformId);
	}

	@Test
	void twoSendersClaimingAtOnceNeverTakeTheSameScore() throws Exception {
		Set<Long> ours = new HashSet<>();
		for (int i = 0; i < 30; i++) {
			ours.add(queueLongDue(i));
		}
		CyclicBarrier start = new CyclicBarrier(2);
		CompletableFuture<List<Long>> a = CompletableFuture.supplyAsync(() -> claim(start));
		CompletableFuture<List<Long>> b = CompletableFuture.supplyAsync(() -> claim(start));
		Set<Long> both = new HashSet<>(a.get());
		both.retainAll(b.get());
		assertThat(both).isEmpty();
		Set<Long> claimed = new HashSet<>(a.get());
		claimed.addAll(b.get());
		assertThat(claimed).containsAll(ours);
	}

	@Test
	void aSenderWhoseLeaseWasTakenOverNeitherSendsNorFinishes() {
		long id = queueLongDue(0);
		ScoreDeliveries.Delivery first = only(this.deliveries.claimDue(1), id);
		// the first sender stalls past its lease
		Instant ranOut = Instant.parse("2001-01-01T00:00:00Z");
		this.jdbc.update("UPDATE lti_score_delivery SET next_attempt_at = ? WHERE id = ?", Timestamp.from(ranOut), id);
		ScoreDeliveries.Delivery stalled = first.leasedUntil(ranOut);
		ScoreDeliveries.Delivery second = only(this.deliveries.claimDue(1), id);

		assertThat(this.deliveries.renew(stalled)).isEmpty();
		this.deliveries.failed(stalled, 500, "the stalled sender's late answer");
		assertThat(status(id)).isEqualTo("SENDING");
		this.deliveries.sent(this.deliveries.renew(second).orElseThrow(), 200);
		assertThat(status(id)).isEqualTo("SENT");
	}

	private List<Long> claim(CyclicBarrier start) {
		try {
			start.await();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		return this.deliveries.claimDue(30).stream().map(ScoreDeliveries.Delivery::id).toList();
	}

	private static ScoreDeliveries.Delivery only(List<ScoreDeliveries.Delivery> claimed, long id) {
		return claimed.stream()
			.filter((d) -> d.id() == id)
			.findFirst()
			.orElseThrow(() -> new AssertionError(id + " not claimed"));
	}

	/** A score due long ago, so that it comes before anything other tests queued. */
	private long queueLongDue(int n) {
		Timestamp due = Timestamp.from(Instant.parse("2000-01-01T00:00:00Z").plusSeconds(n));
		this.jdbc.update("INSERT INTO lti_score_delivery (link_id, user_id, learner_id, capabilities_held, "
				+ "capabilities_linked, activity_progress, grading_progress, score_timestamp, status, attempts, "
				+ "next_attempt_at, created_at, updated_at) VALUES (?, ?, 1, 1, 2, 'InProgress', 'Pending', NOW(6), "
				+ "'PENDING', 0, ?, NOW(6), NOW(6))", this.linkId, "user-" + n, due);
		return this.jdbc.queryForObject("SELECT id FROM lti_score_delivery WHERE link_id = ? AND user_id = ?",
				Long.class, this.linkId, "user-" + n);
	}

	private String status(long id) {
		return this.jdbc.queryForObject("SELECT status FROM lti_score_delivery WHERE id = ?", String.class, id);
	}

}
