package org.attc.tracker.runtime.internal;

import java.sql.Connection;
import java.sql.SQLException;
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
 * again on the same data directory and port after a pause that grows with each failed
 * attempt, the pool's dead connections are dropped, and once the pool hands out a working
 * connection the service is ready again and event deliveries the outage interrupted are
 * made again. With an external database there is nothing to supervise here: keeping it
 * available is its operator's job (see docs/operations.md).
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

	/** The outage whose interrupted event deliveries are still to be redelivered. */
	private volatile Instant redeliverFrom;

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
			if (!db.isRunning()) {
				startAgain(db);
			}
			else if (this.outage.isOngoing() && poolServes()) {
				Instant began = this.outage.end();
				if (began != null && this.running) {
					AvailabilityChangeEvent.publish(this.events, this, ReadinessState.ACCEPTING_TRAFFIC);
					log.warn("The embedded MariaDB runs again; the service is ready");
					this.redeliverFrom = began;
				}
			}
			if (this.redeliverFrom != null && redeliverEventsFrom(this.redeliverFrom)) {
				this.redeliverFrom = null;
			}
		}
		catch (RuntimeException ex) {
			log.error("Supervising the embedded MariaDB failed", ex);
		}
	}

	private void startAgain(EmbeddedMariaDb db) {
		if (this.outage.begin()) {
			log.error("The embedded MariaDB died; the service is not ready until it runs again");
			AvailabilityChangeEvent.publish(this.events, this, ReadinessState.REFUSING_TRAFFIC);
			// a short pause first: a server killed for want of memory should not be
			// started again into the same shortage at once
			this.nextAttempt = Instant.now().plus(FIRST_BACKOFF);
		}
		if (Instant.now().isBefore(this.nextAttempt) || !restart(db)) {
			return;
		}
		this.backoff = FIRST_BACKOFF;
		this.nextAttempt = Instant.MIN;
		evictPooledConnections();
	}

	/**
	 * Ready means a request gets a working connection, not only that the process runs.
	 */
	private boolean poolServes() {
		DataSource pool = this.dataSource.getIfAvailable();
		if (pool == null) {
			return true;
		}
		try (Connection connection = pool.getConnection()) {
			return connection.isValid(1);
		}
		catch (SQLException ex) {
			log.debug("The embedded MariaDB runs but the pool has no connection yet: " + ex.getMessage());
			return false;
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
	private boolean redeliverEventsFrom(Instant outageBegan) {
		IncompleteEventPublications publications = this.incomplete.getIfAvailable();
		if (publications == null) {
			return true;
		}
		try {
			publications.resubmitIncompletePublications(
					(publication) -> publication.getPublicationDate().isBefore(outageBegan));
			return true;
		}
		catch (RuntimeException ex) {
			log.warn("Delivering event publications again failed; trying again shortly: " + ex.getMessage());
			return false;
		}
	}

}
