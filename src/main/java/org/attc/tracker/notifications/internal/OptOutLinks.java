package org.attc.tracker.notifications.internal;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.attc.tracker.notifications.NotificationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Opt-out links that work without signing in: the recipient and the kind, signed with
 * HMAC-SHA256 under a key from the configuration or, when none is set, a random key kept
 * in the database (the same on every node). Anyone holding the link may opt that one
 * recipient out of that one kind, and nothing else; a changed byte fails the check.
 */
@Component
public class OptOutLinks {

	/** Where the link points (a public page, see {@code NotificationSecurity}). */
	public static final String PATH = "/notifications/opt-out";

	private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

	private static final Base64.Decoder B64D = Base64.getUrlDecoder();

	private final JdbcClient jdbc;

	private final NotificationProperties properties;

	private volatile byte[] key;

	OptOutLinks(JdbcClient jdbc, NotificationProperties properties) {
		this.jdbc = jdbc;
		this.properties = properties;
	}

	/** A signed opt-out: who and from what. */
	public record OptOut(Recipient recipient, MessageKind kind) {
	}

	/** The absolute opt-out address for a recipient and kind. */
	public String url(Recipient recipient, MessageKind kind) {
		return UriComponentsBuilder.fromUri(this.properties.baseUrl())
			.path(PATH)
			.queryParam("t", token(recipient, kind))
			.build()
			.toUriString();
	}

	public String token(Recipient recipient, MessageKind kind) {
		String payload = "v1." + kind.name() + "." + recipient.key();
		return B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + B64.encodeToString(mac(payload));
	}

	/**
	 * The opt-out a token stands for; empty when it is malformed or its signature fails.
	 */
	public Optional<OptOut> verify(String token) {
		if (token == null || token.length() > 600) {
			return Optional.empty();
		}
		int dot = token.indexOf('.');
		if (dot <= 0 || dot != token.lastIndexOf('.')) {
			return Optional.empty();
		}
		try {
			byte[] payloadBytes = B64D.decode(token.substring(0, dot));
			byte[] signature = B64D.decode(token.substring(dot + 1));
			// only the canonical spelling: the decoder ignores the unused low bits of a
			// last character, so a changed link could otherwise decode to the same bytes
			if (!B64.encodeToString(payloadBytes).equals(token.substring(0, dot))
					|| !B64.encodeToString(signature).equals(token.substring(dot + 1))) {
				return Optional.empty();
			}
			String payload = new String(payloadBytes, StandardCharsets.UTF_8);
			// compared in constant time: no timing hints about the right signature
			if (!MessageDigest.isEqual(signature, mac(payload))) {
				return Optional.empty();
			}
			String[] parts = payload.split("\\.", 3);
			if (parts.length != 3 || !parts[0].equals("v1")) {
				return Optional.empty();
			}
			return Optional.of(new OptOut(new Recipient(parts[2]), MessageKind.valueOf(parts[1])));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	private byte[] mac(String payload) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key(), "HmacSHA256"));
			return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private byte[] key() {
		byte[] current = this.key;
		if (current != null) {
			return current;
		}
		String configured = this.properties.linkSecret();
		if (configured != null && !configured.isBlank()) {
			current = configured.getBytes(StandardCharsets.UTF_8);
		}
		else {
			byte[] fresh = new byte[32];
			new SecureRandom().nextBytes(fresh);
			// the first node to insert wins; every node then reads the same key
			this.jdbc.sql("INSERT IGNORE INTO notif_link_key (id, secret, created_at) VALUES (1, ?, ?)")
				.params(fresh, Timestamp.from(Instant.now()))
				.update();
			current = this.jdbc.sql("SELECT secret FROM notif_link_key WHERE id = 1").query(byte[].class).single();
		}
		this.key = current;
		return current;
	}

}
