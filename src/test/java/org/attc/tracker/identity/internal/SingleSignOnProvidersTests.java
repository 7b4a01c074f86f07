package org.attc.tracker.identity.internal;

import java.net.URI;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.attc.tracker.identity.IdentityProperties;
import org.attc.tracker.identity.IdentityProperties.Provider;
import org.attc.tracker.identity.IdentityProperties.SingleSignOn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Single sign-on settings and provider discovery (OpenID Connect Discovery 1.0): a
 * provider is on only with an issuer, its settings are checked at startup, and its
 * discovery document is read on first use and must name the configured issuer.
 */
class SingleSignOnProvidersTests {

	static WireMockServer server;

	@BeforeAll
	static void start() {
		server = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
		server.start();
	}

	@AfterAll
	static void stop() {
		server.stop();
	}

	private static Provider provider(String issuer) {
		return new Provider((issuer != null) ? URI.create(issuer) : null, "client", "secret", null, null, null);
	}

	private static SingleSignOnProviders providers(String id, Provider provider) {
		return new SingleSignOnProviders(new IdentityProperties(null, null, new SingleSignOn(Map.of(id, provider))));
	}

	private static String discovery(String issuer) {
		return "{\"issuer\":\"" + issuer + "\",\"authorization_endpoint\":\"" + issuer
				+ "/authorize\",\"token_endpoint\":\"" + issuer + "/token\",\"jwks_uri\":\"" + issuer
				+ "/keys\",\"response_types_supported\":[\"code\"],\"subject_types_supported\":[\"public\"],"
				+ "\"id_token_signing_alg_values_supported\":[\"RS256\"]}";
	}

	@Test
	void aProviderWithoutAnIssuerIsOffAndNoneMeansNoSingleSignOn() {
		SingleSignOnProviders providers = providers("trust", provider(null));
		assertThat(providers.enabled()).isFalse();
		assertThat(providers.buttons()).isEmpty();
		assertThat(providers.findByRegistrationId("trust")).isNull();
		assertThat(new IdentityProperties(null, null, null).sso().enabled()).isFalse();
	}

	@Test
	void defaultsAskForOpenidProfileAndEmailAndMatchOnTheEmailClaim() {
		Provider provider = provider("https://login.microsoftonline.com/tenant/v2.0");
		assertThat(provider.scopes()).containsExactly("openid", "profile", "email");
		assertThat(provider.usernameClaim()).isEqualTo("email");
		assertThat(provider.label()).isNotBlank();
		assertThat(
				new Provider(URI.create("https://idp.example"), "c", "s", List.of("profile"), "upn", "Trust").scopes())
			.containsExactly("openid", "profile");
	}

	@Test
	void badSettingsStopTheStartWithTheSettingNamed() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SingleSignOn(Map.of("trust", provider("http://idp.example.org/tenant"))))
			.withMessageContaining("app.identity.sso.providers.trust.issuer-uri");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SingleSignOn(Map.of("trust",
					new Provider(URI.create("https://idp.example.org"), "client", " ", null, null, null))))
			.withMessageContaining("client-secret");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SingleSignOn(
					Map.of("trust", new Provider(URI.create("https://idp.example.org"), null, "s", null, null, null))))
			.withMessageContaining("client-id");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SingleSignOn(Map.of("Trust One", provider("https://idp.example.org"))))
			.withMessageContaining("lower-case");
	}

	@Test
	void theDiscoveryDocumentIsReadOnFirstUseAndKept() {
		String issuer = server.baseUrl() + "/good/";
		server.stubFor(get(urlPathEqualTo("/good/.well-known/openid-configuration"))
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(discovery(issuer))));
		SingleSignOnProviders providers = providers("good", provider(issuer));
		assertThat(server
			.countRequestsMatching(getRequestedFor(urlPathEqualTo("/good/.well-known/openid-configuration")).build())
			.getCount()).isZero();

		ClientRegistration registration = providers.findByRegistrationId("good");
		assertThat(registration.getProviderDetails().getTokenUri()).isEqualTo(issuer + "/token");
		assertThat(registration.getProviderDetails().getJwkSetUri()).isEqualTo(issuer + "/keys");
		assertThat(registration.getProviderDetails().getIssuerUri()).isEqualTo(issuer);
		assertThat(registration.getClientAuthenticationMethod())
			.isEqualTo(ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
		assertThat(registration.getClientSettings().isRequireProofKey()).isTrue();
		assertThat(registration.getRedirectUri()).isEqualTo("{baseUrl}/login/oauth2/code/{registrationId}");
		assertThat(providers.findByRegistrationId("good")).isSameAs(registration);
		assertThat(server
			.countRequestsMatching(getRequestedFor(urlPathEqualTo("/good/.well-known/openid-configuration")).build())
			.getCount()).isEqualTo(1);
		assertThat(providers.findByRegistrationId("other")).isNull();
	}

	@Test
	void aDiscoveryDocumentNamingAnotherIssuerIsNotUsed() {
		String issuer = server.baseUrl() + "/impostor";
		server.stubFor(get(urlPathEqualTo("/impostor/.well-known/openid-configuration"))
			.willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody(discovery("https://login.microsoftonline.com/another-tenant/v2.0"))));
		SingleSignOnProviders providers = providers("impostor", provider(issuer));
		assertThatThrownBy(() -> providers.findByRegistrationId("impostor"))
			.isInstanceOf(SingleSignOnProviders.ProviderUnavailable.class)
			.hasMessageContaining("another-tenant");
	}

	@Test
	void anUnreachableProviderIsRetriedOnTheNextUse() {
		String issuer = server.baseUrl() + "/later";
		SingleSignOnProviders providers = providers("later", provider(issuer));
		assertThatThrownBy(() -> providers.findByRegistrationId("later"))
			.isInstanceOf(SingleSignOnProviders.ProviderUnavailable.class);
		server.stubFor(get(urlPathEqualTo("/later/.well-known/openid-configuration"))
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(discovery(issuer))));
		assertThat(providers.findByRegistrationId("later").getProviderDetails().getIssuerUri()).isEqualTo(issuer);
	}

}
