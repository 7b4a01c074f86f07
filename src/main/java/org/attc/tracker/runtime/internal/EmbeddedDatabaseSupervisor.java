package org.attc.tracker.runtime.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.stereotype.Component;

/**
 * Keeps the embedded {@code mariadbd} running. Every {@value #CHECK_MILLIS} ms it checks
 * that the process is alive (no connection needed); when it has died the service turns
 * not ready (readiness probe DOWN, requests answered 503 at once), the server is started
 * again on the same data directory and port, with a growing pause between failed
 * attempts, and once it is up the pool's dead connections are dropped, crediting that
 * failed meanwhile is delivered again, and the service is ready again. With an external
 * database there is nothing to supervise: keeping it available is its operator's job.
 */
@Component
class EmbeddedDatabaseSupervisor implements SmartLifecycle {

	private static final Log log = LogFactory.getLog(EmbeddedDatabaseSupervisor.class);

	static final long CHECK_MILLIS = 250;

	private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);

	private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

	private final ObjectProvider<EmbeddedMariaDb> server;

	private final ObjectProvider<DataSource> dataSource;

	private final ObjectProvider<IncompleteEventPublications> incomplete;

	private final DatabaseOutage outage;

	private final ApplicationEventPublisher events;

	private ScheduledExecutorService checks;

	private volatile boolean running;

	private Duration backoff = FIRST_BACKOFF;

	private Instant nextAttempt = Instant.MIN;

	EmbeddedDatabaseSupervisor(ObjectProvider<EmbeddedMariaDb> server, ObjectProvider<DataSource> dataSource,
			ObjectProvider<IncompleteEventPublications> incomplete, DatabaseOutage outage,
			ApplicationEventPublisher events) {
		this.server = server;
		this.dataSource = dataSource;
		this.incomplete = incomplete;
		this.outage = outage;
		this.events = events;
	}

	@Override
	public synchronized void start() {
		EmbeddedMariaDb db = this.server.getIfAvailable();
		if (db == null || this.running) {
			return;
		}
		this.checks = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "embedded-mariadb-supervisor");
			thread.setDaemon(true);
			return thread;
		});
		this.checks.scheduleWithFixedDelay(() -> check(db), CHECK_MILLIS, CHECK_MILLIS, TimeUnit.MILLISECONDS);
		this.running = true;
	}

	/**
	 * Stopped before the context closes its beans, so a server stopped on purpose stays
	 * stopped.
	 */
	@Override
	public synchronized void stop() {
		if (this.checks != null) {
			this.checks.shutdownNow();
			this.checks = null;
		}
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	void check(EmbeddedMariaDb db) {
		try {
			if (db.isRunning()) {
				return;
			}
			if (this.outage.begin()) {
				log.error("The embedded MariaDB died; the service is not ready until it runs again");
				AvailabilityChangeEvent.publish(this.events, this, ReadinessState.REFUSING_TRAFFIC);
			}
			if (Instant.now().isBefore(this.nextAttempt)) {
				return;
			}
			if (!restart(db)) {
				return;
			}
			this.backoff = FIRST_BACKOFF;
			this.nextAttempt = Instant.MIN;
			evictPooledConnections();
			Instant began = this.outage.end();
			if (began != null && this.running) {
				AvailabilityChangeEvent.publish(this.events, this, ReadinessState.ACCEPTING_TRAFFIC);
				log.warn("The embedded MariaDB runs again; the service is ready");
				redeliverEventsFrom(began);
			}
		}
		catch (RuntimeException ex) {
			log.error("Supervising the embedded MariaDB failed", ex);
		}
	}

	private boolean restart(EmbeddedMariaDb db) {
		try {
			return db.restart();
		}
		catch (Exception ex) {
			this.nextAttempt = Instant.now().plus(this.backoff);
			log.error("Starting the embedded MariaDB again failed; next attempt in " + this.backoff.toSeconds() + " s: "
					+ ex.getMessage());
			this.backoff = (this.backoff.compareTo(MAX_BACKOFF.dividedBy(2)) > 0) ? MAX_BACKOFF
					: this.backoff.multipliedBy(2);
			return false;
		}
	}

	/** Connections to the dead server would each fail once more when next borrowed. */
	private void evictPooledConnections() {
		if (this.dataSource.getIfAvailable() instanceof HikariDataSource hikari
				&& hikari.getHikariPoolMXBean() != null) {
			hikari.getHikariPoolMXBean().softEvictConnections();
		}
	}

	/**
	 * Listeners that ran into the outage failed, and could not even record that they did;
	 * they would otherwise wait for the next start of the service. Every publication
	 * still incomplete from before the outage is delivered again: some of them were only
	 * queued and run twice, which idempotent listeners allow.
	 */
	private void redeliverEventsFrom(Instant outageBegan) {
		IncompleteEventPublications publications = this.incomplete.getIfAvailable();
		if (publications == null) {
			return;
		}
		try {
			publications.resubmitIncompletePublications(
					(publication) -> publication.getPublicationDate().isBefore(outageBegan));
		}
		catch (RuntimeException ex) {
			log.warn("Delivering failed event publications again failed; they are delivered at the next start: "
					+ ex.getMessage());
		}
	}

}
