/**
 * Expiry reminders to learners and weekly digests to coordinators, by e-mail through a
 * database outbox, with opt-outs by signed link; and the "due soon" list that the LMS
 * launch page shows.
 * <p>
 * Other modules use {@link org.attc.tracker.notifications.DueSoon}; progress contributes
 * site readiness to the digest by implementing
 * {@link org.attc.tracker.notifications.SiteReadinessSource}.
 */
@org.springframework.modulith.ApplicationModule(
		allowedDependencies = { "crediting", "identity", "framework", "shared" })
package org.attc.tracker.notifications;
