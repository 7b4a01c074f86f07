package org.attc.tracker.crediting.internal.engine;

import org.attc.tracker.crediting.CreditingProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The threads that credit stored statements, apart from the application's shared pool
 * (eight threads by default, whatever the cores): crediting competes with ingestion for
 * the same CPUs, so it gets a bounded share ({@code app.crediting.listener-threads}, by
 * default one thread per core): {@link CreditingQueue}'s workers. Under a burst the
 * stored statements wait, durably, in crediting's queue; crediting catches up afterwards
 * (the ingestion benchmark prints how long that takes).
 */
@Configuration(proxyBeanMethods = false)
class CreditingThreads {

	/** The bean name {@code @Async} refers to. */
	static final String EXECUTOR = "creditingExecutor";

	@Bean(name = EXECUTOR, destroyMethod = "shutdown")
	ThreadPoolTaskExecutor creditingExecutor(CreditingProperties properties) {
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setCorePoolSize(properties.effectiveListenerThreads());
		executor.setMaxPoolSize(properties.effectiveListenerThreads());
		executor.setThreadNamePrefix("crediting-");
		// statements not yet credited at shutdown stay in crediting's queue table and are
		// credited after the next start: so shutdown neither waits for the queue nor
		// (through the lifecycle's pause, up to a whole shutdown phase) for a long
		// crediting run; a run still going after a few seconds is abandoned and redone
		executor.setWaitForTasksToCompleteOnShutdown(false);
		executor.setAcceptTasksAfterContextClose(true);
		executor.setAwaitTerminationSeconds(5);
		executor.initialize();
		return executor;
	}

}
