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
import org.springframework.modulith.events.CompletedEventPublications;
import org.springframework.stereotype.Component;

/**
 * Deletes completed event publications older than {@code app.events.completed-retention},
 * every {@code app.events.purge-interval} (one indexed DELETE on the completion date).
 * With several nodes, one of them runs it per interval ({@link PeriodicJobs}).
 */
@Component
class CompletedEventPurge {

	private static final Log log = LogFactory.getLog(CompletedEventPurge.class);

	private final CompletedEventPublications completed;

	private final EventRetentionProperties properties;

	private final PeriodicJobs jobs;

	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "event-publication-purge");
		thread.setDaemon(true);
		return thread;
	});

	CompletedEventPurge(CompletedEventPublications completed, EventRetentionProperties properties, PeriodicJobs jobs) {
		this.completed = completed;
		this.properties = properties;
		this.jobs = jobs;
	}

	@EventListener(ApplicationReadyEvent.class)
	void start() {
		long interval = this.properties.purgeInterval().toMillis();
		this.scheduler.scheduleWithFixedDelay(() -> {
			try {
				this.jobs.runOnce("event-publication-purge", this.properties.purgeInterval(), this::purge);
			}
			catch (RuntimeException ex) {
				// the next run tries again; nothing depends on the rows being gone
				log.warn("Purging completed event publications failed: " + ex.getMessage());
			}
		}, interval, interval, TimeUnit.MILLISECONDS);
	}

	/** Deletes the completed publications older than the retention now. */
	void purge() {
		this.completed.deletePublicationsOlderThan(this.properties.completedRetention());
	}

	@PreDestroy
	void stop() {
		this.scheduler.shutdownNow();
	}

}
