package org.attc.tracker.progress;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import org.attc.tracker.support.Eventually;
import org.attc.tracker.support.HttpTestClient;
import org.attc.tracker.support.LrsTestClient;
import org.attc.tracker.support.TestAccounts;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two trusts of their own (codes unique per call, so tests do not see each other's
 * learners), built as users build them: organisations, mappings and job roles through the
 * APIs, learning through xAPI statements to the LRS. Only the staff and learner accounts
 * are inserted directly, as there is no account API yet.
 *
 * <ul>
 * <li>trust A with site A1; trust B</li>
 * <li>Alice Ahmed (A1, research nurse RN): passed the D9.1 quiz today</li>
 * <li>Bob Brown (trust A, RN): completed the D1.1 module 710 days ago, valid 24 months,
 * so it expires in about 20 days</li>
 * <li>Dev Desai (A1, data manager DM): every mandatory DM capability; D2.4 about to
 * expire</li>
 * <li>Cara Clarke (trust B, RN): passed the D9.1 quiz</li>
 * </ul>
 */
public final class ProgressTestData {

	static final JsonMapper json = JsonMapper.builder().build();

	public final String suffix = UUID.randomUUID().toString().substring(0, 8);

	public final String trustA = "TA" + this.suffix;

	public final String siteA1 = "SA" + this.suffix;

	public final String trustB = "TB" + this.suffix;

	public final String lms = "https://lms-" + this.suffix + ".test";

	public final String password = "pw-" + this.suffix;

	public long alice;

	public long bob;

	public long cara;

	public long dev;

	public String coordinatorA;

	public String coordinatorB;

	public String aliceAccount;

	private final HttpTestClient http;

	private final JdbcTemplate jdbc;

	private final PasswordEncoder encoder;

	private ProgressTestData(HttpTestClient http, JdbcTemplate jdbc, PasswordEncoder encoder) {
		this.http = http;
		this.jdbc = jdbc;
		this.encoder = encoder;
	}

	public static ProgressTestData create(HttpTestClient http, JdbcTemplate jdbc, PasswordEncoder encoder) {
		ProgressTestData data = new ProgressTestData(http, jdbc, encoder);
		data.build();
		return data;
	}

	public String activity(String capability) {
		return this.lms + "/mod/quiz/view.php?id=" + capability.replace(".", "");
	}

	/**
	 * The British English name the statements give the activity of a capability (they
	 * name it in German first: pages pick en-GB).
	 */
	public String activityName(String capability) {
		return "Northgate quiz on " + capability;
	}

	private void build() {
		organisation(this.trustA, "Northgate Hospitals NHS Trust " + this.suffix, "TRUST", null);
		organisation(this.siteA1, "Northgate General " + this.suffix, "SITE", this.trustA);
		organisation(this.trustB, "Southmoor NHS Trust " + this.suffix, "TRUST", null);
		for (String capability : List.of("D9.1", "D1.1", "D2.1", "D2.4", "D10.1", "D10.2")) {
			String tier = capability.equals("D10.1") ? "T3" : "T2";
			mapping(activity(capability), capability, tier);
		}
		LrsTestClient lrs = LrsTestClient.create(this.http);
		Instant now = Instant.now();
		String longAgo = now.minus(Duration.ofDays(710)).toString();
		lrs.post(passed("alice", "Alice Ahmed", "D9.1", now.toString()), passed("bob", "Bob Brown", "D1.1", longAgo),
				passed("cara", "Cara Clarke", "D9.1", now.toString()),
				passed("dev", "Dev Desai", "D2.1", now.toString()), passed("dev", "Dev Desai", "D2.4", longAgo),
				passed("dev", "Dev Desai", "D9.1", now.toString()), passed("dev", "Dev Desai", "D10.1", now.toString()),
				passed("dev", "Dev Desai", "D10.2", now.toString()));
		this.alice = learner("alice");
		this.bob = learner("bob");
		this.cara = learner("cara");
		this.dev = learner("dev");
		place(this.alice, this.siteA1, "RN");
		place(this.bob, this.trustA, "RN");
		place(this.cara, this.trustB, "RN");
		place(this.dev, this.siteA1, "DM");
		this.coordinatorA = account("coord-a-" + this.suffix, "COORDINATOR", this.trustA, null);
		this.coordinatorB = account("coord-b-" + this.suffix, "COORDINATOR", this.trustB, null);
		this.aliceAccount = account("alice-" + this.suffix, "LEARNER", null, this.alice);
		// crediting runs after the LRS commits: wait until every learner has been
		// credited
		for (long learner : new long[] { this.alice, this.bob, this.cara, this.dev }) {
			eventually(() -> asAdmin(this.http.request("/api/learners/" + learner + "/attainment").GET()),
					(r) -> r.statusCode() == 200
							&& (r.body().contains("\"achieved\"") || r.body().contains("\"expiring\"")));
		}
		eventually(() -> asAdmin(this.http.request("/api/learners/" + this.dev + "/attainment").GET()),
				(r) -> r.body().split("\"(achieved|expiring)\"").length - 1 >= 5);
	}

