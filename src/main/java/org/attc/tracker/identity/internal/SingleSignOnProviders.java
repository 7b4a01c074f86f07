package org.attc.tracker.identity.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.attc.tracker.identity.IdentityProperties;
import org.attc.tracker.identity.IdentityProperties.Provider;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The configured OpenID Connect providers as Spring Security client registrations. A
 * provider's endpoints and keys come from its discovery document, read on first use (the
 * first click on its button), not at startup: the service starts and password sign-in
 * works while a provider is unreachable, and a failed read is retried on the next click.
 */
@Component
class SingleSignOnProviders implements ClientRegistrationRepository {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {
	};

	private final Map<String, Provider> providers;

	private final Map<String, ClientRegistration> discovered = new ConcurrentHashMap<>();

	private final RestClient http;

	SingleSignOnProviders(IdentityProperties properties) {
		this.providers = properties.sso().providers();
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
				HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
		requests.setReadTimeout(Duration.ofSeconds(10));
		this.http = RestClient.builder().requestFactory(requests).build();
	}

	/** Whether single sign-on is configured at all. */
	boolean enabled() {
		return !this.providers.isEmpty();
	}

	/** The providers for the sign-in page, in configuration order. */
	List<Button> buttons() {
		return this.providers.entrySet().stream().map((e) -> new Button(e.getKey(), e.getValue().label())).toList();
	}

	/**
	 * The origins of the providers' issuers: a page's form may lead there (signing out
	 * redirects to the provider's end-session endpoint, and CSP form-action governs a
	 * form's redirects too).
	 */
	List<String> issuerOrigins() {
		return this.providers.values().stream().map((p) -> origin(p.issuerUri().toString())).distinct().toList();
	}

	/** scheme://host[:port] of an absolute URL. */
	static String origin(String url) {
		URI uri = URI.create(url);
		return uri.getScheme() + "://" + uri.getRawAuthority();
	}

	Optional<Provider> provider(String registrationId) {
		return Optional.ofNullable(this.providers.get(registrationId));
	}

	/**
	 * The registration, discovering the provider's endpoints on first use.
	 * @throws ProviderUnavailable when the discovery document cannot be read or is not
	 * this provider's
	 */
	@Override
	public ClientRegistration findByRegistrationId(String registrationId) {
		Provider provider = this.providers.get(registrationId);
		if (provider == null) {
			return null;
		}
		return this.discovered.computeIfAbsent(registrationId, (id) -> discover(id, provider));
	}

	private ClientRegistration discover(String registrationId, Provider provider) {
		String issuer = provider.issuerUri().toString();
		// OpenID Connect Discovery 1.0 §4: a terminating "/" of the issuer is removed
		// before the well-known path is appended
		String location = (issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer)
				+ "/.well-known/openid-configuration";
		Map<String, Object> configuration;
		try {
			configuration = this.http.get().uri(location).retrieve().body(JSON_OBJECT);
		}
		catch (RestClientException ex) {
			throw new ProviderUnavailable(registrationId, "its discovery document " + location + " could not be read ("
					+ ex.getClass().getSimpleName() + ")");
		}
		// Discovery §4.3: the issuer in the document MUST be identical to the one the
		// document was looked up for, or an impostor could name its own endpoints
		if (configuration == null || !issuer.equals(configuration.get("issuer"))) {
			throw new ProviderUnavailable(registrationId, "its discovery document names the issuer "
					+ ((configuration != null) ? configuration.get("issuer") : null) + ", not " + issuer);
		}
		try {
			return ClientRegistrations.fromOidcConfiguration(configuration)
				.registrationId(registrationId)
				.clientId(provider.clientId())
				.clientSecret(provider.clientSecret())
				.scope(provider.scopes())
				.redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
				.userNameAttributeName("sub")
				.clientName(provider.label())
				// PKCE (RFC 7636, S256) on top of the client secret: an intercepted code
				// is of no use without the verifier kept in this session
				.clientSettings(ClientRegistration.ClientSettings.builder().requireProofKey(true).build())
				.build();
		}
		catch (IllegalArgumentException ex) {
			throw new ProviderUnavailable(registrationId,
					"its discovery document is not usable (" + ex.getMessage() + ")");
		}
	}

	/** A sign-in button: where it leads and what it says. */
	public record Button(String registrationId, String label) {

		public String href() {
			return "/oauth2/authorization/" + this.registrationId;
		}

	}

	/** A provider's discovery document could not be read or is not the provider's. */
	static class ProviderUnavailable extends RuntimeException {

		ProviderUnavailable(String registrationId, String reason) {
			super("single sign-on provider " + registrationId + " is unavailable: " + reason);
		}

	}

}
