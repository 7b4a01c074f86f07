package org.attc.tracker.lti.internal.services;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.attc.tracker.lti.internal.platform.PlatformRegistration;
import org.attc.tracker.lti.internal.platform.PlatformRegistrations;
import org.attc.tracker.runtime.PeriodicJobs;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * NRPS 2.0, periodically: every course a launch came from with a membership service has
 * its roster fetched again every {@code app.lti.roster-refresh.interval}, so people
 * enrolled since the last teacher launch appear (as not started) without anyone
 * launching. One course failing does not stop the others. With several nodes, one of them
 * refreshes per interval ({@link PeriodicJobs}).
 */
@Component
public class RosterRefresh {

	private static final Log logger = LogFactory.getLog(RosterRefresh.class);

	private final RosterSync rosters;

	private final PlatformRegistrations registrations;

	private final RosterRefreshProperties properties;

	private final PeriodicJobs jobs;

	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "lti-roster-refresh");
		thread.setDaemon(true);
		return thread;
	});

	RosterRefresh(RosterSync rosters, PlatformRegistrations registrations, RosterRefreshProperties properties,
			PeriodicJobs jobs) {
		this.jobs = jobs;
		this.rosters = rosters;
		this.registrations = registrations;
		this.properties = properties;
	}

	/** What one refresh did. */
	public record Outcome(int courses, int members, int failures) {
	}

	@EventListener(ApplicationReadyEvent.class)
	void start() {
		if (!this.properties.enabled()) {
			return;
		}
		this.scheduler.scheduleWithFixedDelay(() -> {
			try {
				this.jobs.runOnce("lti-roster-refresh", this.properties.interval(), () -> {
					Outcome outcome = refreshAll();
					logger.info("NRPS roster refresh: " + outcome.courses() + " courses, " + outcome.members()
							+ " members, " + outcome.failures() + " failures");
				});
			}
			catch (RuntimeException ex) {
				logger.warn("NRPS roster refresh failed: " + ex.getMessage());
			}
		}, this.properties.initialDelay().toMillis(), this.properties.interval().toMillis(), TimeUnit.MILLISECONDS);
	}

	/** Fetches the roster of every known course with a membership service now. */
	public Outcome refreshAll() {
		int courses = 0;
		int members = 0;
		int failures = 0;
		for (RosterSync.KnownCourse course : this.rosters.coursesWithRoster()) {
			PlatformRegistration platform = this.registrations.find(course.platformId()).orElse(null);
			if (platform == null) {
				continue;
			}
			courses++;
			try {
				members += this.rosters.sync(platform, course.contextId(), course.membershipsUrl());
			}
			catch (RuntimeException ex) {
				failures++;
				logger.warn("NRPS roster of " + platform.issuer() + " course " + course.contextId() + " failed: "
						+ ex.getMessage());
			}
		}
		return new Outcome(courses, members, failures);
	}

	@PreDestroy
	void stop() {
		this.scheduler.shutdownNow();
	}

}
