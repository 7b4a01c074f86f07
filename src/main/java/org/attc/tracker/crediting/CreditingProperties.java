package org.attc.tracker.crediting;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Crediting settings.
 *
 * @param expiringWindow how long before expiry a capability shows as expiring
 * @param recomputeBatchSize statements re-credited per transaction by a recompute job
 * @param listenerThreads threads that credit newly stored statements; 0 (the default) for
 * one per CPU core. Under a burst crediting lags behind ingestion (the statements wait,
 * durably, in crediting's queue) and catches up after
 */
@ConfigurationProperties("app.crediting")
public record CreditingProperties(@DefaultValue("90d") Duration expiringWindow,
		@DefaultValue("500") int recomputeBatchSize, @DefaultValue("0") int listenerThreads) {

	public CreditingProperties {
		if (expiringWindow.isNegative()) {
			throw new IllegalArgumentException(
					"app.crediting.expiring-window: zero or positive, was " + expiringWindow);
		}
		if (recomputeBatchSize < 1) {
			throw new IllegalArgumentException(
					"app.crediting.recompute-batch-size: 1 or more, was " + recomputeBatchSize);
		}
		if (listenerThreads < 0) {
			throw new IllegalArgumentException(
					"app.crediting.listener-threads: 0 (one per processor) or more, was " + listenerThreads);
		}
	}

	/** The number of crediting threads {@link #listenerThreads()} asks for. */
	public int effectiveListenerThreads() {
		return (this.listenerThreads > 0) ? this.listenerThreads
				: Math.max(1, Runtime.getRuntime().availableProcessors());
	}

}
