package org.attc.tracker.crediting.internal.engine;

import java.time.Duration;

import org.attc.tracker.crediting.CreditingProperties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import static org.assertj.core.api.Assertions.assertThat;

/** Crediting of stored statements runs on its own pool, sized from the cores. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class CreditingThreadsTests {

	@Autowired
	@Qualifier(CreditingThreads.EXECUTOR)
	ThreadPoolTaskExecutor executor;

	@Autowired
	CreditingProperties properties;

	@Test
	void storedStatementsAreCreditedOnABoundedPoolOfTheConfiguredSize() throws Exception {
		assertThat(this.executor.getCorePoolSize()).isEqualTo(this.properties.effectiveListenerThreads());
		assertThat(this.executor.getMaxPoolSize()).isEqualTo(this.executor.getCorePoolSize());
		assertThat(this.executor.getThreadNamePrefix()).isEqualTo("crediting-");
	}

	@Test
	void byDefaultCreditingGetsOneThreadPerCore() {
		int cores = Runtime.getRuntime().availableProcessors();
		assertThat(new CreditingProperties(Duration.ofDays(90), 500, 0).effectiveListenerThreads())
			.isEqualTo(Math.max(1, cores));
		assertThat(new CreditingProperties(Duration.ofDays(90), 500, 3).effectiveListenerThreads()).isEqualTo(3);
	}

}
