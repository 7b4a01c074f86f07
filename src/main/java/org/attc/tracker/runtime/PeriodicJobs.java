package org.attc.tracker.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.stereotype.Component;

/**
 * Runs of a periodic job over everything (a purge, a roster refresh) happen on one node
 * per interval, however many nodes tick: each node's timer calls {@link #runOnce}, the
 * first to take the job's row in {@code runtime_job_lock} runs it, and the row stays
 * taken for most of an interval after the run, so the other nodes' ticks in that interval
 * skip. A node that dies while running holds the row until {@code max(interval, 5 min)}
 * has passed. Jobs that work through rows (score deliveries, the mail outbox) claim each
 * row with a lease instead, so that several nodes share the work.
 */
@Component
public class PeriodicJobs {

	private static final Log log = LogFactory.getLog(PeriodicJobs.class);

	private static final Duration DEAD_NODE_HOLD = Duration.ofMinutes(5);

	private final LockProvider locks;

	PeriodicJobs(LockProvider locks) {
		this.locks = locks;
	}

	/**
	 * Runs {@code body} unless another node ran this job within the last nine tenths of
	 * {@code interval} or is running it now.
	 * @return whether it ran here
	 */
	public boolean runOnce(String job, Duration interval, Runnable body) {
		Optional<SimpleLock> lock = this.locks.lock(configuration(job, interval));
		if (lock.isEmpty()) {
			log.debug("Periodic job " + job + " skipped here: another node has run it or runs it");
			return false;
		}
		// ops/two-nodes.sh reads these lines to show each run happened on one node
		log.debug("Periodic job " + job + " ran here");
		try {
			body.run();
			return true;
		}
		finally {
			lock.get().unlock();
		}
	}

	static LockConfiguration configuration(String job, Duration interval) {
		Duration atLeast = interval.multipliedBy(9).dividedBy(10);
		Duration atMost = (interval.compareTo(DEAD_NODE_HOLD) > 0) ? interval : DEAD_NODE_HOLD;
		return new LockConfiguration(Instant.now(), job, atMost, atLeast);
	}

}
