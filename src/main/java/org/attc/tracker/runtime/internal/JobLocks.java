package org.attc.tracker.runtime.internal;

import javax.sql.DataSource;

import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The lock behind {@link org.attc.tracker.runtime.PeriodicJobs}: ShedLock's JDBC provider
 * on {@code runtime_job_lock}, in the database's clock (the nodes' clocks may differ).
 */
@Configuration(proxyBeanMethods = false)
class JobLocks {

	@Bean
	LockProvider jobLockProvider(DataSource dataSource) {
		return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
			.withJdbcTemplate(new JdbcTemplate(dataSource))
			.withTableName("runtime_job_lock")
			.usingDbTime()
			.build());
	}

}
