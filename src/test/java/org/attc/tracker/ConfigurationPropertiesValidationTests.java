package org.attc.tracker;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every module's {@code app.*} settings are checked when they are bound: a wrong value
 * ends startup with a message that names the property, instead of misbehaving later.
 * Binds every {@code @ConfigurationProperties} type of the service and nothing else.
 */
class ConfigurationPropertiesValidationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(AllSettings.class);

	@Test
	void theDefaultsAreValid() {
		this.runner.run((context) -> assertThat(context).hasNotFailed());
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			app.database.embedded.database-name=tracker;drop   | app.database.embedded.database-name
			app.database.embedded.port=70000                    | app.database.embedded.port
			app.events.purge-interval=0s                        | app.events.purge-interval
			app.identity.sign-in-throttle.max-lock=1s           | app.identity.sign-in-throttle.max-lock
			app.identity.sign-in-throttle.window=0s             | app.identity.sign-in-throttle.window
			app.identity.frame-ancestors='self'; script-src *   | app.identity.frame-ancestors
			app.framework.base-uri=tracker.example.org          | app.framework.base-uri
			app.xapi.max-limit=0                                | app.xapi.max-limit
			app.xapi.clients[0].key=lms                         | app.xapi.clients[0]
			app.crediting.recompute-batch-size=0                | app.crediting.recompute-batch-size
			app.crediting.expiring-window=-1d                   | app.crediting.expiring-window
			app.lti.clock-skew=-1s                              | app.lti.clock-skew
			app.lti.base-url=tracker.example.org                | app.lti.base-url
			app.lti.max-response-bytes=10                       | app.lti.max-response-bytes
			app.lti.roster-refresh.initial-delay=-1m            | app.lti.roster-refresh.initial-delay
			app.lti.score-delivery.batch-size=0                 | app.lti.score-delivery.batch-size
			app.notifications.max-attempts=0                    | app.notifications.max-attempts
			""")
	void aBadValueStopsStartupNamingTheProperty(String setting, String property) {
		this.runner.withPropertyValues(setting)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageStartingWith(property + ":"));
	}

	@Configuration(proxyBeanMethods = false)
	@ConfigurationPropertiesScan(basePackageClasses = CapabilityTrackerApplication.class)
	static class AllSettings {

	}

}
