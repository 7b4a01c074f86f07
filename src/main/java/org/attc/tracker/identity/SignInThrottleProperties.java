package org.attc.tracker.identity;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Brute-force protection of password sign-in ({@code app.identity.sign-in-throttle.*}).
 * Within {@code window} of the first failure, the first {@code accountFreeFailures}
 * failures of one account (or LRS client key), or {@code addressFreeFailures} from one
 * client address, cost nothing; each further one locks that account or address for
 * {@code firstLock}, doubling with every failure up to {@code maxLock}.
 *
 * @param accountFreeFailures failures of one account before it is locked
 * @param addressFreeFailures failures from one client address before it is locked
 * @param window how long failures are counted from the first one
 * @param firstLock the first lock
 * @param maxLock the longest lock
 */
@ConfigurationProperties("app.identity.sign-in-throttle")
public record SignInThrottleProperties(@DefaultValue("5") int accountFreeFailures,
		@DefaultValue("50") int addressFreeFailures, @DefaultValue("15m") Duration window,
		@DefaultValue("5s") Duration firstLock, @DefaultValue("15m") Duration maxLock) {

	public SignInThrottleProperties {
		if (accountFreeFailures < 1) {
			throw new IllegalArgumentException(
					"app.identity.sign-in-throttle.account-free-failures: 1 or more, was " + accountFreeFailures);
		}
		if (addressFreeFailures < 1) {
			throw new IllegalArgumentException(
					"app.identity.sign-in-throttle.address-free-failures: 1 or more, was " + addressFreeFailures);
		}
		if (window.isZero() || window.isNegative()) {
			throw new IllegalArgumentException("app.identity.sign-in-throttle.window: positive, was " + window);
		}
		if (firstLock.isZero() || firstLock.isNegative()) {
			throw new IllegalArgumentException("app.identity.sign-in-throttle.first-lock: positive, was " + firstLock);
		}
		if (maxLock.compareTo(firstLock) < 0) {
			throw new IllegalArgumentException(
					"app.identity.sign-in-throttle.max-lock: at least first-lock (" + firstLock + "), was " + maxLock);
		}
	}

}
