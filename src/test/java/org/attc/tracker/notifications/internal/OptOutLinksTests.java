package org.attc.tracker.notifications.internal;

import java.net.URI;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import org.attc.tracker.notifications.NotificationProperties;
import org.attc.tracker.shared.LearnerId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Signed opt-out links: what they stand for, and that nothing else passes. */
class OptOutLinksTests {

	static NotificationProperties properties(String secret) {
		return new NotificationProperties(false, URI.create("https://tracker.example.test"), secret,
				ZoneId.of("Europe/London"), List.of(60, 30, 7), 30, LocalTime.of(7, 0), DayOfWeek.MONDAY,
				"Tracker <t@example.test>", Duration.ofMinutes(1), Duration.ofSeconds(10), Duration.ofMinutes(1),
				Duration.ofHours(6), 8, 50);
	}

	// a configured key: the database is not asked
	final OptOutLinks links = new OptOutLinks(null, properties("a-test-key-of-at-least-32-characters"));

	@Test
	void aLinkNamesItsRecipientAndKind() {
		Recipient recipient = Recipient.learner(new LearnerId(42));
		String token = this.links.token(recipient, MessageKind.REMINDER);
		assertThat(this.links.verify(token)).contains(new OptOutLinks.OptOut(recipient, MessageKind.REMINDER));
		assertThat(this.links.url(recipient, MessageKind.REMINDER))
			.startsWith("https://tracker.example.test/notifications/opt-out?t=");
	}

	@Test
	void anotherKindOrRecipientWithTheSameSignatureFails() {
		String token = this.links.token(Recipient.learner(new LearnerId(42)), MessageKind.REMINDER);
		String signature = token.substring(token.indexOf('.'));
		String otherPayload = this.links.token(Recipient.learner(new LearnerId(43)), MessageKind.REMINDER);
		assertThat(this.links.verify(otherPayload.substring(0, otherPayload.indexOf('.')) + signature)).isEmpty();
		String digest = this.links.token(Recipient.learner(new LearnerId(42)), MessageKind.DIGEST);
		assertThat(this.links.verify(digest.substring(0, digest.indexOf('.')) + signature)).isEmpty();
	}

	@Test
	void aLinkSignedWithAnotherKeyOrMangledFails() {
		OptOutLinks other = new OptOutLinks(null, properties("another-key-of-at-least-32-characters"));
		String token = other.token(Recipient.account("coord-a"), MessageKind.DIGEST);
		assertThat(this.links.verify(token)).isEmpty();
		assertThat(this.links.verify(null)).isEmpty();
		assertThat(this.links.verify("")).isEmpty();
		assertThat(this.links.verify("no-dot")).isEmpty();
		assertThat(this.links.verify("a.b.c")).isEmpty();
		assertThat(this.links.verify("!!!.???")).isEmpty();
	}

	@Test
	void everyOtherLastCharacterFailsThoughSomeDecodeToTheSameBytes() {
		String token = this.links.token(Recipient.learner(new LearnerId(42)), MessageKind.REMINDER);
		String stem = token.substring(0, token.length() - 1);
		String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
		for (char c : alphabet.toCharArray()) {
			if (c != token.charAt(token.length() - 1)) {
				assertThat(this.links.verify(stem + c)).as("last character %s", c).isEmpty();
			}
		}
		assertThat(this.links.verify(token)).isPresent();
	}

	@Test
	void aShortConfiguredKeyIsRefusedAtStartup() {
		assertThatThrownBy(() -> properties("short")).hasMessageContaining("link-secret");
	}

}
