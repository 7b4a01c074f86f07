package org.attc.tracker.runtime;

import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConflictRetryTests {

	@Test
	void aTransactionThatLostAGaleraCertificationRunsAgain() {
		AtomicInteger attempts = new AtomicInteger();
		String result = ConflictRetry.run(() -> {
			if (attempts.incrementAndGet() < 3) {
				throw new CannotAcquireLockException("commit failed", new SQLTransactionRollbackException(
						"WSREP detected deadlock/conflict and aborted the transaction. Try restarting the transaction",
						"40001", 1213));
			}
			return "stored";
		});
		assertThat(result).isEqualTo("stored");
		assertThat(attempts).hasValue(3);
	}

	@Test
	void aLockWaitTimeoutIsAConflictToo() {
		assertThat(ConflictRetry.isConflict(new RuntimeException(new SQLException("Lock wait timeout", "HY000", 1205))))
			.isTrue();
	}

	@Test
	void aTransactionWhoseConnectionFailedOverPartWayRunsAgain() {
		AtomicInteger attempts = new AtomicInteger();
		String result = ConflictRetry.run(() -> {
			if (attempts.incrementAndGet() == 1) {
				throw new DatabaseSession.Changed("n1:3306#41", "n2:3306#7");
			}
			return "credited";
		});
		assertThat(result).isEqualTo("credited");
		assertThat(attempts).hasValue(2);
	}

	@Test
	void givesUpAfterFiveAttempts() {
		AtomicInteger attempts = new AtomicInteger();
		assertThatThrownBy(() -> ConflictRetry.run(() -> {
			attempts.incrementAndGet();
			throw new CannotAcquireLockException("deadlock");
		})).isInstanceOf(CannotAcquireLockException.class);
		assertThat(attempts).hasValue(ConflictRetry.ATTEMPTS);
	}

	@Test
	void aLostConnectionOrAConstraintViolationIsNotRunAgain() {
		AtomicInteger attempts = new AtomicInteger();
		assertThatThrownBy(() -> ConflictRetry.run(() -> {
			attempts.incrementAndGet();
			// the commit's outcome is unknown: running it again could store twice
			throw new DataAccessResourceFailureException("connection reset",
					new SQLException("socket closed", "08000", 0));
		})).isInstanceOf(DataAccessResourceFailureException.class);
		assertThat(attempts).hasValue(1);
		assertThat(ConflictRetry.isConflict(new DuplicateKeyException("duplicate"))).isFalse();
	}

}
