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
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import org.attc.tracker.notifications.internal.MailDelivery;
import org.attc.tracker.notifications.internal.Reminders;
import org.attc.tracker.lti.LtiHttp;
import org.attc.tracker.lti.TestPlatform;
import org.attc.tracker.lti.internal.platform.PlatformDetails;
import org.attc.tracker.lti.internal.platform.PlatformRegistration;
import org.attc.tracker.lti.internal.platform.PlatformRegistrations;
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
				"app.notifications.sender=Capability Tracker <tracker@example.test>",
				"app.notifications.max-attempts=1" })
class NotificationsHttpTests {

	static GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

	static final int smtpPort;

	static {
		smtp.start();
		smtpPort = smtp.getSmtp().getPort();
	}

	@DynamicPropertySource
	static void mail(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> smtpPort);
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

	@Autowired
	PlatformRegistrations registrations;

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
			.contains(data.code)
			.contains("Renew it with")
			// the activity by the name people read, with its address to follow
			.contains("* " + data.activityName + " (credits tier")
			.contains("<" + data.activity + ">")
			.containsPattern("in (9|10) days");
		assertThat(html).contains(data.code)
			.contains("href=\"" + data.activity + "\">" + data.activityName + " (credits tier")
			.contains("<html lang=\"en\"");
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

	@Test
	void aCoordinatorsDigestListsOnlyTheirOrganisationsWithLinksToTheFilteredViewsOncePerWeek() throws Exception {
		NotificationTestData data = new NotificationTestData(this.http);
		data.nurseExpiringIn("ann", "Ann Archer", data.siteA1, 20);
		data.nurseExpiringIn("ben", "Ben Boateng", data.trustB, 20);
		NotificationTestData.Account coordinatorA = data.coordinator("coord-a", data.trustA);
		NotificationTestData.Account coordinatorB = data.coordinator("coord-b", data.trustB);

		JsonNode first = run(data);
		assertThat(first.get("digests").asInt()).isGreaterThanOrEqualTo(2);
		send();
		List<MimeMessage> toA = to(data.email("coord-a"));
		assertThat(toA).hasSize(1);
		assertThat(toA.get(0).getSubject()).isEqualTo("Weekly capability digest");
		String a = part(toA.get(0), "text/plain");
		String aHtml = part(toA.get(0), "text/html");
		assertThat(a).contains("Ann Archer: " + data.code + ", expires on")
			.contains(data.siteA1)
			.contains("https://tracker.example.test/coordinator/expiring?organisation=" + data.siteA1 + "&days=60")
			.contains("https://tracker.example.test/coordinator/not-started?organisation=" + data.siteA1)
			.contains("https://tracker.example.test/coordinator/readiness?organisation=" + data.siteA1)
			.doesNotContain("Ben Boateng")
			.doesNotContain(data.trustB);
		assertThat(aHtml).contains("Ann Archer").doesNotContain("Ben Boateng").doesNotContain(data.trustB);
		String b = part(to(data.email("coord-b")).get(0), "text/plain");
		assertThat(b).contains("Ben Boateng").doesNotContain("Ann Archer").doesNotContain(data.siteA1);

		JsonNode second = run(data);
		assertThat(second.get("digests").asInt()).isZero();
		send();
		assertThat(to(data.email("coord-a"))).hasSize(1);

		// the digest's own opt-out, through the coordinator's settings instead
		HttpResponse<String> choices = this.http.send(this.http.request("/api/notifications/preferences")
			.header("Authorization", coordinatorA.basic())
			.GET());
		assertThat(choices.statusCode()).isEqualTo(200);
		assertThat(NotificationTestData.json.readTree(choices.body()).get("digest").asBoolean()).isTrue();
		assertThat(coordinatorB.username()).isNotEqualTo(coordinatorA.username());
	}

