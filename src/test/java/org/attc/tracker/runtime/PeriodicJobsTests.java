package org.attc.tracker.runtime;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes (two lock providers on one database) ticking the same periodic job: one runs
 * it per interval, and a node that died holding the job does not block it for ever.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class PeriodicJobsTests {

	@Autowired
	DataSource dataSource;

	@Autowired
	JdbcTemplate jdbc;

	private PeriodicJobs node() {
		return new PeriodicJobs(new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
			.withJdbcTemplate(new JdbcTemplate(this.dataSource))
			.withTableName("runtime_job_lock")
			.usingDbTime()
			.build()));
	}

	@Test
	void withinAnIntervalOnlyTheFirstNodeRunsTheJob() {
		PeriodicJobs a = node();
		PeriodicJobs b = node();
		AtomicInteger runs = new AtomicInteger();
		String job = "test-once-" + System.nanoTime();
		assertThat(a.runOnce(job, Duration.ofMinutes(10), runs::incrementAndGet)).isTrue();
		assertThat(b.runOnce(job, Duration.ofMinutes(10), runs::incrementAndGet)).isFalse();
		assertThat(a.runOnce(job, Duration.ofMinutes(10), runs::incrementAndGet)).isFalse();
		assertThat(runs).hasValue(1);
	}

	@Test
	void whileOneNodeRunsTheJobTheOtherSkipsIt() throws Exception {
		PeriodicJobs a = node();
		PeriodicJobs b = node();
		String job = "test-running-" + System.nanoTime();
		CountDownLatch running = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		Thread first = new Thread(() -> a.runOnce(job, Duration.ofMillis(200), () -> {
			running.countDown();
			await(release);
		}));
		first.start();
		assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
		// well past the interval, but the run has not finished
		Thread.sleep(400);
		assertThat(b.runOnce(job, Duration.ofMillis(200), () -> {
		})).isFalse();
		release.countDown();
		first.join(10_000);
	}

	@Test
	void theNextIntervalMayRunOnTheOtherNode() throws Exception {
		PeriodicJobs a = node();
		PeriodicJobs b = node();
		String job = "test-next-" + System.nanoTime();
		assertThat(a.runOnce(job, Duration.ofMillis(500), () -> {
		})).isTrue();
		Thread.sleep(700);
		assertThat(b.runOnce(job, Duration.ofMillis(500), () -> {
		})).isTrue();
	}

	@Test
	void aJobHeldByADeadNodeIsTakenOnceItsHoldRunsOut() {
		String job = "test-dead-" + System.nanoTime();
		// a node was killed while running it: the row says locked, until a moment ago
		this.jdbc.update("INSERT INTO runtime_job_lock (name, lock_until, locked_at, locked_by) "
				+ "VALUES (?, UTC_TIMESTAMP(3) - INTERVAL 1 SECOND, UTC_TIMESTAMP(3) - INTERVAL 6 MINUTE, 'dead-node')",
				job);
		AtomicInteger runs = new AtomicInteger();
		assertThat(node().runOnce(job, Duration.ofMinutes(1), runs::incrementAndGet)).isTrue();
		assertThat(runs).hasValue(1);
		assertThat(this.jdbc.queryForObject("SELECT locked_by FROM runtime_job_lock WHERE name = ?", String.class, job))
			.isNotEqualTo("dead-node");
	}

	@Test
	void aJobHeldByALiveNodeIsNotTaken() {
		String job = "test-live-" + System.nanoTime();
		this.jdbc.update("INSERT INTO runtime_job_lock (name, lock_until, locked_at, locked_by) "
				+ "VALUES (?, UTC_TIMESTAMP(3) + INTERVAL 1 MINUTE, UTC_TIMESTAMP(3), 'other-node')", job);
		assertThat(node().runOnce(job, Duration.ofMillis(100), () -> {
		})).isFalse();
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
