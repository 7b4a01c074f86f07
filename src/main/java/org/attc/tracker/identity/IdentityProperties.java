package org.attc.tracker.identity;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

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
 * @param sso single sign-on for local accounts through OpenID Connect providers
 * ({@code app.identity.sso.*}); off unless a provider has an issuer
 */
@ConfigurationProperties("app.identity")
public record IdentityProperties(String initialAdminPassword, @DefaultValue("'self'") List<String> frameAncestors,
		SingleSignOn sso) {

	public IdentityProperties {
		frameAncestors = (frameAncestors == null || frameAncestors.isEmpty()) ? List.of("'self'")
				: List.copyOf(frameAncestors);
		for (String ancestor : frameAncestors) {
			// each is a source of one CSP directive: a ';' or a line break would end it
			if (ancestor == null || ancestor.isBlank() || ancestor.matches("(?s).*[;\\r\\n].*")) {
				throw new IllegalArgumentException(
						"app.identity.frame-ancestors: CSP sources without ';' or line breaks, was " + ancestor);
			}
		}
		sso = (sso != null) ? sso : new SingleSignOn(Map.of());
	}

	/**
	 * Single sign-on providers by registration id (the id is part of the redirect URI
	 * {@code /login/oauth2/code/<id>} registered at the provider). A provider without an
	 * issuer is off, so a blank {@code APP_IDENTITY_SSO_PROVIDERS_<ID>_ISSUERURI} turns
	 * it off.
	 *
	 * @param providers the providers, in the order their buttons are shown
	 */
	public record SingleSignOn(Map<String, Provider> providers) {

		private static final Pattern REGISTRATION_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,49}");

		public SingleSignOn {
			Map<String, Provider> enabled = new LinkedHashMap<>();
			if (providers != null) {
				providers.forEach((id, provider) -> {
					if (provider == null || !provider.enabled()) {
						return;
					}
					if (!REGISTRATION_ID.matcher(id).matches()) {
						throw new IllegalArgumentException("app.identity.sso.providers." + id
								+ ": the id must be 1-50 lower-case letters, digits or -");
					}
					provider.check("app.identity.sso.providers." + id);
					enabled.put(id, provider);
				});
			}
			providers = java.util.Collections.unmodifiableMap(enabled);
		}

		/** Whether any provider is configured. */
		public boolean enabled() {
			return !this.providers.isEmpty();
		}

	}

	/**
	 * One OpenID Connect provider, e.g. an NHS trust's Microsoft Entra ID tenant.
	 *
	 * @param issuerUri the issuer, exactly as the provider's discovery document and its
	 * id_tokens name it (Entra ID:
	 * {@code https://login.microsoftonline.com/<tenant>/v2.0}); its
	 * {@code /.well-known/openid-configuration} is read on first use
	 * @param clientId the client (application) id registered at the provider
	 * @param clientSecret the client secret; from the environment, never in a file
	 * @param scopes scopes asked for; {@code openid} is always among them
	 * @param usernameClaim the id_token (or UserInfo) claim whose value names the local
	 * account: matched against the account's username, then its e-mail (e.g.
	 * {@code email}, {@code preferred_username}, {@code upn})
	 * @param label the text of the sign-in button
	 */
	public record Provider(URI issuerUri, String clientId, String clientSecret, @DefaultValue( {
			"openid", "profile", "email" }) List<String> scopes, @DefaultValue("email") String usernameClaim,
			@DefaultValue("Sign in with your organisation's account") String label){

		public Provider {
			scopes = (scopes == null || scopes.isEmpty()) ? List.of("openid", "profile", "email") : List.copyOf(scopes);
			if (!scopes.contains("openid")) {
				scopes = java.util.stream.Stream.concat(java.util.stream.Stream.of("openid"), scopes.stream()).toList();
			}
			usernameClaim = (usernameClaim == null || usernameClaim.isBlank()) ? "email" : usernameClaim.strip();
			label = (label == null || label.isBlank()) ? "Sign in with your organisation's account" : label.strip();
		}

		boolean enabled() {
			return this.issuerUri != null && !this.issuerUri.toString().isBlank();
		}

		void check(String prefix) {
			// OpenID Connect Discovery 1.0 §2: the issuer is an https URL; plain http
			// only
			// for a provider on this machine (a test or development stand-in)
			String scheme = this.issuerUri.getScheme();
			String host = this.issuerUri.getHost();
			boolean loopback = "localhost".equals(host) || "127.0.0.1".equals(host) || "[::1]".equals(host);
			if (!this.issuerUri.isAbsolute() || host == null
					|| !("https".equals(scheme) || ("http".equals(scheme) && loopback))
					|| this.issuerUri.getQuery() != null || this.issuerUri.getFragment() != null) {
				throw new IllegalArgumentException(
						prefix + ".issuer-uri: must be an https URL without query or fragment, was " + this.issuerUri);
			}
			if (this.issuerUri.toString().length() > 255) {
				// stored with each link; a subject is at most 255 characters too (OpenID
				// Connect Core 1.0 §2)
				throw new IllegalArgumentException(prefix + ".issuer-uri: at most 255 characters");
			}
			if (this.clientId == null || this.clientId.isBlank()) {
				throw new IllegalArgumentException(prefix + ".client-id: required when an issuer is set");
			}
			if (this.clientSecret == null || this.clientSecret.isBlank()) {
				throw new IllegalArgumentException(
						prefix + ".client-secret: required when an issuer is set " + "(set it from the environment)");
			}
		}

	}

}
