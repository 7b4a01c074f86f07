package org.attc.tracker.notifications.internal;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;

/**
 * The outbox of messages ({@code notif_delivery}). A run writes messages here in the same
 * transaction as the record of what they announce; the sender claims due rows with a
 * conditional update, so several nodes never send the same row at once.
 */
@Component
public class Outbox {

	/** Where a message is. */
	public enum Status {

		/** Waiting to be sent (first time or after a transient failure). */
		PENDING,
		/**
		 * Claimed by a sender; claimed again when its lease runs out (a crashed node).
		 */
		SENDING,
		/** The SMTP server accepted it. */
		SENT,
		/** Refused, or it kept failing: not tried again unless an administrator asks. */
		FAILED

	}

	/**
	 * A message in the outbox.
	 *
	 * @param id the delivery
	 * @param kind reminder or digest
	 * @param recipient who it is for
	 * @param to the address
	 * @param subject its subject (no personal data)
	 * @param text plain text body
	 * @param html HTML body
	 * @param optOutUrl the signed opt-out link it carries
	 * @param status where it is
	 * @param attempts attempts made
	 * @param nextAttemptAt when it is due (or its claim runs out)
	 * @param lastError the last failure in words
	 * @param createdAt when it was queued
	 * @param updatedAt when it last changed
	 * @param sentAt when the SMTP server accepted it
	 */
	public record Delivery(long id, MessageKind kind, String recipient, String to, String subject, String text,
			String html, String optOutUrl, Status status, int attempts, Instant nextAttemptAt, String lastError,
			Instant createdAt, Instant updatedAt, Instant sentAt) {

		/** The same delivery, its claim running until {@code until}. */
		Delivery leasedUntil(Instant until) {
			return new Delivery(this.id, this.kind, this.recipient, this.to, this.subject, this.text, this.html,
					this.optOutUrl, this.status, this.attempts, until, this.lastError, this.createdAt, this.updatedAt,
					this.sentAt);
		}

	}

	/** A message ready to queue. */
	public record Message(MessageKind kind, Recipient recipient, String to, String subject, String text, String html,
			String optOutUrl) {
	}

	/** How long a claimed row is left to its sender before another may take it. */
	static final Duration LEASE = Duration.ofMinutes(5);

	private static final SecureRandom random = new SecureRandom();

	private final JdbcClient jdbc;

