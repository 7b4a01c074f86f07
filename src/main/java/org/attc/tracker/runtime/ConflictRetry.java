package org.attc.tracker.runtime;

import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.dao.PessimisticLockingFailureException;

/**
 * The one retry rule for write transactions that lost a conflict with another writer: an
 * InnoDB deadlock (MariaDB error 1213), a lock wait timeout (1205), or, on a Galera
 * cluster, a certification failure, which MariaDB reports as 1213 ("WSREP detected
 * deadlock/conflict and aborted the transaction. Try restarting the transaction"). In
 * each case the transaction is rolled back (by the server, or by the transaction template
 * the failure leaves), so running it again is safe and nothing was acknowledged. So is a
 * transaction whose connection failed over to another node part-way
 * ({@link DatabaseSession.Changed}). Any other failure (a lost connection above all: the
 * outcome of its commit is unknown) is passed on unchanged.
 * <p>
 * The work given must open and commit its own transaction, so that each attempt is a
 * fresh transaction.
 */
public final class ConflictRetry {

	private static final Log log = LogFactory.getLog(ConflictRetry.class);

	/** Attempts in all, the first included. */
	static final int ATTEMPTS = 5;

	private static final int DEADLOCK = 1213;

	private static final int LOCK_WAIT_TIMEOUT = 1205;

	private ConflictRetry() {
	}

	/**
	 * Runs the transaction, and again (up to {@value #ATTEMPTS} attempts, after a short
	 * random wait that grows) while it fails on a conflict.
	 */
	public static <T> T run(Supplier<T> transaction) {
		for (int attempt = 1;; attempt++) {
			try {
				return transaction.get();
			}
			catch (RuntimeException ex) {
				if (attempt >= ATTEMPTS || !isConflict(ex)) {
					throw ex;
				}
				log.debug("Write transaction lost a conflict (attempt " + attempt + "); running it again: "
						+ ex.getMessage());
				pause(attempt);
			}
		}
	}

	/** Runs the transaction as {@link #run(Supplier)} does. */
	public static void runWithoutResult(Runnable transaction) {
		run(() -> {
			transaction.run();
			return null;
		});
	}

	/**
	 * Whether the failure is a rolled-back transaction that lost a conflict (or moved to
	 * another node part-way).
	 */
	public static boolean isConflict(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof PessimisticLockingFailureException || cause instanceof DatabaseSession.Changed) {
				return true;
			}
			if (cause instanceof SQLException sql && (sql.getErrorCode() == DEADLOCK
					|| sql.getErrorCode() == LOCK_WAIT_TIMEOUT || "40001".equals(sql.getSQLState()))) {
				return true;
			}
		}
		return false;
	}

	private static void pause(int attempt) {
		long base = 20L << Math.min(attempt, 6);
		try {
			Thread.sleep(base + ThreadLocalRandom.current().nextLong(base));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while waiting to retry a write transaction", ex);
		}
	}

}
