package org.attc.tracker.notifications.internal;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.MimeMessage;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.attc.tracker.notifications.NotificationProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Sends queued messages through Spring's {@link JavaMailSender} (the SMTP server of
 * {@code spring.mail.*}) every {@code app.notifications.poll-interval}. A transient
 * failure (server unreachable, refused login, a 4xx answer) is tried again with
 * exponential backoff up to {@code max-attempts}; a message the server refuses for good
 * (a malformed or rejected address) fails at once. Without {@code spring.mail.host}
 * messages stay queued.
 */
@Component
public class MailDelivery {

	private static final Log logger = LogFactory.getLog(MailDelivery.class);

	private final Outbox outbox;

	private final ObjectProvider<JavaMailSender> mailSender;

	private final NotificationSettings settings;

	private final NotificationProperties properties;

	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "notification-sender");
		thread.setDaemon(true);
		return thread;
	});

	MailDelivery(Outbox outbox, ObjectProvider<JavaMailSender> mailSender, NotificationSettings settings,
			NotificationProperties properties) {
		this.outbox = outbox;
		this.mailSender = mailSender;
		this.settings = settings;
		this.properties = properties;
	}

	@EventListener(ApplicationReadyEvent.class)
	void start() {
		if (!this.properties.enabled()) {
			return;
		}
		if (this.mailSender.getIfAvailable() == null) {
			logger.info("No SMTP server is configured (spring.mail.host): notifications are queued, not sent");
			return;
		}
		long every = this.properties.pollInterval().toMillis();
		this.scheduler.scheduleWithFixedDelay(() -> {
			try {
				sendDue();
			}
			catch (RuntimeException ex) {
				logger.warn("Sending notifications failed: " + ex.getMessage());
			}
		}, every, every, TimeUnit.MILLISECONDS);
	}

	/**
	 * Sends what is due now.
	 * @return the number of messages tried
	 */
	public int sendDue() {
		JavaMailSender sender = this.mailSender.getIfAvailable();
		if (sender == null) {
			return 0;
		}
		String from = this.settings.current().sender();
		int tried = 0;
		List<Outbox.Delivery> due;
		do {
			due = this.outbox.claimDue(this.properties.batchSize());
			for (Outbox.Delivery delivery : due) {
				// a long batch may outlast the lease: send only what is still ours
				this.outbox.renew(delivery).ifPresent((leased) -> send(sender, from, leased));
				tried++;
			}
		}
		while (due.size() == this.properties.batchSize() && !Thread.currentThread().isInterrupted());
		return tried;
	}

	private void send(JavaMailSender sender, String from, Outbox.Delivery delivery) {
		try {
			MimeMessage message = sender.createMimeMessage();
			MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
			helper.setFrom(from);
			helper.setTo(delivery.to());
			helper.setSubject(delivery.subject());
			// multipart/alternative: plain text first, HTML preferred by clients that can
			helper.setText(delivery.text(), delivery.html());
			// RFC 2369 and RFC 8058: mail clients offer a one-click opt-out (a POST)
			message.setHeader("List-Unsubscribe", "<" + delivery.optOutUrl() + ">");
			message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
			message.setHeader("Auto-Submitted", "auto-generated");
			sender.send(message);
			this.outbox.sent(delivery);
		}
		catch (MessagingException | MailParseException | MailPreparationException ex) {
			this.outbox.failed(delivery, "The message could not be made: " + ex.getMessage());
		}
		catch (MailException ex) {
			int attempts = delivery.attempts() + 1;
			if (refusedForGood(ex)) {
				this.outbox.failed(delivery, "The SMTP server refused the address: " + ex.getMessage());
			}
			else if (attempts >= this.properties.maxAttempts()) {
				this.outbox.failed(delivery, "Gave up after " + attempts + " attempts. Last: " + ex.getMessage());
			}
			else {
				this.outbox.retryLater(delivery, ex.getMessage(),
						Instant.now().plus(this.properties.backoffAfter(attempts)));
			}
		}
	}

	private static boolean refusedForGood(MailException ex) {
		if (ex instanceof MailSendException send) {
			for (Exception cause : send.getFailedMessages().values()) {
				if (cause instanceof SendFailedException failed && failed.getInvalidAddresses() != null
						&& failed.getInvalidAddresses().length > 0) {
					return true;
				}
			}
		}
		return false;
	}

	@PreDestroy
	void stop() {
		this.scheduler.shutdownNow();
	}

}
