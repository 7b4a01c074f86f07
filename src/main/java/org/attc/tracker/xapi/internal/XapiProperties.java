package org.attc.tracker.xapi.internal;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of the LRS ({@code app.xapi.*}).
 *
 * @param maxBodySize largest request body accepted (413 above it)
 * @param maxLimit most statements one query page returns (also the page size for
 * {@code limit=0})
 * @param authorityHomePage the account home page of the authorities the LRS sets
 * @param clients clients declared in configuration, created or updated at startup
 * @param credentialCacheTtl how long a verified key and secret is trusted without a
 * database lookup (a deleted client is dropped at once on this node)
 */
@ConfigurationProperties("app.xapi")
public record XapiProperties(@DefaultValue("10MB") DataSize maxBodySize, @DefaultValue("500") int maxLimit,
		@DefaultValue("https://capability-tracker.attc.nhs.uk/lrs-clients") String authorityHomePage,
		@DefaultValue List<DeclaredClient> clients, @DefaultValue("30s") Duration credentialCacheTtl) {

	public XapiProperties {
		if (maxBodySize.toBytes() < 1) {
			throw new IllegalArgumentException("app.xapi.max-body-size: positive, was " + maxBodySize);
		}
		if (maxLimit < 1) {
			throw new IllegalArgumentException("app.xapi.max-limit: 1 or more, was " + maxLimit);
		}
		if (authorityHomePage == null || !authorityHomePage.matches("https?://\\S+")) {
			throw new IllegalArgumentException(
					"app.xapi.authority-home-page: an http(s) address, was " + authorityHomePage);
		}
		if (credentialCacheTtl.isNegative()) {
			throw new IllegalArgumentException(
					"app.xapi.credential-cache-ttl: zero or positive, was " + credentialCacheTtl);
		}
		clients = (clients != null) ? List.copyOf(clients) : List.of();
		for (int i = 0; i < clients.size(); i++) {
			DeclaredClient client = clients.get(i);
			if (client.key() == null || client.key().isBlank() || client.secret() == null
					|| client.secret().length() < 16) {
				throw new IllegalArgumentException(
						"app.xapi.clients[" + i + "]: needs a key and a secret of at least 16 characters");
			}
		}
	}

	/**
	 * An LRS client declared in configuration; its secret comes from the environment.
	 *
	 * @param key the HTTP Basic user name
	 * @param secret the HTTP Basic password
	 * @param name a label (defaults to the key)
	 * @param scopes its scopes, e.g. {@code [statements/write, statements/read]}
	 * @param organisation the organisation it writes for
	 */
	public record DeclaredClient(String key, String secret, String name, List<String> scopes, String organisation) {
	}

}
