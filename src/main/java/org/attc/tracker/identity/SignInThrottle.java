package org.attc.tracker.identity;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Brute-force protection of password sign-in: the login form and HTTP Basic with a local
 * account, and HTTP Basic with LRS client credentials. Failures are counted per account
 * name (or client key) and per client address in the database, so every node sees the
 * same counts; past a free allowance each failure locks the account or the address for a
 * time that doubles ({@link SignInThrottleProperties}). While locked, a sign-in is
 * refused before its password is checked. Every failure is written to an audit table and
 * logged. Administrators see and clear locks at {@code /admin/sign-in-throttles} and
 * {@code /api/sign-in-throttles}.
 */
@Service
public class SignInThrottle {

	/** Request attribute: seconds until the lock that refused this request ends. */
	public static final String RETRY_AFTER = SignInThrottle.class.getName() + ".retryAfter";

	private static final Log log = LogFactory.getLog(SignInThrottle.class);

	/** What is counted. */
	public enum Kind {

		/** A local account's username (known or not: the answer must not tell). */
		ACCOUNT,
		/** An LRS client's key. */
		LRS_CLIENT,
		/** The client address a sign-in came from. */
		ADDRESS

	}

	/** One counted subject, for administrators. */
	public record Entry(Kind kind, String subject, int failures, Instant firstFailureAt, Instant lastFailureAt,
			Instant lockedUntil) {

		public boolean locked() {
			return this.lockedUntil != null && this.lockedUntil.isAfter(Instant.now());
		}

	}

	/** One audited failure. */
	public record Failure(Kind kind, String subject, String address, boolean locked, Instant at) {
	}

	/**
	 * How long a read of the active locks answers sign-ins on this node: every request of
	 * an API client signs in (HTTP Basic), and a query per request cost the LRS a fifth
	 * of its single-statement rate. Locks set here apply at once (the snapshot is
	 * dropped); locks set on another node, within this time.
	 */
	static final long LOCK_SNAPSHOT_NANOS = Duration.ofSeconds(1).toNanos();

	/** More active locks than this and each sign-in looks up its own (an attack). */
	static final int LOCK_SNAPSHOT_MAX = 1_000;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate ownTransaction;

	/** The active locks as last read; null when they must be read again. */
	private volatile LockSnapshot locks;

	/** Counts changes made here, so that a read racing one is not kept. */
	private final java.util.concurrent.atomic.AtomicLong changes = new java.util.concurrent.atomic.AtomicLong();

	/** Active locks by kind and subject, or null when there were too many to keep. */
	private record LockSnapshot(java.util.Map<String, Instant> until, long readAt) {
	}

	private final SignInThrottleProperties properties;

	SignInThrottle(JdbcTemplate jdbc, PlatformTransactionManager transactions, SignInThrottleProperties properties) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.ownTransaction = new TransactionTemplate(transactions);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/** The address of the request being served, or {@code null} outside a request. */
	public static String currentAddress() {
		return (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)
				? attributes.getRequest().getRemoteAddr() : null;
	}