	Outbox(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Queues a message (in the caller's transaction). @return the delivery id */
	public long enqueue(Message message) {
		Instant now = Instant.now();
		KeyHolder key = new GeneratedKeyHolder();
		this.jdbc
			.sql("INSERT INTO notif_delivery (kind, recipient, to_address, subject, text_body, html_body, opt_out_url, "
					+ "status, attempts, next_attempt_at, created_at, updated_at) "
					+ "VALUES (?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?, ?)")
			.params(message.kind().name(), message.recipient().key(), message.to(), message.subject(), message.text(),
					message.html(), message.optOutUrl(), ts(now), ts(now), ts(now))
			.update(key, "id");
		return key.getKey().longValue();
	}

	/** Claims up to {@code limit} due rows for one sender. */
	List<Delivery> claimDue(int limit) {
		String claim = HexFormat.of().formatHex(bytes());
		Instant now = Instant.now();
		// a plain read picks candidates; the update by primary key claims those still
		// due, so two senders never both take a row and no index range is locked
		List<Long> due = this.jdbc
			.sql("SELECT id FROM notif_delivery WHERE status IN ('PENDING', 'SENDING') AND next_attempt_at <= ? "
					+ "ORDER BY next_attempt_at, id LIMIT ?")
			.params(ts(now), limit)
			.query(Long.class)
			.list();
		for (Long id : due) {
			this.jdbc
				.sql("UPDATE notif_delivery SET status = 'SENDING', claim_token = ?, next_attempt_at = ?, "
						+ "updated_at = ? WHERE id = ? AND status IN ('PENDING', 'SENDING') AND next_attempt_at <= ?")
				.params(claim, ts(now.plus(LEASE).truncatedTo(ChronoUnit.MILLIS)), ts(now), id, ts(now))
				.update();
		}
		return this.jdbc.sql(SELECT + "WHERE claim_token = ? AND status = 'SENDING' ORDER BY id")
			.params(claim)
			.query((rs, i) -> delivery(rs))
			.list();
	}

	void sent(Delivery delivery) {
		finish(delivery, "status = 'SENT', attempts = attempts + 1, sent_at = ?, last_error = NULL, claim_token = NULL",
				List.of(ts(Instant.now())));
	}

	void failed(Delivery delivery, String error) {
		finish(delivery, "status = 'FAILED', attempts = attempts + 1, last_error = ?, claim_token = NULL",
				List.of(shorten(error)));
	}

	void retryLater(Delivery delivery, String error, Instant next) {
		finish(delivery,
				"status = 'PENDING', attempts = attempts + 1, next_attempt_at = ?, last_error = ?, claim_token = NULL",
				List.of(ts(next), shorten(error)));
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
			.sql("UPDATE notif_delivery SET next_attempt_at = ? WHERE id = ? AND status = 'SENDING' "
					+ "AND next_attempt_at = ?")
			.params(ts(until), delivery.id(), ts(delivery.nextAttemptAt()))
			.update();
		return (updated == 1) ? Optional.of(delivery.leasedUntil(until)) : Optional.empty();
	}

	private void finish(Delivery delivery, String set, List<Object> params) {
		List<Object> all = new ArrayList<>(params);
		all.add(ts(Instant.now()));
		all.add(delivery.id());
		// a sender whose lease ran out and was taken over changes nothing
		all.add(ts(delivery.nextAttemptAt()));
		this.jdbc
			.sql("UPDATE notif_delivery SET " + set + ", updated_at = ? WHERE id = ? AND status = 'SENDING' "
					+ "AND next_attempt_at = ?")
			.params(all)
			.update();
	}

	/**
	 * An administrator asks for a failed message to be sent again.
	 * @return whether it was queued again
	 */
	public boolean retry(long id) {
		Instant now = Instant.now();
		return this.jdbc
			.sql("UPDATE notif_delivery SET status = 'PENDING', attempts = 0, next_attempt_at = ?, updated_at = ? "
					+ "WHERE id = ? AND status = 'FAILED'")
			.params(ts(now), ts(now), id)
			.update() == 1;
	}

	public Optional<Delivery> find(long id) {
		return this.jdbc.sql(SELECT + "WHERE id = ?").params(id).query((rs, i) -> delivery(rs)).optional();
	}

	/** The most recent deliveries in these states, newest first. */
	public List<Delivery> recent(Set<Status> statuses, int limit) {
		String in = statuses.stream().map((s) -> "'" + s.name() + "'").collect(Collectors.joining(", "));
		return this.jdbc.sql(SELECT + "WHERE status IN (" + in + ") ORDER BY updated_at DESC, id DESC LIMIT ?")
			.params(limit)
			.query((rs, i) -> delivery(rs))
			.list();
	}

	public Map<Status, Long> counts() {
		Map<Status, Long> counts = new LinkedHashMap<>();
		for (Status status : Status.values()) {
			counts.put(status, 0L);
		}
		this.jdbc.sql("SELECT status, COUNT(*) FROM notif_delivery GROUP BY status")
			.query((rs, i) -> Map.entry(Status.valueOf(rs.getString(1)), rs.getLong(2)))
			.list()
			.forEach((e) -> counts.put(e.getKey(), e.getValue()));
		return counts;
	}

	private static final String SELECT = "SELECT id, kind, recipient, to_address, subject, text_body, html_body, "
			+ "opt_out_url, status, attempts, next_attempt_at, last_error, created_at, updated_at, sent_at "
			+ "FROM notif_delivery ";

	private static Delivery delivery(ResultSet rs) throws SQLException {
		return new Delivery(rs.getLong(1), MessageKind.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4),
				rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), Status.valueOf(rs.getString(9)),
				rs.getInt(10), instant(rs.getTimestamp(11)), rs.getString(12), instant(rs.getTimestamp(13)),
				instant(rs.getTimestamp(14)), instant(rs.getTimestamp(15)));
	}

	private static String shorten(String error) {
		String text = (error != null) ? error : "unknown error";
		return (text.length() > 1000) ? text.substring(0, 997) + "..." : text;
	}

	private static byte[] bytes() {
		byte[] bytes = new byte[16];
		random.nextBytes(bytes);
		return bytes;
	}

	private static Instant instant(Timestamp timestamp) {
		return (timestamp == null) ? null : timestamp.toInstant();
	}

	private static Timestamp ts(Instant instant) {
		return Timestamp.from(instant);
	}

}
