package org.attc.tracker.notifications;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.UUID;

import org.attc.tracker.support.Eventually;
import org.attc.tracker.support.HttpTestClient;
import org.attc.tracker.support.LrsTestClient;
import org.attc.tracker.support.TestAccounts;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two trusts of their own (codes unique per call), built through the service's APIs as
 * users build them: organisations, a mapping that credits a capability required of a
 * research nurse (RN) for 24 months, learners placed and given the job role, statements
 * to the LRS, coordinator accounts with e-mail addresses. The capability is one the RN
 * role profile requires at the time (D1.1 in the sample as shipped).
 */
final class NotificationTestData {

	static final JsonMapper json = JsonMapper.builder().build();

	final String suffix = UUID.randomUUID().toString().substring(0, 8);

	final String trustA = "NA" + this.suffix;

	final String siteA1 = "NS" + this.suffix;

	final String trustB = "NB" + this.suffix;

	/** The activity that credits the capability at the tier required, for 24 months. */
	final String activity = "https://lms-" + this.suffix + ".test/mod/quiz/view.php?id=11";

	/** Its name, as the statements' activity definition gives it. */
	final String activityName = "Infection control quiz " + this.suffix;

	/**
	 * A capability the research nurse role (RN) requires now (other tests may have edited
	 * the sample framework's RN profile): its identifier, code and the tier code
	 * required.
	 */
	final String capability;

	final String code;

	final String tier;

	private final HttpTestClient http;

	private final LrsTestClient lrs;

