package org.attc.tracker.crediting;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Crediting settings.
 *
 * @param expiringWindow how long before expiry a capability shows as expiring
 * @param recomputeBatchSize statements re-credited per transaction by a recompute job
 */
@ConfigurationProperties("app.crediting")
public record CreditingProperties(@DefaultValue("90d") Duration expiringWindow,
		@DefaultValue("500") int recomputeBatchSize) {
}
