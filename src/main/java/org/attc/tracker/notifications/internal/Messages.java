package org.attc.tracker.notifications.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.attc.tracker.crediting.CreditingRoute;
import org.attc.tracker.crediting.CreditingRoutes;
import org.attc.tracker.identity.LearnerProfile;
import org.attc.tracker.notifications.DueItem;
import org.attc.tracker.notifications.NotificationProperties;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * Writes messages: a plain text part and an accessible HTML part (one column, real
 * headings and lists, link text that says where it goes, no images), both from the same
 * content. Subjects carry no personal data: they name only the kind of message.
 */
@Component
public class Messages {

	static final String REMINDER_SUBJECT = "Capabilities to renew";

	static final String DIGEST_SUBJECT = "Weekly capability digest";

	private final ITemplateEngine templates;

	private final OptOutLinks links;

	private final NotificationProperties properties;

	private final DateTimeFormatter date;

	private final CreditingRoutes routes;

	Messages(ITemplateEngine templates, OptOutLinks links, NotificationProperties properties, CreditingRoutes routes) {
		this.routes = routes;
		this.templates = templates;
		this.links = links;
		this.properties = properties;
		this.date = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK).withZone(properties.zone());
	}

	/**
	 * An address in the service, absolute, for a message.
	 * @param query parameter names and values, alternately, in order
	 */
	String url(String path, String... query) {
		UriComponentsBuilder builder = UriComponentsBuilder.fromUri(this.properties.baseUrl()).path(path);
		for (int i = 0; i + 1 < query.length; i += 2) {
			builder.queryParam(query[i], query[i + 1]);
		}
		return builder.encode().build().toUriString();
	}

	String date(Instant instant) {
		return this.date.format(instant);
	}

	String date(LocalDate day) {
		return day.format(DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK));
	}

	/** One learner's reminder of the items given. */
	Outbox.Message reminder(LearnerProfile learner, List<DueItem> items, Instant now) {
		Recipient recipient = Recipient.learner(learner.id());
		String optOut = this.links.url(recipient, MessageKind.REMINDER);
		String page = url("/my/capabilities");
		String preferences = url("/notifications/preferences");
		String name = (learner.name() != null && !learner.name().isBlank()) ? learner.name() : "there";
		// activities by name, from the same source as the learner's page (mappings, then
		// the statements' activity definitions), not by IRI
		Map<String, String> names = this.routes.activityNames(items.stream()
			.flatMap((i) -> i.routes().stream())
			.map(CreditingRoute::namedActivity)
			.filter(Objects::nonNull)
			.distinct()
			.toList());
		List<ReminderLine> lines = items.stream().map((item) -> line(item, names)).toList();

		StringBuilder text = new StringBuilder();
		text.append("Hello ").append(name).append(",\n\n");
		text.append("Capabilities that your job role requires need renewing:\n");
		for (ReminderLine line : lines) {
			text.append("\n- ").append(line.label()).append(" (").append(line.tierName()).append("): ");
			text.append(line.when()).append('\n');
			if (line.routes().isEmpty()) {
				text.append("  No activity renews it yet: ask your training coordinator about an assessor sign-off.\n");
			}
			else {
				text.append("  Renew it with:\n");
				for (RouteLine route : line.routes()) {
					text.append("  * ").append(route.text());
					if (route.url() != null) {
						text.append(" <").append(route.url()).append('>');
					}
					text.append('\n');
				}
			}
		}
		text.append("\nAll your capabilities: ").append(page).append("\n\n");
		text.append("-- \nYou receive these reminders because your job role requires these capabilities.\n");
		text.append("Stop expiry reminders (no sign-in needed): ").append(optOut).append('\n');
		text.append("Your notification settings: ").append(preferences).append('\n');

		Context context = new Context(Locale.UK);
		context.setVariable("name", name);
		context.setVariable("lines", lines);
		context.setVariable("page", page);
		context.setVariable("optOut", optOut);
		context.setVariable("preferences", preferences);
		String html = this.templates.process("notifications/mail/reminder", context);
		return new Outbox.Message(MessageKind.REMINDER, recipient, learner.email().strip(), REMINDER_SUBJECT,
				text.toString(), html, optOut);
	}

	/** A due item as a message shows it. */
	record ReminderLine(String label, String tierName, String when, boolean expired, List<RouteLine> routes) {
	}

	/** A renewing activity: words, and its address when it has one. */
	record RouteLine(String text, String url) {
	}

	private ReminderLine line(DueItem item, Map<String, String> names) {
		String when = item.expired() ? "expired on " + date(item.expiresAt())
				: "expires on " + date(item.expiresAt()) + ", in " + days(item.daysLeft());
		return new ReminderLine(item.label(), item.tierName(), when, item.expired(),
				item.routes().stream().map((r) -> route(r, names)).toList());
	}

	private static String days(long days) {
		return (days <= 0) ? "less than a day" : (days == 1) ? "1 day" : days + " days";
	}

	/**
	 * The same words as the learner page's "how to close this gap": a named activity by
	 * its name (its IRI when it has none yet), a course by its id.
	 */
	static RouteLine route(CreditingRoute route, Map<String, String> names) {
		String name = names.getOrDefault(route.target(), route.target());
		String what = "lms_course".equals(route.match()) ? "LMS course " + route.target()
				: ("cmi5".equals(route.match()) ? "Course " : "") + name;
		String credits = " (credits tier " + route.tier()
				+ ((route.validityMonths() != null) ? ", valid " + route.validityMonths() + " months" : "") + ")";
		return new RouteLine(what + credits, route.launchUrl());
	}

	/** A coordinator's digest. */
	Outbox.Message digest(String username, String displayName, String to, DigestContent content) {
		Recipient recipient = Recipient.account(username);
		String optOut = this.links.url(recipient, MessageKind.DIGEST);
		String preferences = url("/notifications/preferences");
		StringBuilder text = new StringBuilder();
		text.append("Hello ").append(displayName).append(",\n\n");
		text.append("Your weekly capability digest for the week from ")
			.append(date(content.periodStart()))
			.append(". Expiring means within ")
			.append(content.horizonDays())
			.append(" days; newly expired means ")
			.append("in the last 7 days.\n");
		if (content.organisations().isEmpty()) {
			text.append("\nNo learners in your organisations have capabilities to report.\n");
		}
		for (DigestContent.Organisation org : content.organisations()) {
			text.append("\n== ").append(org.name()).append(" (").append(org.code()).append(") ==\n");
			text.append("Newly expired: ").append(org.expired().size()).append('\n');
			org.expired().forEach((e) -> text.append("  - ").append(e.text()).append('\n'));
			text.append("Expiring: ").append(org.expiring().size()).append('\n');
			org.expiring().forEach((e) -> text.append("  - ").append(e.text()).append('\n'));
			text.append("Not started: ").append(org.notStarted().size()).append('\n');
			org.notStarted().forEach((n) -> text.append("  - ").append(n).append('\n'));
			text.append("Expiring list: ").append(org.expiringUrl()).append('\n');
			text.append("Not started list: ").append(org.notStartedUrl()).append('\n');
			text.append("Readiness board: ").append(org.readinessUrl()).append('\n');
		}
		if (!content.readiness().isEmpty()) {
			text.append("\nReadiness changes since your last digest:\n");
			content.readiness().forEach((r) -> text.append("  - ").append(r.text()).append('\n'));
		}
		text.append("\n-- \nYou receive this digest as a training coordinator.\n");
		text.append("Stop the weekly digest (no sign-in needed): ").append(optOut).append('\n');
		text.append("Your notification settings: ").append(preferences).append('\n');

		Context context = new Context(Locale.UK);
		context.setVariable("name", displayName);
		context.setVariable("content", content);
		context.setVariable("periodStart", date(content.periodStart()));
		context.setVariable("optOut", optOut);
		context.setVariable("preferences", preferences);
		String html = this.templates.process("notifications/mail/digest", context);
		return new Outbox.Message(MessageKind.DIGEST, recipient, to.strip(), DIGEST_SUBJECT, text.toString(), html,
				optOut);
	}

}
