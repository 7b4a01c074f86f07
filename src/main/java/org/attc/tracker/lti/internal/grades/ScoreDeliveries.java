package org.attc.tracker.lti.internal.grades;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox of AGS scores ({@code lti_score_delivery}). Attainment changes write scores
 * here in the crediting listener's transaction; a sender claims due rows, so a slow or
 * absent platform never holds up ingestion or crediting, and several application nodes
 * never send the same row at once.
 */
@Component
class ScoreDeliveries {

	/** Where a score is on its way to the platform. */
	enum Status {

		/** Waiting to be sent (first time or after a transient failure). */
		PENDING,
		/**
		 * Claimed by a sender; claimed again when its lease runs out (a crashed node).
		 */
		SENDING,
		/** The platform accepted it. */
		SENT,
		/** The platform refused it, or it kept failing: not tried again. */
		FAILED,
		/** A newer score for the same link and user replaced it before it was sent. */
		SUPERSEDED

	}

	/**
	 * One score on its way.
	 *
	 * @param id the delivery
	 * @param linkId the resource link (its line item)
	 * @param userId the platform user ({@code sub})
	 * @param learnerId the learner
	 * @param held linked capabilities held at the required tier
	 * @param linked capabilities the link's course is mapped to
	 * @param activityProgress AGS §3.4.5
	 * @param gradingProgress AGS §3.4.6
	 * @param scoreTimestamp the score's timestamp, strictly increasing per link and user
	 * @param status where it is
	 * @param attempts attempts made
	 * @param nextAttemptAt when it is due (or its claim runs out)
	 * @param lastHttpStatus the platform's last answer, 0 when unreachable
	 * @param lastError the last failure in words
	 * @param createdAt when it was queued
	 * @param updatedAt when it last changed
	 * @param sentAt when the platform accepted it
	 */
	record Delivery(long id, long linkId, String userId, long learnerId, int held, int linked, String activityProgress,
			String gradingProgress, Instant scoreTimestamp, Status status, int attempts, Instant nextAttemptAt,
			Integer lastHttpStatus, String lastError, Instant createdAt, Instant updatedAt, Instant sentAt) {

		/** The same delivery, its claim running until {@code until}. */
		Delivery leasedUntil(Instant until) {
			return new Delivery(this.id, this.linkId, this.userId, this.learnerId, this.held, this.linked,
					this.activityProgress, this.gradingProgress, this.scoreTimestamp, this.status, this.attempts, until,
					this.lastHttpStatus, this.lastError, this.createdAt, this.updatedAt, this.sentAt);
		}

	}

	/** A delivery with where it goes, for administrators. */
	record DeliveryView(Delivery delivery, String issuer, String contextId, String resourceLinkId, String linkTitle,
			String lineItemUrl) {
	}

	private static final SecureRandom random = new SecureRandom();

	/** How long a claimed row is left to its sender before another may take it. */
	static final Duration LEASE = Duration.ofMinutes(5);

	private final JdbcClient jdbc;

	private final TransactionTemplate ownTransaction;

