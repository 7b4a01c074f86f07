package org.attc.tracker.lti.internal.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.attc.tracker.lti.internal.LtiProperties;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The state and nonce of each OIDC login, kept in the database (so any node can take the
 * launch) until the launch consumes them once, or they expire. Only a hash of the state
 * is stored: a database reader cannot complete someone's login.
 */
@Component
public class LoginStates {

	private static final SecureRandom random = new SecureRandom();

	private final JdbcClient jdbc;

	private final LtiProperties properties;

	private final Clock clock = Clock.systemUTC();

	LoginStates(JdbcClient jdbc, LtiProperties properties) {
		this.jdbc = jdbc;
		this.properties = properties;
	}

	/** A login's state and nonce as issued. */
	public record Issued(String state, String nonce) {
	}

	/** A consumed login state. */
	public record Login(long platformId, String nonce, String storageTarget) {
	}

	/** Issues a fresh state and nonce for a login to this platform. */
	@Transactional
	public Issued issue(long platformId, String storageTarget) {
		Instant now = this.clock.instant();
		// expired rows go as new ones come, a few at a time
		this.jdbc.sql("DELETE FROM lti_login_state WHERE expires_at < ? LIMIT 100").param(Timestamp.from(now)).update();
		Issued issued = new Issued(randomToken(), randomToken());
		this.jdbc
			.sql("INSERT INTO lti_login_state (state_hash, nonce, platform_id, storage_target, expires_at) "
					+ "VALUES (?, ?, ?, ?, ?)")
			.params(hash(issued.state()), issued.nonce(), platformId, storageTarget,
					Timestamp.from(now.plus(this.properties.loginStateTtl())))
			.update();
		return issued;
	}

	/**
	 * Takes a state out of the store: it answers once, and only before it expires (LTI
	 * Core §5.1.1.2, nonce single use: Security Framework §5.1.3 step 11).
	 */
	@Transactional
	public Optional<Login> consume(String state) {
		String hash = hash(state);
		List<Login> found = this.jdbc
			.sql("SELECT platform_id, nonce, storage_target FROM lti_login_state "
					+ "WHERE state_hash = ? AND expires_at > ? FOR UPDATE")
			.params(hash, Timestamp.from(this.clock.instant()))
			.query((rs, i) -> new Login(rs.getLong(1), rs.getString(2), rs.getString(3)))
			.list();
		if (found.isEmpty()) {
			return Optional.empty();
		}
		int deleted = this.jdbc.sql("DELETE FROM lti_login_state WHERE state_hash = ?").param(hash).update();
		return (deleted == 1) ? Optional.of(found.get(0)) : Optional.empty();
	}

	/** 256 random bits, URL-safe. */
	public static String randomToken() {
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/** SHA-256 in hex. */
	public static String hash(String value) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
