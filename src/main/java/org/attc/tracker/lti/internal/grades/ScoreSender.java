package org.attc.tracker.lti.internal.grades;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.attc.tracker.lti.internal.platform.PlatformRegistration;
import org.attc.tracker.lti.internal.platform.PlatformRegistrations;
import org.attc.tracker.lti.internal.services.Scores;
import org.attc.tracker.lti.internal.services.ServiceCallFailed;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Sends queued AGS scores (§3.4) every {@code app.lti.score-delivery.poll-interval}:
 * transient failures (unreachable, 5xx, 429, an expired token) are tried again with
 * exponential backoff up to {@code max-attempts}; a refusal (Moodle's 400 for a user who
 * is not a student, 409 for an older score) fails at once. Scores are rescaled to the
 * line item's maximum when the platform lets the tool read it.
 */
@Component
public class ScoreSender {

	private static final Log logger = LogFactory.getLog(ScoreSender.class);

	private final ScoreDeliveries deliveries;

	private final ResourceLinks links;

	private final PlatformRegistrations registrations;

	private final Scores scores;

	private final ScoreDeliveryProperties properties;

	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "lti-score-sender");
		thread.setDaemon(true);
		return thread;
	});

	ScoreSender(ScoreDeliveries deliveries, ResourceLinks links, PlatformRegistrations registrations, Scores scores,
			ScoreDeliveryProperties properties) {
		this.deliveries = deliveries;
		this.links = links;
		this.registrations = registrations;
		this.scores = scores;
		this.properties = properties;
	}

	@EventListener(ApplicationReadyEvent.class)
	void start() {
		if (!this.properties.enabled()) {
			return;
		}
		long every = this.properties.pollInterval().toMillis();
		this.scheduler.scheduleWithFixedDelay(() -> {
			try {
				sendDue();
			}
			catch (RuntimeException ex) {
				logger.warn("Sending AGS scores failed: " + ex.getMessage());
			}
		}, every, every, TimeUnit.MILLISECONDS);
	}

	/**
	 * Sends what is due now.
	 * @return the number of scores tried
	 */
	public int sendDue() {
		int tried = 0;
		List<ScoreDeliveries.Delivery> due;
		do {
			due = this.deliveries.claimDue(this.properties.batchSize());
			for (ScoreDeliveries.Delivery delivery : due) {
				// a long batch may outlast the lease: send only what is still ours
				this.deliveries.renew(delivery).ifPresent(this::send);
				tried++;
			}
		}
		while (due.size() == this.properties.batchSize() && !Thread.currentThread().isInterrupted());
		return tried;
	}

	private void send(ScoreDeliveries.Delivery delivery) {
		if (this.deliveries.newerExists(delivery)) {
			// an older score retried after a newer one would overwrite it
			this.deliveries.superseded(delivery);
			return;
		}
		ResourceLinks.ResourceLink link = this.links.find(delivery.linkId()).orElse(null);
		PlatformRegistration platform = (link == null) ? null : this.registrations.find(link.platformId()).orElse(null);
		if (link == null || platform == null || !link.canScore()) {
			this.deliveries.failed(delivery, 0,
					"The link no longer has a line item the platform lets the tool score (launch it again).");
			return;
		}
		Set<String> scopes = new LinkedHashSet<>();
		scopes.add(Scores.SCORE_SCOPE);
		for (String scope : List.of(Scores.LINE_ITEM_SCOPE, Scores.LINE_ITEM_READ_SCOPE)) {
			if (link.scopes().contains(scope)) {
				scopes.add(scope);
			}
		}
		try {
			Double maximum = maximum(link, platform, scopes);
			this.scores.publish(platform, link.lineItemUrl(), score(delivery, maximum), scopes);
			this.deliveries.sent(delivery, 200);
		}
		catch (ServiceCallFailed ex) {
			// 401: the cached token was dropped, a new one is fetched on the next try
			boolean transientFailure = ex.transientFailure() || ex.status() == 401;
			int attempts = delivery.attempts() + 1;
			if (!transientFailure) {
				this.deliveries.failed(delivery, ex.status(), ex.getMessage());
			}
			else if (attempts >= this.properties.maxAttempts()) {
				this.deliveries.failed(delivery, ex.status(),
						"Gave up after " + attempts + " attempts. Last: " + ex.getMessage());
			}
			else {
				this.deliveries.retryLater(delivery, ex.status(), ex.getMessage(),
						Instant.now().plus(this.properties.backoffAfter(attempts)));
			}
		}
	}

	/** The line item's maximum, read once per line item when the scopes allow. */
	private Double maximum(ResourceLinks.ResourceLink link, PlatformRegistration platform, Set<String> scopes) {
		if (link.lineItemMaximum() != null || scopes.size() == 1) {
			return link.lineItemMaximum();
		}
		try {
			OptionalDouble maximum = this.scores.lineItemMaximum(platform, link.lineItemUrl(), scopes);
			if (maximum.isPresent()) {
				this.links.rememberMaximum(link.id(), maximum.getAsDouble());
				return maximum.getAsDouble();
			}
		}
		catch (ServiceCallFailed ex) {
			if (ex.transientFailure()) {
				throw ex;
			}
			logger.info("Line item " + link.lineItemUrl() + " unreadable, scores are not rescaled: " + ex.getMessage());
		}
		return null;
	}

	/**
	 * The score: capabilities held out of those linked, rescaled to the line item's
	 * maximum when known (AGS §3.4.3: scoreGiven with scoreMaximum).
	 */
	static Scores.Score score(ScoreDeliveries.Delivery delivery, Double lineItemMaximum) {
		double maximum = (lineItemMaximum != null) ? lineItemMaximum : delivery.linked();
		double given = (delivery.linked() == 0) ? 0
				: Math.round(delivery.held() * maximum / delivery.linked() * 100) / 100.0;
		String comment = delivery.held() + " of " + delivery.linked()
				+ " linked capabilities held at the required tier";
		return new Scores.Score(delivery.userId(), Math.min(given, maximum), maximum, delivery.activityProgress(),
				delivery.gradingProgress(), delivery.scoreTimestamp(), comment);
	}

	@PreDestroy
	void stop() {
		this.scheduler.shutdownNow();
	}

}