	/**
	 * The end of the lock that bars a sign-in as {@code subject} from {@code address}, if
	 * any; when there is one it is audited and noted on the current request
	 * ({@link #RETRY_AFTER}) for the answer's {@code Retry-After}.
	 */
	public Optional<Instant> lockedUntil(Kind kind, String subject, String address) {
		Instant now = Instant.now();
		Optional<Instant> until = activeLock(kind, clip(subject), String.valueOf(address), now);
		until.ifPresent((end) -> {
			audit(kind, subject, address, true, now);
			if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
				HttpServletRequest request = attributes.getRequest();
				request.setAttribute(RETRY_AFTER, Math.max(1, Duration.between(now, end).toSeconds() + 1));
			}
		});
		return until;
	}

	private Optional<Instant> activeLock(Kind kind, String subject, String address, Instant now) {
		LockSnapshot snapshot = this.locks;
		if (snapshot == null || System.nanoTime() - snapshot.readAt() > LOCK_SNAPSHOT_NANOS) {
			snapshot = readLocks(now);
		}
		if (snapshot.until() == null) {
			List<Timestamp> locks = this.jdbc.queryForList(
					"SELECT locked_until FROM id_sign_in_throttle WHERE locked_until > ? AND ((kind = ? AND subject = ?) "
							+ "OR (kind = 'ADDRESS' AND subject = ?))",
					Timestamp.class, Timestamp.from(now), kind.name(), subject, address);
			return locks.stream().map(Timestamp::toInstant).max(Instant::compareTo);
		}
		return java.util.stream.Stream
			.of(snapshot.until().get(kind.name() + " " + subject), snapshot.until().get("ADDRESS " + address))
			.filter((end) -> end != null && end.isAfter(now))
			.max(Instant::compareTo);
	}

	private LockSnapshot readLocks(Instant now) {
		long readAt = System.nanoTime();
		long changesBefore = this.changes.get();
		java.util.Map<String, Instant> until = new java.util.HashMap<>();
		this.jdbc.query("SELECT kind, subject, locked_until FROM id_sign_in_throttle WHERE locked_until > ? LIMIT ?",
				(org.springframework.jdbc.core.RowCallbackHandler) (rs) -> until
					.put(rs.getString(1) + " " + rs.getString(2), rs.getTimestamp(3).toInstant()),
				Timestamp.from(now), LOCK_SNAPSHOT_MAX + 1);
		LockSnapshot snapshot = new LockSnapshot((until.size() > LOCK_SNAPSHOT_MAX) ? null : until, readAt);
		if (this.changes.get() == changesBefore) {
			this.locks = snapshot;
		}
		return snapshot;
	}

	/** The next sign-in reads the locks again. */
	private void changed() {
		this.changes.incrementAndGet();
		this.locks = null;
	}

	/** Counts a wrong password (or unknown name) for the subject and the address. */
	public void failed(Kind kind, String subject, String address) {
		Instant now = Instant.now();
		this.ownTransaction.executeWithoutResult((status) -> {
			count(kind, clip(subject), this.properties.accountFreeFailures(), now);
			if (address != null) {
				count(Kind.ADDRESS, address, this.properties.addressFreeFailures(), now);
			}
			audit(kind, subject, address, false, now);
		});
		changed();
		log.warn("Failed sign-in: " + kind + " " + printable(subject) + " from " + address);
	}

	/** A right password: the account's count starts again (the address's does not). */
	public void succeeded(Kind kind, String subject) {
		this.jdbc.update("DELETE FROM id_sign_in_throttle WHERE kind = ? AND subject = ?", kind.name(), clip(subject));
		changed();
	}

	/** Every counted subject, locked ones first. */
	public List<Entry> entries() {
		return this.jdbc.query("SELECT kind, subject, failures, first_failure_at, last_failure_at, locked_until "
				+ "FROM id_sign_in_throttle ORDER BY locked_until IS NULL, locked_until DESC, last_failure_at DESC "
				+ "LIMIT 500",
				(rs, n) -> new Entry(Kind.valueOf(rs.getString(1)), rs.getString(2), rs.getInt(3),
						rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant(),
						(rs.getTimestamp(6) != null) ? rs.getTimestamp(6).toInstant() : null));
	}

	/** The latest audited failures. */
	public List<Failure> recentFailures(int limit) {
		return this.jdbc.query(
				"SELECT kind, subject, address, locked, at FROM id_sign_in_failure ORDER BY id DESC LIMIT ?",
				(rs, n) -> new Failure(Kind.valueOf(rs.getString(1)), rs.getString(2), rs.getString(3),
						rs.getBoolean(4), rs.getTimestamp(5).toInstant()),
				limit);
	}

	/**
	 * Forgets the failures and the lock of one subject.
	 * @return whether there was anything to clear
	 */
	public boolean clear(Kind kind, String subject, String by) {
		boolean cleared = this.jdbc.update("DELETE FROM id_sign_in_throttle WHERE kind = ? AND subject = ?",
				kind.name(), clip(subject)) > 0;
		changed();
		if (cleared) {
			log.info("Sign-in throttle of " + kind + " " + printable(subject) + " cleared by " + printable(by));
		}
		return cleared;
	}

	private void count(Kind kind, String subject, int free, Instant now) {
		Timestamp at = Timestamp.from(now);
		Timestamp windowStart = Timestamp.from(now.minus(this.properties.window()));
		// a failure after the window starts a new count; the two IFs read the old values
		this.jdbc.update(
				"INSERT INTO id_sign_in_throttle (kind, subject, failures, first_failure_at, last_failure_at) "
						+ "VALUES (?, ?, 1, ?, ?) ON DUPLICATE KEY UPDATE "
						+ "failures = IF(first_failure_at < ?, 1, failures + 1), "
						+ "first_failure_at = IF(first_failure_at < ?, VALUES(first_failure_at), first_failure_at), "
						+ "last_failure_at = VALUES(last_failure_at)",
				kind.name(), subject, at, at, windowStart, windowStart);
		int failures = this.jdbc.queryForObject(
				"SELECT failures FROM id_sign_in_throttle WHERE kind = ? AND subject = ?", Integer.class, kind.name(),
				subject);
		if (failures > free) {
			Duration lock = lockAfter(failures - free);
			this.jdbc.update("UPDATE id_sign_in_throttle SET locked_until = ? WHERE kind = ? AND subject = ?",
					Timestamp.from(now.plus(lock)), kind.name(), subject);
		}
	}

	/** The lock after the n-th failure beyond the free ones: doubling, capped. */
	Duration lockAfter(int beyondFree) {
		Duration lock = this.properties.firstLock();
		for (int i = 1; i < beyondFree && lock.compareTo(this.properties.maxLock()) < 0; i++) {
			lock = lock.multipliedBy(2);
		}
		return (lock.compareTo(this.properties.maxLock()) > 0) ? this.properties.maxLock() : lock;
	}

	private void audit(Kind kind, String subject, String address, boolean locked, Instant at) {
		this.jdbc.update("INSERT INTO id_sign_in_failure (kind, subject, address, locked, at) VALUES (?, ?, ?, ?, ?)",
				kind.name(), clip(subject), clipAddress(address), locked, Timestamp.from(at));
	}

	private static String clip(String subject) {
		String text = (subject != null) ? subject : "";
		return (text.length() > 255) ? text.substring(0, 255) : text;
	}

	private static String clipAddress(String address) {
		return (address != null && address.length() > 64) ? address.substring(0, 64) : address;
	}

	/** For the log: no line breaks from a name someone typed. */
	private static String printable(String text) {
		return (text == null) ? "" : clip(text).replaceAll("[\\p{Cntrl}]", "?");
	}

}
