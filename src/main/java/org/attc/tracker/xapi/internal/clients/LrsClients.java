package org.attc.tracker.xapi.internal.clients;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.attc.tracker.xapi.internal.XapiProperties;
import org.attc.tracker.xapi.internal.clients.LrsClient.Scope;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * LRS client credentials: created by admins (the secret is shown once) or declared in
 * configuration; stored with the secret hashed.
 * <p>
 * The hash is SHA-256, not bcrypt: generated secrets carry 256 random bits, so a slow
 * hash adds no protection against guessing, while every statement request is
 * authenticated and a bcrypt check (~100 ms) would dominate ingestion time. Declared
 * secrets should be as long; the documentation says so.
 */
@Service
public class LrsClients {

	private static final SecureRandom random = new SecureRandom();

	/** Most verified credentials kept; beyond it the cache starts again empty. */
	private static final int CACHE_SIZE = 1024;

	private final JdbcTemplate jdbc;

	private final Duration cacheTtl;

	/**
	 * Verified credentials: client key and hash of the presented secret to the client, so
	 * that each statement request does not need a database round trip. Only successes are
	 * kept (a wrong secret never is); a deleted or re-declared client is dropped at once.
	 */
	private final Map<String, Verified> verified = new ConcurrentHashMap<>();

	private record Verified(LrsClient client, long expiresAt) {
	}

	/** Counts deletions and re-declarations, so a lookup racing one is not cached. */
	private final AtomicLong changes = new AtomicLong();

	LrsClients(JdbcTemplate jdbc, XapiProperties properties) {
		this.jdbc = jdbc;
		this.cacheTtl = properties.credentialCacheTtl();
	}

	/** A newly created client with its secret, which is not kept. */
	public record Created(LrsClient client, String secret) {
	}

	@Transactional
	public Created create(String name, Set<Scope> scopes, String organisation) {
		String key = token(15);
		String secret = token(32);
		this.jdbc.update(
				"INSERT INTO xapi_client (client_key, name, secret_hash, scopes, organisation, declared, created_at) "
						+ "VALUES (?, ?, ?, ?, ?, FALSE, ?)",
				key, name, hash(secret), text(scopes), organisation, Timestamp.from(Instant.now()));
		return new Created(new LrsClient(key, name, scopes, organisation), secret);
	}

	/** Creates or updates a client declared in configuration. */
	@Transactional
	public void declare(String key, String secret, String name, Set<Scope> scopes, String organisation) {
		forget(key);
		int updated = this.jdbc
			.update("UPDATE xapi_client SET name = ?, secret_hash = ?, scopes = ?, organisation = ?, declared = TRUE "
					+ "WHERE client_key = ?", name, hash(secret), text(scopes), organisation, key);
		if (updated == 0) {
			this.jdbc.update(
					"INSERT INTO xapi_client (client_key, name, secret_hash, scopes, organisation, declared, created_at) "
							+ "VALUES (?, ?, ?, ?, ?, TRUE, ?)",
					key, name, hash(secret), text(scopes), organisation, Timestamp.from(Instant.now()));
		}
	}

	public List<LrsClient> all() {
		return this.jdbc.query("SELECT client_key, name, scopes, organisation FROM xapi_client ORDER BY created_at",
				(rs, n) -> new LrsClient(rs.getString(1), rs.getString(2), scopes(rs.getString(3)), rs.getString(4)));
	}

	public boolean delete(String key) {
		boolean deleted = this.jdbc.update("DELETE FROM xapi_client WHERE client_key = ?", key) > 0;
		forget(key);
		return deleted;
	}

	private void forget(String key) {
		this.changes.incrementAndGet();
		this.verified.keySet().removeIf((entry) -> entry.startsWith(key + " "));
	}

	/**
	 * @return the client when the key exists and the secret matches its hash
	 */
	public Optional<LrsClient> authenticate(String key, String secret) {
		String presented = hash(secret);
		String cacheKey = key + " " + presented;
		long now = System.nanoTime();
		long changesBefore = this.changes.get();
		Verified known = this.verified.get(cacheKey);
		if (known != null && now - known.expiresAt() < 0) {
			return Optional.of(known.client());
		}
		List<Object[]> rows = this.jdbc.query(
				"SELECT client_key, name, scopes, organisation, secret_hash FROM xapi_client WHERE client_key = ?",
				(rs, n) -> new Object[] {
						new LrsClient(rs.getString(1), rs.getString(2), scopes(rs.getString(3)), rs.getString(4)),
						rs.getString(5) },
				key);
		if (rows.isEmpty()) {
			return Optional.empty();
		}
		byte[] expected = ((String) rows.get(0)[1]).getBytes(StandardCharsets.US_ASCII);
		byte[] actual = presented.getBytes(StandardCharsets.US_ASCII);
		if (!MessageDigest.isEqual(expected, actual)) {
			return Optional.empty();
		}
		LrsClient client = (LrsClient) rows.get(0)[0];
		if (this.verified.size() >= CACHE_SIZE) {
			this.verified.clear();
		}
		this.verified.put(cacheKey, new Verified(client, now + this.cacheTtl.toNanos()));
		if (this.changes.get() != changesBefore) {
			// a client was deleted while we looked: do not trust what we read
			this.verified.remove(cacheKey);
		}
		return Optional.of(client);
	}

	static Set<Scope> scopes(String text) {
		Set<Scope> scopes = EnumSet.noneOf(Scope.class);
		Arrays.stream(text.split(" ")).filter((s) -> !s.isBlank()).map(Scope::of).forEach(scopes::add);
		return scopes;
	}

	public static Set<Scope> scopes(List<String> texts) {
		Set<Scope> scopes = new LinkedHashSet<>();
		texts.stream().map(String::trim).map(Scope::of).forEach(scopes::add);
		return scopes;
	}

	private static String text(Set<Scope> scopes) {
		return scopes.stream().map(Scope::text).collect(Collectors.joining(" "));
	}

	static String hash(String secret) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
			return "sha256:" + HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String token(int bytes) {
		byte[] value = new byte[bytes];
		random.nextBytes(value);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
	}

}
