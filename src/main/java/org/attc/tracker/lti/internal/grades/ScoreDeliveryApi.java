package org.attc.tracker.lti.internal.grades;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * AGS score deliveries for administrators (the LTI API chain requires ADMIN): what is
 * waiting, what failed and why.
 */
@RestController
class ScoreDeliveryApi {

	static final Set<ScoreDeliveries.Status> DEFAULT = EnumSet.of(ScoreDeliveries.Status.FAILED,
			ScoreDeliveries.Status.PENDING, ScoreDeliveries.Status.SENDING);

	private final ScoreDeliveries deliveries;

	ScoreDeliveryApi(ScoreDeliveries deliveries) {
		this.deliveries = deliveries;
	}

	/** One delivery as the API shows it. */
	record DeliveryJson(long id, String status, String platform, String contextId, String resourceLinkId,
			String linkTitle, String lineItemUrl, String userId, long learnerId, int capabilitiesHeld,
			int capabilitiesLinked, String activityProgress, String gradingProgress, Instant scoreTimestamp,
			int attempts, Instant nextAttemptAt, Integer lastHttpStatus, String lastError, Instant createdAt,
			Instant updatedAt, Instant sentAt) {

		static DeliveryJson of(ScoreDeliveries.DeliveryView view) {
			ScoreDeliveries.Delivery d = view.delivery();
			boolean waiting = d.status() == ScoreDeliveries.Status.PENDING
					|| d.status() == ScoreDeliveries.Status.SENDING;
			return new DeliveryJson(d.id(), d.status().name().toLowerCase(Locale.ROOT), view.issuer(), view.contextId(),
					view.resourceLinkId(), view.linkTitle(), view.lineItemUrl(), d.userId(), d.learnerId(), d.held(),
					d.linked(), d.activityProgress(), d.gradingProgress(), d.scoreTimestamp(), d.attempts(),
					waiting ? d.nextAttemptAt() : null, d.lastHttpStatus(), d.lastError(), d.createdAt(), d.updatedAt(),
					d.sentAt());
		}

	}

	/** The answer: counts per status and the most recent deliveries asked for. */
	record DeliveriesJson(Map<String, Long> counts, List<DeliveryJson> deliveries) {
	}

	@GetMapping("/api/lti/score-deliveries")
	DeliveriesJson list(@RequestParam(name = "status", required = false) List<String> status,
			@RequestParam(name = "limit", required = false) String limit) {
		Set<ScoreDeliveries.Status> statuses = statuses(status);
		int max = limit(limit);
		Map<String, Long> counts = new java.util.LinkedHashMap<>();
		this.deliveries.counts().forEach((s, n) -> counts.put(s.name().toLowerCase(Locale.ROOT), n));
		return new DeliveriesJson(counts,
				this.deliveries.recent(statuses, max).stream().map(DeliveryJson::of).toList());
	}

	@PostMapping("/api/lti/score-deliveries/{id}/retry")
	ResponseEntity<Void> retry(@PathVariable long id) {
		if (!this.deliveries.retry(id)) {
			throw new UnknownDelivery(id);
		}
		return ResponseEntity.accepted().build();
	}

	/** Comma-separated or repeated; {@code all} for every status. */
	static Set<ScoreDeliveries.Status> statuses(List<String> values) {
		if (values == null || values.isEmpty()) {
			return DEFAULT;
		}
		Set<ScoreDeliveries.Status> statuses = EnumSet.noneOf(ScoreDeliveries.Status.class);
		for (String value : values) {
			for (String name : value.split(",")) {
				String trimmed = name.strip().toUpperCase(Locale.ROOT);
				if (trimmed.equals("ALL")) {
					return EnumSet.allOf(ScoreDeliveries.Status.class);
				}
				try {
					statuses.add(ScoreDeliveries.Status.valueOf(trimmed));
				}
				catch (IllegalArgumentException ex) {
					throw new InvalidDeliveryQuery("status",
							"'" + name.strip() + "' is not one of pending, sending, sent, failed, superseded, all");
				}
			}
		}
		if (statuses.isEmpty()) {
			throw new InvalidDeliveryQuery("status", "name at least one status");
		}
		return statuses;
	}

	static int limit(String value) {
		if (value == null) {
			return 100;
		}
		try {
			int limit = Integer.parseInt(value.strip());
			if (limit >= 1 && limit <= 1000) {
				return limit;
			}
		}
		catch (NumberFormatException ex) {
			// answered below
		}
		throw new InvalidDeliveryQuery("limit", "a whole number from 1 to 1000");
	}

}
