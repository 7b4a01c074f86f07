package org.attc.tracker.notifications.internal.web;

import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.attc.tracker.identity.Learners;
import org.attc.tracker.notifications.internal.NotificationRuns;
import org.attc.tracker.notifications.internal.NotificationSettings;
import org.attc.tracker.notifications.internal.Outbox;
import org.attc.tracker.notifications.internal.Preferences;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Notifications for administrators: settings (horizons, send time, digest day, sender),
 * organisations' reminder switches, a run on demand, and the deliveries with a retry.
 */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class NotificationAdminPages {

	private final NotificationSettings settings;

	private final Outbox outbox;

	private final NotificationRuns runs;

	private final Preferences preferences;

	private final Learners learners;

	NotificationAdminPages(NotificationSettings settings, Outbox outbox, NotificationRuns runs, Preferences preferences,
			Learners learners) {
		this.settings = settings;
		this.outbox = outbox;
		this.runs = runs;
		this.preferences = preferences;
		this.learners = learners;
	}

	@GetMapping("/admin/notifications")
	String page(@RequestParam(name = "status", required = false) List<String> status, Model model) {
		Set<Outbox.Status> statuses = (status == null || status.isEmpty()) ? EnumSet.allOf(Outbox.Status.class)
				: NotificationApi.statuses(status);
		NotificationSettings.Settings current = this.settings.current();
		model.addAttribute("settings", current);
		if (!model.containsAttribute("horizons")) {
			model.addAttribute("horizons",
					String.join(", ", current.horizons().stream().map(String::valueOf).toList()));
		}
		model.addAttribute("days", java.time.DayOfWeek.values());
		model.addAttribute("counts", this.outbox.counts());
		model.addAttribute("deliveries", this.outbox.recent(statuses, 200));
		model.addAttribute("organisations", this.learners.allOrganisations());
		model.addAttribute("remindersOff", this.preferences.remindersOff());
		return "notifications/admin";
	}

	@PostMapping("/admin/notifications/settings")
	String save(@RequestParam(name = "horizons", required = false) String horizons,
			@RequestParam(name = "sendTime", required = false) String sendTime,
			@RequestParam(name = "digestDay", required = false) String digestDay,
			@RequestParam(name = "sender", required = false) String sender, Authentication caller,
			RedirectAttributes redirect) {
		try {
			List<Integer> days = Arrays.stream((horizons != null) ? horizons.split(",") : new String[0])
				.map(String::strip)
				.filter((s) -> !s.isEmpty())
				.map((s) -> {
					try {
						return Integer.valueOf(s);
					}
					catch (NumberFormatException ex) {
						throw new IllegalArgumentException("horizons: whole numbers of days, comma-separated");
					}
				})
				.toList();
			this.settings.save(days, sendTime, digestDay, sender, caller.getName());
			redirect.addFlashAttribute("message", "Settings saved.");
		}
		catch (IllegalArgumentException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
			redirect.addFlashAttribute("horizons", horizons);
		}
		return "redirect:/admin/notifications";
	}

	@PostMapping("/admin/notifications/run")
	String run(RedirectAttributes redirect) {
		NotificationRuns.Result result = this.runs.runNow(Instant.now());
		redirect.addFlashAttribute("message",
				"Queued " + result.reminders() + " reminder(s) and " + result.digests() + " digest(s).");
		return "redirect:/admin/notifications";
	}

	@PostMapping("/admin/notifications/organisations/{code}")
	String organisation(@PathVariable String code, @RequestParam(name = "reminders") String reminders,
			Authentication caller, RedirectAttributes redirect) {
		boolean known = this.learners.allOrganisations().stream().anyMatch((o) -> o.code().equals(code));
		if (known) {
			boolean on = "on".equals(reminders);
			this.preferences.setReminders(code, on, caller.getName());
			redirect.addFlashAttribute("message", "Reminders for " + code + " turned " + (on ? "on." : "off."));
		}
		else {
			redirect.addFlashAttribute("error", "organisation: no organisation " + code);
		}
		return "redirect:/admin/notifications";
	}

	@PostMapping("/admin/notifications/deliveries/{id}/retry")
	String retry(@PathVariable long id, RedirectAttributes redirect) {
		redirect.addFlashAttribute("message", this.outbox.retry(id) ? "Message " + id + " queued again."
				: "Message " + id + " is not a failed message.");
		return "redirect:/admin/notifications";
	}

}
