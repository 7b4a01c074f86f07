package org.attc.tracker.progress.internal.standing;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Recomputes learners marked stale, on one background thread, 500 at a time, until none
 * is left. Requests while it runs queue one more pass, so a mark committed during a pass
 * is never left behind; a failed pass leaves its marks for the next one (and for readers,
 * who recompute marked learners themselves).
 */
@Component
class StaleLearnerRefresher {

	private static final Logger log = LoggerFactory.getLogger(StaleLearnerRefresher.class);

	private final Standings standings;

	private final AtomicBoolean queued = new AtomicBoolean();

	private final ExecutorService executor = Executors.newSingleThreadExecutor((task) -> {
		Thread thread = new Thread(task, "progress-read-model");
		thread.setDaemon(true);
		return thread;
	});

	StaleLearnerRefresher(Standings standings) {
		this.standings = standings;
	}

	/** Asks for a pass after the marks committed so far. */
	void request() {
		if (this.queued.compareAndSet(false, true)) {
			this.executor.execute(this::pass);
		}
	}

	private void pass() {
		// cleared first: a request from now on queues another pass
		this.queued.set(false);
		try {
			this.standings.drain();
		}
		catch (RuntimeException ex) {
			log.warn("read model refresh failed; the learners stay marked and are recomputed when read", ex);
		}
	}

	@PreDestroy
	void stop() throws InterruptedException {
		this.executor.shutdown();
		this.executor.awaitTermination(10, TimeUnit.SECONDS);
	}

}
