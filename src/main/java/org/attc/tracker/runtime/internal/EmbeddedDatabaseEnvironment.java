package org.attc.tracker.runtime.internal;

import java.util.Map;

import org.attc.tracker.runtime.EmbeddedDatabaseProperties;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Starts the embedded MariaDB before any bean exists and points
 * {@code spring.datasource.*} at it, unless an external database is configured through
 * {@code spring.datasource.url}. Running this early means the DataSource, Flyway and JPA
 * see an ordinary JDBC URL and need no special wiring.
 */
class EmbeddedDatabaseEnvironment implements EnvironmentPostProcessor, Ordered {

	static final String LEASE_BEAN = "embeddedMariaDbLease";

	/** The server itself, for its supervisor. */
	static final String SERVER_BEAN = "embeddedMariaDb";

	@Override
	public int getOrder() {
		// after application.yml and the environment variables have been loaded
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (StringUtils.hasText(environment.getProperty("spring.datasource.url"))) {
			return;
		}
		EmbeddedDatabaseProperties properties = Binder.get(environment)
			.bindOrCreate("app.database.embedded", EmbeddedDatabaseProperties.class);
		if (!properties.enabled()) {
			return;
		}
		EmbeddedMariaDb db = EmbeddedMariaDb.lease(properties);
		environment.getPropertySources()
			.addFirst(new MapPropertySource("embeddedMariaDb", Map.of("spring.datasource.url", db.jdbcUrl(),
					"spring.datasource.username", db.username(), "spring.datasource.password", db.password())));
		application.addInitializers((context) -> {
			db.adoptedByContext();
			DefaultListableBeanFactory beanFactory = (DefaultListableBeanFactory) context.getBeanFactory();
			DisposableBean lease = db::release;
			beanFactory.registerSingleton(SERVER_BEAN, db);
			beanFactory.registerSingleton(LEASE_BEAN, lease);
			beanFactory.registerDisposableBean(LEASE_BEAN, lease);
			// the DataSource closes before the server stops
			beanFactory.registerDependentBean(LEASE_BEAN, "dataSource");
		});
	}

}
