package org.attc.tracker.support;

import java.util.List;
import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Configures single sign-on against {@link FakeOpenIdProvider} in every test context
 * (registered in {@code META-INF/spring.factories}). The customizer is the same for every
 * test class, so the shared context stays one context.
 */
public class OpenIdProviderContextCustomizerFactory implements ContextCustomizerFactory {

	/** A configured provider that cannot be reached. */
	public static final String UNREACHABLE_ID = "unreachable-trust";

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		return new SingleSignOnSettings();
	}

	static final class SingleSignOnSettings implements ContextCustomizer {

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
			FakeOpenIdProvider provider = FakeOpenIdProvider.running();
			String prefix = "app.identity.sso.providers." + FakeOpenIdProvider.REGISTRATION_ID + ".";
			// a second provider whose discovery document is missing (WireMock answers
			// 404)
			String unreachable = "app.identity.sso.providers." + UNREACHABLE_ID + ".";
			context.getEnvironment()
				.getPropertySources()
				.addLast(new MapPropertySource("test-single-sign-on",
						Map.of(prefix + "issuer-uri", provider.issuer(), prefix + "client-id",
								FakeOpenIdProvider.CLIENT_ID, prefix + "client-secret",
								FakeOpenIdProvider.CLIENT_SECRET, prefix + "label", FakeOpenIdProvider.LABEL,
								unreachable + "issuer-uri",
								provider.issuer().replace(FakeOpenIdProvider.REGISTRATION_ID, UNREACHABLE_ID),
								unreachable + "client-id", "unused", unreachable + "client-secret", "unused",
								unreachable + "label", "Sign in with the unreachable trust")));
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof SingleSignOnSettings;
		}

		@Override
		public int hashCode() {
			return SingleSignOnSettings.class.hashCode();
		}

	}

}
