package org.attc.tracker.runtime.internal;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.attc.tracker.runtime.EventRetentionProperties;
import org.attc.tracker.runtime.PeriodicJobs;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.stereotype.Component;

/**
 * Delivers again the event publications that stayed incomplete longer than
 * {@code app.events.resubmit-after}. Spring Modulith only republishes a node's
 * outstanding publications when a node starts; with several nodes, the work a killed node
 * had acknowledged (statements stored, their crediting not yet done) would wait for a
 * restart. Checked every {@code app.events.resubmit-check}, on one node at a time.
 */
@Component
class IncompleteEventResubmission {

	private static final Log log = LogFactory.getLog(IncompleteEventResubmission.class);

	private final IncompleteEventPublications incomplete;

	private final EventRetentionProperties properties;

	private final PeriodicJobs jobs;

	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "event-publication-resubmission");
		thread.setDaemon(true);
		return thread;
	});

	IncompleteEventResubmission(IncompleteEventPublications incomplete, EventRetentionProperties properties,
			PeriodicJobs jobs) {
		this.incomplete = incomplete;
		this.properties = properties;
		this.jobs = jobs;
	}

	@EventListener(ApplicationReadyEvent.class)
	void start() {
		long every = this.properties.resubmitCheck().toMillis();
		this.scheduler.scheduleWithFixedDelay(() -> {
			try {
				this.jobs.runOnce("event-publication-resubmission", this.properties.resubmitCheck(), this::resubmit);
			}
			catch (RuntimeException ex) {
				log.warn("Resubmitting incomplete event publications failed: " + ex.getMessage());
			}
		}, every, every, TimeUnit.MILLISECONDS);
	}

	void resubmit() {
		this.incomplete.resubmitIncompletePublicationsOlderThan(this.properties.resubmitAfter());
	}

	@PreDestroy
	void stop() {
		this.scheduler.shutdownNow();
	}

}