	ScoreDeliveries(JdbcClient jdbc, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.ownTransaction = new TransactionTemplate(transactions);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/**
	 * Queues a score, unless the newest one for this link and user (pending, being sent
	 * or sent) says the same already, so a re-delivered event or a change that moves
	 * nothing sends nothing. A pending older score is superseded: only the newest is
	 * sent. The timestamp is strictly after the previous score's, as Moodle refuses a
	 * score not newer than the one it holds (409).
	 * @return whether a new score was queued
	 */
	boolean enqueue(long linkId, String userId, long learnerId, int held, int linked, String activityProgress,
			String gradingProgress) {
		// a short transaction of its own, tried again when the database picks it as a
		// deadlock victim (the sender claims rows at the same time)
		for (int attempt = 1;; attempt++) {
			try {
				return Boolean.TRUE.equals(this.ownTransaction.execute((status) -> enqueueNow(linkId, userId, learnerId,
						held, linked, activityProgress, gradingProgress)));
			}
			catch (PessimisticLockingFailureException ex) {
				if (attempt >= 5) {
					throw ex;
				}
			}
		}
	}

	private boolean enqueueNow(long linkId, String userId, long learnerId, int held, int linked,
			String activityProgress, String gradingProgress) {
		// serialises queueing per link: two attainment events of one learner at once
		// must not both queue
		this.jdbc.sql("SELECT id FROM lti_resource_link WHERE id = ? FOR UPDATE")
			.params(linkId)
			.query(Long.class)
			.list();
		List<Delivery> newest = this.jdbc
			.sql(SELECT + "WHERE link_id = ? AND user_id = ? AND status <> 'SUPERSEDED' ORDER BY id DESC LIMIT 1")
			.params(linkId, userId)
			.query((rs, i) -> delivery(rs))
			.list();
		Instant now = Instant.now();
		Instant timestamp = now.truncatedTo(ChronoUnit.SECONDS);
		if (!newest.isEmpty()) {
			Delivery last = newest.get(0);
			if (last.status() != Status.FAILED && last.held() == held && last.linked() == linked
					&& last.activityProgress().equals(activityProgress)
					&& last.gradingProgress().equals(gradingProgress)) {
				return false;
			}
			Instant after = last.scoreTimestamp().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
			if (after.isAfter(timestamp)) {
				timestamp = after;
			}
		}
		// by primary key only: no gap locks for the sender's claim to run into
		List<Long> pending = this.jdbc
			.sql("SELECT id FROM lti_score_delivery WHERE link_id = ? AND user_id = ? AND status = 'PENDING'")
			.params(linkId, userId)
			.query(Long.class)
			.list();
		for (Long id : pending) {
			this.jdbc
				.sql("UPDATE lti_score_delivery SET status = 'SUPERSEDED', updated_at = ? WHERE id = ? "
						+ "AND status = 'PENDING'")
				.params(ts(now), id)
				.update();
		}
		this.jdbc
			.sql("INSERT INTO lti_score_delivery (link_id, user_id, learner_id, capabilities_held, "
					+ "capabilities_linked, activity_progress, grading_progress, score_timestamp, status, attempts, "
					+ "next_attempt_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?, ?)")
			.params(linkId, userId, learnerId, held, linked, activityProgress, gradingProgress, ts(timestamp), ts(now),
					ts(now), ts(now))
			.update();
		return true;
	}

	/** Claims up to {@code limit} due rows for one sender. */
	List<Delivery> claimDue(int limit) {
		String claim = HexFormat.of().formatHex(bytes());
		Instant now = Instant.now();
		// a plain read picks candidates; the update by primary key claims those still
		// due,
		// so two senders never both take a row and no range of the index is locked
		List<Long> due = this.jdbc
			.sql("SELECT id FROM lti_score_delivery WHERE status IN ('PENDING', 'SENDING') AND next_attempt_at <= ? "
					+ "ORDER BY next_attempt_at, id LIMIT ?")
			.params(ts(now), limit)
			.query(Long.class)
			.list();
		for (Long id : due) {
			this.jdbc
				.sql("UPDATE lti_score_delivery SET status = 'SENDING', claim_token = ?, next_attempt_at = ?, "
						+ "updated_at = ? WHERE id = ? AND status IN ('PENDING', 'SENDING') AND next_attempt_at <= ?")
				.params(claim, ts(now.plus(LEASE).truncatedTo(ChronoUnit.MILLIS)), ts(now), id, ts(now))
				.update();
		}
		return this.jdbc.sql(SELECT + "WHERE claim_token = ? AND status = 'SENDING' ORDER BY id")
			.params(claim)
			.query((rs, i) -> delivery(rs))
			.list();
	}

	private static byte[] bytes() {
		byte[] bytes = new byte[16];
		random.nextBytes(bytes);
		return bytes;
	}

	/** Whether a newer score for the same link and user exists (this one is outdated). */
	boolean newerExists(Delivery delivery) {
		return this.jdbc
			.sql("SELECT COUNT(*) FROM lti_score_delivery WHERE link_id = ? AND user_id = ? AND id > ? "
					+ "AND status <> 'SUPERSEDED'")
			.params(delivery.linkId(), delivery.userId(), delivery.id())
			.query(Long.class)
			.single() > 0;
	}

	void superseded(Delivery delivery) {
		finish(delivery, "status = 'SUPERSEDED', claim_token = NULL", List.of());
	}

	void sent(Delivery delivery, int httpStatus) {
		finish(delivery,
				"status = 'SENT', attempts = attempts + 1, sent_at = ?, last_http_status = ?, last_error = NULL, "
						+ "claim_token = NULL",
				List.of(ts(Instant.now()), httpStatus));
	}

	void failed(Delivery delivery, int httpStatus, String error) {
		finish(delivery,
				"status = 'FAILED', attempts = attempts + 1, last_http_status = ?, last_error = ?, claim_token = NULL",
				List.of(httpStatus, error));
	}

	void retryLater(Delivery delivery, int httpStatus, String error, Instant next) {
		finish(delivery, "status = 'PENDING', attempts = attempts + 1, next_attempt_at = ?, last_http_status = ?, "
				+ "last_error = ?, claim_token = NULL", List.of(ts(next), httpStatus, error));
	}

	/**
	 * Takes a fresh lease on a claimed delivery just before it is sent, if the claim is
	 * still this sender's: a row whose lease ran out while it waited in the batch may
	 * have been claimed by another node since, and is then left to that one.
	 * @return the delivery under its new lease, or empty when it is no longer ours
	 */
	Optional<Delivery> renew(Delivery delivery) {
		Instant until = Instant.now().plus(LEASE).truncatedTo(ChronoUnit.MILLIS);
		int updated = this.jdbc
			.sql("UPDATE lti_score_delivery SET next_attempt_at = ? WHERE id = ? AND status = 'SENDING' "
					+ "AND next_attempt_at = ?")
			.params(ts(until), delivery.id(), ts(delivery.nextAttemptAt()))
			.update();
		return (updated == 1) ? Optional.of(delivery.leasedUntil(until)) : Optional.empty();
	}

	private void finish(Delivery delivery, String set, List<Object> params) {
		List<Object> all = new java.util.ArrayList<>(params);
		all.add(ts(Instant.now()));
		all.add(delivery.id());
		// a sender whose lease ran out and was taken over changes nothing
		all.add(ts(delivery.nextAttemptAt()));
		this.jdbc
			.sql("UPDATE lti_score_delivery SET " + set + ", updated_at = ? WHERE id = ? AND status = 'SENDING' "
					+ "AND next_attempt_at = ?")
			.params(all)
			.update();
	}

	/**
	 * An administrator asks for a failed score to be tried again (e.g. after fixing the
	 * platform's settings), unless a newer score replaced it.
	 * @return whether it was queued again
	 */
	boolean retry(long id) {
		return this.jdbc
			.sql("UPDATE lti_score_delivery d SET status = 'PENDING', attempts = 0, next_attempt_at = ?, "
					+ "updated_at = ? WHERE d.id = ? AND d.status = 'FAILED' AND NOT EXISTS (SELECT 1 FROM "
					+ "lti_score_delivery n WHERE n.link_id = d.link_id AND n.user_id = d.user_id AND n.id > d.id "
					+ "AND n.status <> 'SUPERSEDED')")
			.params(ts(Instant.now()), ts(Instant.now()), id)
			.update() == 1;
	}

	/** The most recent deliveries in these states, newest first, with where they go. */
	List<DeliveryView> recent(Set<Status> statuses, int limit) {
		String in = statuses.stream().map((s) -> "'" + s.name() + "'").collect(Collectors.joining(", "));
		return this.jdbc
			.sql("SELECT d.id, d.link_id, d.user_id, d.learner_id, d.capabilities_held, d.capabilities_linked, "
					+ "d.activity_progress, d.grading_progress, d.score_timestamp, d.status, d.attempts, "
					+ "d.next_attempt_at, d.last_http_status, d.last_error, d.created_at, d.updated_at, d.sent_at, "
					+ "p.issuer, l.context_id, l.resource_link_id, l.title, l.line_item_url FROM lti_score_delivery d "
					+ "JOIN lti_resource_link l ON l.id = d.link_id JOIN lti_platform p ON p.id = l.platform_id "
					+ "WHERE d.status IN (" + in + ") ORDER BY d.updated_at DESC, d.id DESC LIMIT ?")
			.params(limit)
			.query((rs, i) -> new DeliveryView(delivery(rs), rs.getString(18), rs.getString(19), rs.getString(20),
					rs.getString(21), rs.getString(22)))
			.list();
	}

	Map<Status, Long> counts() {
		Map<Status, Long> counts = new LinkedHashMap<>();
		for (Status status : Status.values()) {
			counts.put(status, 0L);
		}
		this.jdbc.sql("SELECT status, COUNT(*) FROM lti_score_delivery GROUP BY status")
			.query((rs, i) -> Map.entry(Status.valueOf(rs.getString(1)), rs.getLong(2)))
			.list()
			.forEach((e) -> counts.put(e.getKey(), e.getValue()));
		return counts;
	}

	private static final String SELECT = "SELECT id, link_id, user_id, learner_id, capabilities_held, "
			+ "capabilities_linked, activity_progress, grading_progress, score_timestamp, status, attempts, "
			+ "next_attempt_at, last_http_status, last_error, created_at, updated_at, sent_at FROM lti_score_delivery ";

	private static Delivery delivery(ResultSet rs) throws SQLException {
		int httpStatus = rs.getInt(13);
		Integer lastHttpStatus = rs.wasNull() ? null : httpStatus;
		return new Delivery(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4), rs.getInt(5), rs.getInt(6),
				rs.getString(7), rs.getString(8), instant(rs.getTimestamp(9)), Status.valueOf(rs.getString(10)),
				rs.getInt(11), instant(rs.getTimestamp(12)), lastHttpStatus, rs.getString(14),
				instant(rs.getTimestamp(15)), instant(rs.getTimestamp(16)), instant(rs.getTimestamp(17)));
	}

	private static Instant instant(Timestamp timestamp) {
		return (timestamp == null) ? null : timestamp.toInstant();
	}

	private static Timestamp ts(Instant instant) {
		return Timestamp.from(instant);
	}

}