	/**
	 * One more learner, placed in {@code organisation} with {@code role}, who passed
	 * {@code capability} {@code daysAgo} days ago (the mappings credit for 24 months),
	 * once crediting has recorded it.
	 */
	public long learnerWho(String who, String name, String capability, int daysAgo, String organisation, String role) {
		LrsTestClient.create(this.http)
			.post(passed(who, name, capability, Instant.now().minus(Duration.ofDays(daysAgo)).toString()));
		long learner = learner(who);
		place(learner, organisation, role);
		eventually(() -> asAdmin(this.http.request("/api/learners/" + learner + "/attainment").GET()),
				(r) -> r.statusCode() == 200 && r.body().matches("(?s).*\"(achieved|expiring|expired)\".*"));
		return learner;
	}

	private String passed(String who, String name, String capability, String timestamp) {
		return "{\"actor\":{\"mbox\":\"mailto:" + who + "-" + this.suffix + "@nhs.net\",\"name\":\"" + name
				+ "\"},\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/passed\",\"display\":{\"en-GB\":\"passed\"}},"
				+ "\"object\":{\"objectType\":\"Activity\",\"id\":\"" + activity(capability) + "\","
				+ "\"definition\":{\"name\":{\"de\":\"Quiz " + capability + "\",\"en-GB\":\"" + activityName(capability)
				+ "\"}}},"
				+ "\"result\":{\"success\":true,\"completion\":true,\"score\":{\"scaled\":0.85}},\"timestamp\":\""
				+ timestamp + "\"}";
	}

	public HttpResponse<String> asAdmin(HttpRequest.Builder request) {
		return this.http.send(
				request.header("Authorization", HttpTestClient.basic(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD)));
	}

	public HttpResponse<String> as(String user, HttpRequest.Builder request) {
		return this.http.send(request.header("Authorization", HttpTestClient.basic(user, this.password)));
	}

	private void organisation(String code, String name, String kind, String parent) {
		String payload = "{\"code\":\"" + code + "\",\"name\":\"" + name + "\",\"kind\":\"" + kind + "\""
				+ ((parent != null) ? ",\"parentCode\":\"" + parent + "\"" : "") + "}";
		HttpResponse<String> response = asAdmin(this.http.request("/api/organisations")
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(payload)));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
	}

	private void mapping(String activityId, String capability, String tier) {
		String payload = "{\"activityId\":\"" + activityId + "\",\"match\":\"exact\",\"capability\":\"" + capability
				+ "\",\"tier\":\"" + tier + "\",\"validityMonths\":24}";
		HttpResponse<String> response = asAdmin(this.http.request("/api/mappings")
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(payload)));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
	}

	private long learner(String who) {
		String identifier = URLEncoder.encode("mailto:" + who + "-" + this.suffix + "@nhs.net", StandardCharsets.UTF_8);
		JsonNode learner = eventually(() -> asAdmin(this.http.request("/api/learners?identifier=" + identifier).GET()),
				(r) -> r.statusCode() == 200);
		return learner.get("id").asLong();
	}

	private void place(long learner, String organisation, String role) {
		HttpResponse<String> orgs = asAdmin(this.http.request("/api/learners/" + learner + "/organisations")
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString("{\"organisations\":[\"" + organisation + "\"]}")));
		assertThat(orgs.statusCode()).as(orgs.body()).isEqualTo(200);
		HttpResponse<String> roles = asAdmin(this.http.request("/api/learners/" + learner + "/job-roles")
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString("{\"jobRoles\":[\"" + role + "\"]}")));
		assertThat(roles.statusCode()).as(roles.body()).isEqualTo(200);
	}

	/** A staff account with one role, scoped to one organisation (or none). */
	public String staff(String role, String organisation) {
		return account(role.toLowerCase(java.util.Locale.ROOT) + "-" + this.suffix, role, organisation, null);
	}

	private String account(String username, String role, String organisation, Long learner) {
		this.jdbc.update(
				"INSERT INTO id_user_account (username, password_hash, display_name, enabled, created_at, learner_id) "
						+ "VALUES (?, ?, ?, TRUE, NOW(6), ?)",
				username, this.encoder.encode(this.password), username, learner);
		Long id = this.jdbc.queryForObject("SELECT id FROM id_user_account WHERE username = ?", Long.class, username);
		this.jdbc.update("INSERT INTO id_user_account_role (account_id, role) VALUES (?, ?)", id, role);
		if (organisation != null) {
			this.jdbc.update(
					"INSERT INTO id_user_account_organisation (account_id, organisation_id) SELECT ?, id FROM id_organisation WHERE code = ?",
					id, organisation);
		}
		return username;
	}

	/**
	 * Crediting runs after the LRS commits, on another thread: wait for it, boundedly.
	 */
	public static JsonNode eventually(java.util.function.Supplier<HttpResponse<String>> call,
			Predicate<HttpResponse<String>> done) {
		return Eventually.answer(call, done);
	}

}