	NotificationTestData(HttpTestClient http) {
		this.http = http;
		this.lrs = LrsTestClient.create(http);
		organisation(this.trustA, "Northgate Hospitals " + this.suffix, "TRUST", null);
		organisation(this.siteA1, "Northgate General " + this.suffix, "SITE", this.trustA);
		organisation(this.trustB, "Southmoor Trust " + this.suffix, "TRUST", null);
		JsonNode requirement = null;
		for (JsonNode framework : json.readTree(admin(this.http.request("/api/frameworks").GET()).body())) {
			JsonNode full = json
				.readTree(admin(this.http.request("/api/frameworks/" + framework.get("id").asLong()).GET()).body());
			for (JsonNode profile : full.path("roleProfiles")) {
				if (requirement == null && "RN".equals(profile.path("code").asString(null))
						&& !profile.path("requirements").isEmpty()) {
					requirement = profile.path("requirements").get(0);
				}
			}
		}
		assertThat(requirement).as("a framework with a research nurse (RN) role profile").isNotNull();
		this.capability = requirement.get("capability").asString();
		this.code = requirement.get("code").asString();
		this.tier = requirement.get("tier").asString();
		HttpResponse<String> mapping = admin(this.http.request("/api/mappings")
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers
				.ofString("{\"activityId\":\"" + this.activity + "\",\"match\":\"exact\",\"capability\":\""
						+ this.capability + "\",\"tier\":\"" + this.tier + "\",\"validityMonths\":24}")));
		assertThat(mapping.statusCode()).as(mapping.body()).isEqualTo(201);
	}

	String email(String who) {
		return who + "-" + this.suffix + "@nhs.net";
	}

	/**
	 * A research nurse at an organisation whose required capability runs out in
	 * {@code days} days: passed the quiz 24 months before that.
	 */
	long nurseExpiringIn(String who, String name, String organisation, int days) {
		pass(who, name, ZonedDateTime.now(ZoneOffset.UTC).plusDays(days).minusMonths(24));
		long id = learner(who);
		put("/api/learners/" + id + "/organisations", "{\"organisations\":[\"" + organisation + "\"]}");
		put("/api/learners/" + id + "/job-roles", "{\"jobRoles\":[\"RN\"]}");
		awaitExpiry(id, days);
		return id;
	}

	/** The learner passes the quiz again now: the capability renewed for 24 months. */
	void renew(String who, String name, long id) {
		pass(who, name, ZonedDateTime.now(ZoneOffset.UTC));
		Eventually.answer(() -> admin(this.http.request("/api/learners/" + id + "/attainment").GET()),
				(r) -> r.statusCode() == 200 && expiresAfterDays(r.body(), 365));
	}

	/** A coordinator account with an e-mail address, through the accounts API. */
	Account coordinator(String who, String organisation) {
		String username = who + "-" + this.suffix;
		HttpResponse<String> created = admin(this.http.request("/api/users")
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + username + "\",\"displayName\":\"" + who
					+ " " + this.suffix + "\",\"email\":\"" + email(who) + "\",\"roles\":[\"COORDINATOR\"],"
					+ "\"organisations\":[\"" + organisation + "\"]}")));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		return new Account(username, json.readTree(created.body()).get("password").asString());
	}

	/** A learner's own account, through the accounts API. */
	Account learnerAccount(String who, long learner) {
		String username = who + "-acct-" + this.suffix;
		HttpResponse<String> created = admin(this.http.request("/api/users")
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + username + "\",\"displayName\":\"" + who
					+ "\",\"email\":\"" + email(who) + "\",\"roles\":[\"LEARNER\"],\"learnerId\":" + learner + "}")));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		return new Account(username, json.readTree(created.body()).get("password").asString());
	}

	record Account(String username, String password) {

		String basic() {
			return HttpTestClient.basic(this.username, this.password);
		}

	}

	HttpResponse<String> admin(HttpRequest.Builder request) {
		return this.http.send(
				request.header("Authorization", HttpTestClient.basic(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD)));
	}

	private void pass(String who, String name, ZonedDateTime when) {
		this.lrs.post("{\"actor\":{\"mbox\":\"mailto:" + email(who) + "\",\"name\":\"" + name + "\"},"
				+ "\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/passed\",\"display\":{\"en-GB\":\"passed\"}},"
				+ "\"object\":{\"objectType\":\"Activity\",\"id\":\"" + this.activity
				+ "\",\"definition\":{\"name\":{\"en-GB\":\"" + this.activityName + "\"}}},"
				+ "\"result\":{\"success\":true,\"completion\":true,\"score\":{\"scaled\":0.9}},\"timestamp\":\""
				+ when.toInstant() + "\"}");
	}

	private long learner(String who) {
		String identifier = URLEncoder.encode("mailto:" + email(who), StandardCharsets.UTF_8);
		return Eventually
			.answer(() -> admin(this.http.request("/api/learners?identifier=" + identifier).GET()),
					(r) -> r.statusCode() == 200)
			.get("id")
			.asLong();
	}

	private void awaitExpiry(long id, int days) {
		Eventually.answer(() -> admin(this.http.request("/api/learners/" + id + "/attainment").GET()),
				(r) -> r.statusCode() == 200 && expiresAfterDays(r.body(), days - 1)
						&& !expiresAfterDays(r.body(), days + 1));
	}

	/**
	 * Whether the answer holds the capability with an expiry more than {@code days}
	 * ahead.
	 */
	private boolean expiresAfterDays(String body, int days) {
		for (JsonNode a : attainments(json.readTree(body))) {
			if (this.capability.equals(a.path("capability").path("identifier").asString(null))
					&& a.hasNonNull("expiresAt")) {
				java.time.Instant expires = java.time.Instant.parse(a.get("expiresAt").asString());
				return expires.isAfter(java.time.Instant.now().plus(java.time.Duration.ofDays(days)));
			}
		}
		return false;
	}

	private static JsonNode attainments(JsonNode answer) {
		return answer.path("capabilities");
	}

	private void organisation(String code, String name, String kind, String parent) {
		HttpResponse<String> response = admin(this.http.request("/api/organisations")
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"" + code + "\",\"name\":\"" + name + "\",\"kind\":\""
					+ kind + "\"" + ((parent != null) ? ",\"parentCode\":\"" + parent + "\"" : "") + "}")));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
	}

	private void put(String path, String body) {
		HttpResponse<String> response = admin(this.http.request(path)
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(body)));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
	}

}
