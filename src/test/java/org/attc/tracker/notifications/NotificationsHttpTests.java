package org.attc.tracker.notifications;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import org.attc.tracker.notifications.internal.MailDelivery;
import org.attc.tracker.notifications.internal.Reminders;
import org.attc.tracker.support.HttpTestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reminders and digests end to end: data built through the APIs, runs asked for over
 * HTTP, messages sent by the service to a real SMTP server on loopback (GreenMail, in
 * this JVM) and read back from it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "app.notifications.base-url=https://tracker.example.test",
				"app.notifications.sender=Capability Tracker <tracker@example.test>" })
class NotificationsHttpTests {

	static final GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

	static {
		smtp.start();
	}

	@DynamicPropertySource
	static void mail(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
	}

	@AfterAll
	static void stopSmtp() {
		smtp.stop();
	}

	@LocalServerPort
	int port;

	@Autowired
	MailDelivery delivery;

	@Autowired
	Reminders reminders;

	HttpTestClient http;

	@BeforeEach
	void setUp() {
		this.http = new HttpTestClient(this.port);
	}

	@Test
	void oneReminderNamingTheCapabilityAndItsRenewingActivityThenNothingTwiceNothingOnceRenewedAndTheOptOutLinkWorksSignedOut()
			throws Exception {
		NotificationTestData data = new NotificationTestData(this.http);
		long lena = data.nurseExpiringIn("lena", "Lena Lowe", data.siteA1, 10);
		data.nurseExpiringIn("omar", "Omar Owusu", data.siteA1, 10);
		data.nurseExpiringIn("pia", "Pia Patel", data.trustA, 10);

		JsonNode first = run(data);
		assertThat(first.get("queued").asInt()).isGreaterThanOrEqualTo(3);
		send();
		List<MimeMessage> toLena = to(data.email("lena"));
		assertThat(toLena).hasSize(1);
		MimeMessage reminder = toLena.get(0);
		assertThat(reminder.getSubject()).isEqualTo("Capabilities to renew");
		assertThat(reminder.getFrom()[0].toString()).contains("tracker@example.test");
		String text = part(reminder, "text/plain");
		String html = part(reminder, "text/html");
		assertThat(text).contains("Hello Lena Lowe")
			.contains("D1.1")
			.contains("Renew it with")
			.contains(data.activity)
			.containsPattern("in (9|10) days");
		assertThat(html).contains("D1.1").contains("href=\"" + data.activity + "\"").contains("<html lang=\"en\"");
		assertThat(reminder.getHeader("List-Unsubscribe")[0])
			.startsWith("<https://tracker.example.test/notifications/opt-out?t=");
		assertThat(reminder.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
		assertThat(to(data.email("omar"))).hasSize(1);
		assertThat(to(data.email("pia"))).hasSize(1);

		// a second run sends nothing, to anyone
		JsonNode second = run(data);
		assertThat(second.get("queued").asInt()).isZero();
		send();
		assertThat(to(data.email("lena"))).hasSize(1);

		// omar follows the opt-out link in his message, not signed in: the page asks,
		// the button stops them
		String link = optOutLink(part(to(data.email("omar")).get(0), "text/plain"));
		HttpResponse<String> page = this.http.send(this.http.request(link).GET());
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("Stop").contains("expiry reminders");
		HttpResponse<String> stopped = this.http.send(this.http.request(OPT_OUT_PATH)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(link.substring(link.indexOf('?') + 1))));
		assertThat(stopped.statusCode()).isEqualTo(200);
		assertThat(stopped.body()).contains("id=\"opted-out\"");

		// lena renews. Four days on (6 days left) pia is reminded at the 7-day horizon;
		// lena (renewed) and omar (opted out) are not
		data.renew("lena", "Lena Lowe", lena);
		this.reminders.run(Instant.now().plus(Duration.ofDays(4)));
		send();
		assertThat(to(data.email("pia"))).hasSize(2);
		assertThat(part(to(data.email("pia")).get(1), "text/plain")).containsPattern("in [56] days");
		assertThat(to(data.email("lena"))).hasSize(1);
		assertThat(to(data.email("omar"))).hasSize(1);
	}

	private static final String OPT_OUT_PATH = "/notifications/opt-out";

	private JsonNode run(NotificationTestData data) {
		HttpResponse<String> response = data
			.admin(this.http.request("/api/notifications/run").POST(HttpRequest.BodyPublishers.noBody()));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return NotificationTestData.json.readTree(response.body());
	}

	/** Sends what the outbox holds, as the sender's poll does, and waits for delivery. */
	private void send() throws InterruptedException {
		this.delivery.sendDue();
		// GreenMail stores a message once the SMTP transaction ends: the send above
		// returned after that
		Thread.sleep(50);
	}

	private static List<MimeMessage> to(String address) throws MessagingException {
		List<MimeMessage> found = new ArrayList<>();
		for (MimeMessage message : smtp.getReceivedMessages()) {
			if (Arrays.stream(message.getAllRecipients()).anyMatch((a) -> a.toString().equalsIgnoreCase(address))) {
				found.add(message);
			}
		}
		return found;
	}

	/** The path and query of the opt-out link in a message, to follow on this server. */
	static String optOutLink(String text) {
		int at = text.indexOf("https://tracker.example.test" + OPT_OUT_PATH);
		assertThat(at).as("an opt-out link in " + text).isNotNegative();
		int end = text.indexOf('\n', at);
		URI uri = URI.create(text.substring(at, end).strip());
		return uri.getRawPath() + "?" + uri.getRawQuery();
	}

	/** The text of the first part of a MIME type, however deeply nested. */
	static String part(Part part, String type) throws MessagingException, IOException {
		if (part.isMimeType(type)) {
			return (String) part.getContent();
		}
		if (part.isMimeType("multipart/*")) {
			Multipart multipart = (Multipart) part.getContent();
			for (int i = 0; i < multipart.getCount(); i++) {
				BodyPart body = multipart.getBodyPart(i);
				String found = part(body, type);
				if (found != null) {
					return found;
				}
			}
		}
		return null;
	}

}
