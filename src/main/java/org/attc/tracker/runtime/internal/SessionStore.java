package org.attc.tracker.runtime.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.jdbc.MySqlJdbcIndexedSessionRepositoryCustomizer;

/**
 * Browser sessions live in MariaDB (Spring Session JDBC, tables by Flyway in V24), so any
 * node serves any request. Two requests of one session at once (a page and its scripts in
 * an LMS iframe) may both add the same attribute: MariaDB's
 * {@code INSERT … ON DUPLICATE KEY UPDATE} lets the second win instead of failing.
 */
@Configuration(proxyBeanMethods = false)
class SessionStore {

	@Bean
	MySqlJdbcIndexedSessionRepositoryCustomizer sessionAttributeUpserts() {
		return new MySqlJdbcIndexedSessionRepositoryCustomizer();
	}

}
