package org.attc.tracker.lti.internal.launch;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.attc.tracker.lti.internal.security.LoginStates;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Verified launches waiting for the browser to show, through platform storage, that it is
 * the browser the login started in (the cookie-less path of LTI Client Side postMessages,
 * "Platform Storage"). Each is usable once, for a few minutes.
 */
@Component
class PendingLaunches {

	private static final Duration TTL = Duration.ofMinutes(5);

	private final JdbcClient jdbc;

	PendingLaunches(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	record Pending(long platformId, String claimsJson) {
	}

	/**
	 * @return the one-time id handed to the browser
	 */
	@Transactional
	String hold(String state, long platformId, String claimsJson) {
		Instant now = Instant.now();
		this.jdbc.sql("DELETE FROM lti_pending_launch WHERE expires_at < ? LIMIT 100")
			.param(Timestamp.from(now))
			.update();
		String id = LoginStates.randomToken();
		this.jdbc
			.sql("INSERT INTO lti_pending_launch (id_hash, state_hash, platform_id, claims, expires_at) "
					+ "VALUES (?, ?, ?, ?, ?)")
			.params(LoginStates.hash(id), LoginStates.hash(state), platformId, claimsJson,
					Timestamp.from(now.plus(TTL)))
			.update();
		return id;
	}

	/**
	 * Takes the pending launch if the state the browser read from platform storage is the
	 * one the login stored there.
	 */
	@Transactional
	Optional<Pending> release(String id, String storedState) {
		String idHash = LoginStates.hash(id);
		List<Object[]> rows = this.jdbc
			.sql("SELECT state_hash, platform_id, claims FROM lti_pending_launch WHERE id_hash = ? AND expires_at > ? "
					+ "FOR UPDATE")
			.params(idHash, Timestamp.from(Instant.now()))
			.query((rs, i) -> new Object[] { rs.getString(1), rs.getLong(2), rs.getString(3) })
			.list();
		// used once, matched or not: a wrong guess burns it
		this.jdbc.sql("DELETE FROM lti_pending_launch WHERE id_hash = ?").param(idHash).update();
		if (rows.isEmpty() || storedState == null) {
			return Optional.empty();
		}
		Object[] row = rows.get(0);
		boolean same = MessageDigest.isEqual(((String) row[0]).getBytes(StandardCharsets.US_ASCII),
				LoginStates.hash(storedState).getBytes(StandardCharsets.US_ASCII));
		return same ? Optional.of(new Pending((Long) row[1], (String) row[2])) : Optional.empty();
	}

}
