package org.attc.tracker.notifications.internal.web;

import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.attc.tracker.notifications.internal.NotificationRuns;
import org.attc.tracker.notifications.internal.NotificationSettings;
import org.attc.tracker.notifications.internal.Outbox;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The notifications API for administrators: run what is due, see and retry deliveries,
 * read and change the settings (docs/notifications.md).
 */
@RestController
@PreAuthorize("hasRole('ADMIN')")
class NotificationApi {

	private final NotificationRuns runs;

	private final Outbox outbox;

	private final NotificationSettings settings;

	NotificationApi(NotificationRuns runs, Outbox outbox, NotificationSettings settings) {
		this.runs = runs;
		this.outbox = outbox;
		this.settings = settings;
	}

	/** What a run queued. */
	record RunJson(int queued, int reminders, int digests) {
	}

	/**
	 * Runs what is due now: reminders, and the current week's digests not sent yet.
	 * Idempotent: a second run queues nothing new.
	 */
	@PostMapping("/api/notifications/run")
	RunJson run() {
		NotificationRuns.Result result = this.runs.runNow(Instant.now());
		return new RunJson(result.queued(), result.reminders(), result.digests());
	}

	/** One delivery as the API shows it (bodies left out; the page shows them). */
	record DeliveryJson(long id, String kind, String status, String recipient, String to, String subject, int attempts,
			Instant nextAttemptAt, String lastError, Instant createdAt, Instant updatedAt, Instant sentAt) {

		static DeliveryJson of(Outbox.Delivery d) {
			boolean waiting = d.status() == Outbox.Status.PENDING || d.status() == Outbox.Status.SENDING;
			return new DeliveryJson(d.id(), d.kind().name().toLowerCase(Locale.ROOT),
					d.status().name().toLowerCase(Locale.ROOT), d.recipient(), d.to(), d.subject(), d.attempts(),
					waiting ? d.nextAttemptAt() : null, d.lastError(), d.createdAt(), d.updatedAt(), d.sentAt());
		}

	}

	record DeliveriesJson(Map<String, Long> counts, List<DeliveryJson> deliveries) {
	}

	@GetMapping("/api/notifications")
	DeliveriesJson list(@RequestParam(name = "status", required = false) List<String> status,
			@RequestParam(name = "limit", required = false) String limit) {
		Set<Outbox.Status> statuses = statuses(status);
		Map<String, Long> counts = new LinkedHashMap<>();
		this.outbox.counts().forEach((s, n) -> counts.put(s.name().toLowerCase(Locale.ROOT), n));
		return new DeliveriesJson(counts,
				this.outbox.recent(statuses, limit(limit)).stream().map(DeliveryJson::of).toList());
	}

	@PostMapping("/api/notifications/{id}/retry")
	ResponseEntity<Void> retry(@PathVariable long id) {
		if (!this.outbox.retry(id)) {
			throw new UnknownDelivery(id);
		}
		return ResponseEntity.accepted().build();
	}

	/** The settings as the API shows and takes them. */
	record SettingsJson(List<Integer> horizons, String sendTime, String digestDay, String sender, String updatedBy,
			Instant updatedAt) {

		static SettingsJson of(NotificationSettings.Settings s) {
			return new SettingsJson(s.horizons(), s.sendTime().toString(), s.digestDay().name(), s.sender(),
					s.updatedBy(), s.updatedAt());
		}

	}

	@GetMapping("/api/notifications/settings")
	SettingsJson settings() {
		return SettingsJson.of(this.settings.current());
	}

	@PutMapping("/api/notifications/settings")
	SettingsJson saveSettings(@RequestBody SettingsJson body, Authentication caller) {
		return SettingsJson.of(this.settings.save(body.horizons(), body.sendTime(), body.digestDay(), body.sender(),
				caller.getName()));
	}

	/** Comma-separated or repeated; {@code all} for every status. */
	static Set<Outbox.Status> statuses(List<String> values) {
		if (values == null || values.isEmpty()) {
			return EnumSet.allOf(Outbox.Status.class);
		}
		Set<Outbox.Status> statuses = EnumSet.noneOf(Outbox.Status.class);
		for (String value : values) {
			for (String name : value.split(",")) {
				String trimmed = name.strip().toUpperCase(Locale.ROOT);
				if (trimmed.equals("ALL")) {
					return EnumSet.allOf(Outbox.Status.class);
				}
				try {
					statuses.add(Outbox.Status.valueOf(trimmed));
				}
				catch (IllegalArgumentException ex) {
					throw new IllegalArgumentException(
							"status: '" + name.strip() + "' is not one of pending, sending, sent, failed, all");
				}
			}
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
		throw new IllegalArgumentException("limit: a whole number from 1 to 1000");
	}

}