	@Test
	void aTamperedOptOutLinkIsRefusedAndChangesNothing() throws Exception {
		NotificationTestData data = new NotificationTestData(this.http);
		data.nurseExpiringIn("tom", "Tom Tran", data.siteA1, 25);
		run(data);
		send();
		String link = optOutLink(part(to(data.email("tom")).get(0), "text/plain"));
		String token = link.substring(link.indexOf("t=") + 2);
		// one character of the signed part changed
		char last = token.charAt(token.length() - 1);
		String tampered = token.substring(0, token.length() - 1) + ((last == 'A') ? 'B' : 'A');
		HttpResponse<String> page = this.http.send(this.http.request(OPT_OUT_PATH + "?t=" + tampered).GET());
		assertThat(page.statusCode()).isEqualTo(400);
		assertThat(page.body()).contains("This link is not valid");
		HttpResponse<String> post = this.http.send(this.http.request(OPT_OUT_PATH)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("t=" + tampered)));
		assertThat(post.statusCode()).isEqualTo(400);
		// the genuine link shows that tom still receives them
		HttpResponse<String> genuine = this.http.send(this.http.request(link).GET());
		assertThat(genuine.statusCode()).isEqualTo(200);
		assertThat(genuine.body()).contains("id=\"stop\"");
	}

	@Test
	void anOrganisationThatTurnsRemindersOffCoversItsSitesAndOnlyItsCoordinatorsMayTurnThem() throws Exception {
		NotificationTestData data = new NotificationTestData(this.http);
		NotificationTestData.Account coordinatorA = data.coordinator("coord-off", data.trustA);
		HttpResponse<String> other = this.http.send(this.http.request("/api/notifications/organisations/" + data.trustB)
			.header("Authorization", coordinatorA.basic())
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString("{\"reminders\":false}")));
		assertThat(other.statusCode()).isEqualTo(404);
		assertThat(other.body()).contains("\"field\":\"organisation\"");
		HttpResponse<String> bad = this.http.send(this.http.request("/api/notifications/organisations/" + data.trustA)
			.header("Authorization", coordinatorA.basic())
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString("{}")));
		assertThat(bad.statusCode()).isEqualTo(400);
		assertThat(bad.body()).contains("\"field\":\"reminders\"");
		HttpResponse<String> off = this.http.send(this.http.request("/api/notifications/organisations/" + data.trustA)
			.header("Authorization", coordinatorA.basic())
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString("{\"reminders\":false}")));
		assertThat(off.statusCode()).as(off.body()).isEqualTo(200);

		data.nurseExpiringIn("sam", "Sam Shah", data.siteA1, 15);
		data.nurseExpiringIn("una", "Una Usman", data.trustB, 15);
		run(data);
		send();
		assertThat(to(data.email("sam"))).isEmpty();
		assertThat(to(data.email("una"))).hasSize(1);
	}

	@Test
	void onlyAdministratorsRunAndSeeDeliveriesAndBadInputNamesTheField() {
		NotificationTestData data = new NotificationTestData(this.http);
		NotificationTestData.Account coordinator = data.coordinator("coord-api", data.trustA);
		HttpResponse<String> anonymous = this.http
			.send(this.http.request("/api/notifications/run").POST(HttpRequest.BodyPublishers.noBody()));
		assertThat(anonymous.statusCode()).isEqualTo(401);
		HttpResponse<String> forbidden = this.http.send(this.http.request("/api/notifications/run")
			.header("Authorization", coordinator.basic())
			.POST(HttpRequest.BodyPublishers.noBody()));
		assertThat(forbidden.statusCode()).isEqualTo(403);
		assertThat(forbidden.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
		assertThat(this.http
			.send(this.http.request("/api/notifications").header("Authorization", coordinator.basic()).GET())
			.statusCode()).isEqualTo(403);

		HttpResponse<String> list = data
			.admin(this.http.request("/api/notifications?status=sent,failed&limit=5").GET());
		assertThat(list.statusCode()).isEqualTo(200);
		assertThat(list.body()).contains("\"counts\"").contains("\"deliveries\"");
		HttpResponse<String> badStatus = data.admin(this.http.request("/api/notifications?status=lost").GET());
		assertThat(badStatus.statusCode()).isEqualTo(400);
		assertThat(badStatus.body()).contains("\"field\":\"status\"");

		HttpResponse<String> badSettings = data.admin(this.http.request("/api/notifications/settings")
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(
					"{\"horizons\":[60,0],\"sendTime\":\"07:00\",\"digestDay\":\"MONDAY\",\"sender\":\"a@b.test\"}")));
		assertThat(badSettings.statusCode()).isEqualTo(400);
		assertThat(badSettings.body()).contains("\"field\":\"horizons\"");
		HttpResponse<String> badTime = data.admin(this.http.request("/api/notifications/settings")
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(
					"{\"horizons\":[60],\"sendTime\":\"25:00\",\"digestDay\":\"MONDAY\",\"sender\":\"a@b.test\"}")));
		assertThat(badTime.statusCode()).isEqualTo(400);
		assertThat(badTime.body()).contains("\"field\":\"sendTime\"");
		HttpResponse<String> settings = data.admin(this.http.request("/api/notifications/settings").GET());
		assertThat(settings.statusCode()).isEqualTo(200);
		assertThat(settings.body()).contains("\"horizons\":[60,30,7]");

		// the administrators' page: settings, organisations, deliveries; not for
		// coordinators
		HttpTestClient adminBrowser = new HttpTestClient(this.port);
		adminBrowser.login(org.attc.tracker.support.TestAccounts.ADMIN,
				org.attc.tracker.support.TestAccounts.ADMIN_PASSWORD);
		HttpResponse<String> page = adminBrowser.get("/admin/notifications");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("id=\"horizons\"").contains(data.trustA).contains("id=\"deliveries\"");
		HttpTestClient coordinatorBrowser = new HttpTestClient(this.port);
		coordinatorBrowser.login(coordinator.username(), coordinator.password());
		assertThat(coordinatorBrowser.get("/admin/notifications").statusCode()).isEqualTo(403);
	}

	@Test
	void aLearnerChoosesOnTheirOwnSettingsPageAndAFailedDeliveryIsRetriedByAnAdministrator() throws Exception {
		NotificationTestData data = new NotificationTestData(this.http);
		long val = data.nurseExpiringIn("val", "Val Vance", data.siteA1, 12);
		NotificationTestData.Account account = data.learnerAccount("val", val);
		HttpResponse<String> mine = this.http
			.send(this.http.request("/api/notifications/preferences").header("Authorization", account.basic()).GET());
		assertThat(mine.body()).isEqualTo("{\"reminders\":true,\"digest\":null}");
		HttpResponse<String> notMine = this.http.send(this.http.request("/api/notifications/preferences")
			.header("Authorization", account.basic())
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString("{\"digest\":false}")));
		assertThat(notMine.statusCode()).isEqualTo(400);
		assertThat(notMine.body()).contains("\"field\":\"digest\"");

		// the SMTP server is down: with one attempt allowed the message fails
		smtp.stop();
		try {
			run(data);
			this.delivery.sendDue();
		}
		finally {
			smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
			smtp.start();
		}
		JsonNode failed = NotificationTestData.json
			.readTree(data.admin(this.http.request("/api/notifications?status=failed&limit=1000").GET()).body());
		long id = -1;
		for (JsonNode d : failed.get("deliveries")) {
			if (d.get("to").asString().equals(data.email("val"))) {
				id = d.get("id").asLong();
				assertThat(d.get("lastError").asString()).isNotBlank();
			}
		}
		assertThat(id).isPositive();
		HttpResponse<String> retry = data
			.admin(this.http.request("/api/notifications/" + id + "/retry").POST(HttpRequest.BodyPublishers.noBody()));
		assertThat(retry.statusCode()).isEqualTo(202);
		send();
		assertThat(to(data.email("val"))).hasSize(1);
		HttpResponse<String> again = data
			.admin(this.http.request("/api/notifications/" + id + "/retry").POST(HttpRequest.BodyPublishers.noBody()));
		assertThat(again.statusCode()).isEqualTo(404);

		// val turns reminders off on the page (a signed-in form with CSRF)
		HttpTestClient browser = new HttpTestClient(this.port);
		browser.login(account.username(), account.password());
		HttpResponse<String> page = browser.send(browser.request("/notifications/preferences").GET());
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("id=\"reminders\"").doesNotContain("id=\"digest\"");
		HttpResponse<String> saved = browser.send(browser.request("/notifications/preferences")
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("_csrf=" + HttpTestClient.csrfToken(page.body()))));
		assertThat(saved.statusCode()).isEqualTo(200);
		assertThat(saved.body()).contains("id=\"saved\"");
		HttpResponse<String> after = this.http
			.send(this.http.request("/api/notifications/preferences").header("Authorization", account.basic()).GET());
		assertThat(after.body()).isEqualTo("{\"reminders\":false,\"digest\":null}");
	}

	@Test
	void theLearnersLaunchPageShowsTheSameDueSoonList() {
		NotificationTestData data = new NotificationTestData(this.http);
		data.nurseExpiringIn("lia", "Lia Lund", data.siteA1, 10);
		try (TestPlatform platform = new TestPlatform()) {
			this.registrations.register(new PlatformDetails("Test Moodle", platform.issuer, platform.clientId,
					List.of(platform.deploymentId), platform.authUrl(), platform.tokenUrl(), platform.jwksUrl()),
					PlatformRegistration.Origin.ADMIN);
			HttpTestClient browser = new HttpTestClient(this.port);
			LtiHttp.Login login = LtiHttp.login(browser, platform, Map.of("login_hint", "lia"));
			// the platform sends the e-mail address the LRS knows her by: the same
			// learner
			String token = platform.signedLaunch(login.nonce(),
					(claims) -> claims.subject("lia-" + data.suffix)
						.claim("name", "Lia Lund")
						.claim("email", data.email("lia"))
						.claim(TestPlatform.LTI + "roles", List.of(TestPlatform.LEARNER))
						.claim(TestPlatform.LTI + "context", Map.of("id", "77", "title", "Induction")));
			HttpResponse<String> page = LtiHttp.launch(browser, token, login.state(), login.cookieHeader());
			assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
			String dueSoon = page.body().substring(page.body().indexOf("id=\"due-soon-list\""));
			assertThat(dueSoon).contains(data.code).contains("expires on").contains("href=\"" + data.activity + "\"");
		}
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
