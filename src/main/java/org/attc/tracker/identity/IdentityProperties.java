package org.attc.tracker.identity;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Accounts and web security settings.
 *
 * @param initialAdminPassword password of the {@code admin} account created on the first
 * start with an empty database; random (and printed once) when empty. Set it from the
 * environment ({@code APP_ADMIN_PASSWORD}), never in a file.
 * @param frameAncestors origins allowed to embed the pages in an iframe (the LMSs that
 * launch the tool), as CSP {@code frame-ancestors} sources
 */
@ConfigurationProperties("app.identity")
public record IdentityProperties(String initialAdminPassword, @DefaultValue("'self'") List<String> frameAncestors) {

	public IdentityProperties {
		frameAncestors = (frameAncestors == null || frameAncestors.isEmpty()) ? List.of("'self'")
				: List.copyOf(frameAncestors);
	}

}
