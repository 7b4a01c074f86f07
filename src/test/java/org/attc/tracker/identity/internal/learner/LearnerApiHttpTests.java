package org.attc.tracker.identity.internal.learner;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.attc.tracker.identity.Learners;
import org.attc.tracker.identity.LtiUser;
import org.attc.tracker.shared.AgentIdentifier;
import org.attc.tracker.shared.LearnerId;
import org.attc.tracker.support.HttpTestClient;
import org.attc.tracker.support.TestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The learner API over real HTTP: lookup by any identifier, scoping, merge and split. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class LearnerApiHttpTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	Learners learners;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	PasswordEncoder passwordEncoder;

	HttpTestClient http;

	String suffix;

	@BeforeEach
	void setUp() {
		this.http = new HttpTestClient(this.port);
		this.suffix = UUID.randomUUID().toString().substring(0, 8);
	}

	private HttpResponse<String> asAdmin(HttpRequest.Builder request) {
		return this.http.send(
				request.header("Authorization", HttpTestClient.basic(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD)));
	}

	private HttpResponse<String> as(String user, String password, HttpRequest.Builder request) {
		return this.http.send(request.header("Authorization", HttpTestClient.basic(user, password)));
	}

	private static HttpRequest.BodyPublisher body(String text) {
		return HttpRequest.BodyPublishers.ofString(text);
	}

	private String createOrganisation(String code, String kind, String parent) {
		String payload = "{\"code\":\"" + code + "\",\"name\":\"Org " + code + "\",\"kind\":\"" + kind + "\""
				+ ((parent != null) ? ",\"parentCode\":\"" + parent + "\"" : "") + "}";
		HttpResponse<String> response = asAdmin(
				this.http.request("/api/organisations").header("Content-Type", "application/json").POST(body(payload)));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return code;
	}

	private String coordinatorOf(String organisationCode) {
		String username = "coord-" + this.suffix;
		this.jdbc.update(
				"INSERT INTO id_user_account (username, password_hash, display_name, enabled, created_at) VALUES (?, ?, ?, TRUE, NOW(6))",
				username, this.passwordEncoder.encode("pw-" + this.suffix), username);
		Long id = this.jdbc.queryForObject("SELECT id FROM id_user_account WHERE username = ?", Long.class, username);
		this.jdbc.update("INSERT INTO id_user_account_role (account_id, role) VALUES (?, 'COORDINATOR')", id);
		this.jdbc.update(
				"INSERT INTO id_user_account_organisation (account_id, organisation_id) SELECT ?, id FROM id_organisation WHERE code = ?",
				id, organisationCode);
		return username;
	}

	private void assignOrganisation(LearnerId learner, String code) {
		HttpResponse<String> response = asAdmin(this.http.request("/api/learners/" + learner + "/organisations")
			.header("Content-Type", "application/json")
			.PUT(body("{\"organisations\":[\"" + code + "\"]}")));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
	}

	private static String q(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	@Test
	void findsALearnerByAJsonActorOrByAnIri() {
		String mbox = "mailto:find-" + this.suffix + "@nhs.net";
		LearnerId id = this.learners.resolveActor(AgentIdentifier.mbox(mbox), "Finder");
		for (String identifier : new String[] { "{\"mbox\":\"" + mbox + "\"}", mbox, AgentIdentifier.sha1Of(mbox) }) {
			HttpResponse<String> response = asAdmin(
					this.http.request("/api/learners?identifier=" + q(identifier)).GET());
			assertThat(response.statusCode()).as(identifier).isEqualTo(200);
			JsonNode learner = json.readTree(response.body());
			assertThat(learner.get("id").asLong()).isEqualTo(id.value());
			assertThat(learner.get("identifiers").findValuesAsString("linkRule")).contains("first_sight", "email_hash");
		}
	}

	@Test
	void anUnknownIdentifierIs404AndAMalformedOneIs400NamingTheParameter() {
		HttpResponse<String> unknown = asAdmin(
				this.http.request("/api/learners?identifier=" + q("mailto:nobody-" + this.suffix + "@nhs.net")).GET());
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/problem+json");

		HttpResponse<String> malformed = asAdmin(
				this.http.request("/api/learners?identifier=" + q("{\"mbox\":\"a@b\",\"openid\":\"x\"}")).GET());
		assertThat(malformed.statusCode()).isEqualTo(400);
		assertThat(json.readTree(malformed.body()).get("field").asString()).isEqualTo("identifier");
	}

	@Test
	void aCoordinatorSeesOnlyLearnersOfTheirTrustAndItsSites() {
		String trust = createOrganisation("T" + this.suffix, "TRUST", null);
		String site = createOrganisation("S" + this.suffix, "SITE", trust);
		String otherTrust = createOrganisation("O" + this.suffix, "TRUST", null);
		LearnerId atSite = this.learners.resolveActor(AgentIdentifier.mbox("mailto:site-" + this.suffix + "@nhs.net"),
				null);
		LearnerId elsewhere = this.learners
			.resolveActor(AgentIdentifier.mbox("mailto:else-" + this.suffix + "@nhs.net"), null);
		assignOrganisation(atSite, site);
		assignOrganisation(elsewhere, otherTrust);
		String coordinator = coordinatorOf(trust);
		String password = "pw-" + this.suffix;

		assertThat(as(coordinator, password, this.http.request("/api/learners/" + atSite).GET()).statusCode())
			.isEqualTo(200);
		HttpResponse<String> hidden = as(coordinator, password, this.http.request("/api/learners/" + elsewhere).GET());
		assertThat(hidden.statusCode()).isEqualTo(404);
		JsonNode list = json.readTree(as(coordinator, password, this.http.request("/api/learners").GET()).body());
		assertThat(list.get("total").asInt()).isEqualTo(1);
		assertThat(list.get("next").isNull()).isTrue();
		java.util.List<Long> ids = new java.util.ArrayList<>();
		list.get("items").forEach((learner) -> ids.add(learner.get("id").asLong()));
		assertThat(ids).containsExactly(atSite.value());
	}

	@Test
	void aLearnerAccountCannotUseTheLearnerApi() {
		String username = "learner-" + this.suffix;
		this.jdbc.update(
				"INSERT INTO id_user_account (username, password_hash, display_name, enabled, created_at) VALUES (?, ?, ?, TRUE, NOW(6))",
				username, this.passwordEncoder.encode("pw"), username);
		this.jdbc.update(
				"INSERT INTO id_user_account_role (account_id, role) SELECT id, 'LEARNER' FROM id_user_account WHERE username = ?",
				username);
		HttpResponse<String> response = as(username, "pw", this.http.request("/api/learners").GET());
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((t) -> assertThat(t).startsWith("application/problem+json"));
	}

	@Test
	void mergingTwoRecordsOfOnePersonIsAuditedAndASplitReversesIt() {
		String issuer = "https://moodle-" + this.suffix + ".nhs.uk";
		LearnerId moodle = this.learners.resolveLtiUser(new LtiUser(issuer, "15", null, "Dana"));
		LearnerId cmi5 = this.learners.resolveActor(AgentIdentifier.mbox("mailto:dana-" + this.suffix + "@nhs.net"),
				"Dana");

		HttpResponse<String> merged = asAdmin(this.http.request("/api/learners/" + moodle + "/merge")
			.header("Content-Type", "application/json")
			.POST(body("{\"learnerId\":" + cmi5 + ",\"reason\":\"same nurse, two systems\"}")));
		assertThat(merged.statusCode()).as(merged.body()).isEqualTo(200);
		JsonNode survivor = json.readTree(merged.body());
		assertThat(survivor.get("identifiers").findValuesAsString("kind")).containsExactlyInAnyOrder("lti", "mbox",
				"mbox_sha1sum");
		JsonNode merge = survivor.get("merges").get(0);
		assertThat(merge.get("mergedBy").asString()).isEqualTo(TestAccounts.ADMIN);
		assertThat(merge.get("reason").asString()).isEqualTo("same nurse, two systems");
		assertThat(this.learners.find(AgentIdentifier.mbox("mailto:dana-" + this.suffix + "@nhs.net")))
			.contains(moodle);
		assertThat(this.learners.current(cmi5)).isEqualTo(moodle);

		HttpResponse<String> split = asAdmin(this.http.request("/api/learners/" + moodle + "/split")
			.header("Content-Type", "application/json")
			.POST(body("{\"mergeId\":" + merge.get("id").asLong() + "}")));
		assertThat(split.statusCode()).as(split.body()).isEqualTo(200);
		assertThat(json.readTree(split.body()).get("identifiers").findValuesAsString("kind")).doesNotContain("mbox");
		assertThat(this.learners.find(AgentIdentifier.mbox("mailto:dana-" + this.suffix + "@nhs.net"))).contains(cmi5);
		assertThat(this.learners.current(cmi5)).isEqualTo(cmi5);

		HttpResponse<String> again = asAdmin(this.http.request("/api/learners/" + moodle + "/split")
			.header("Content-Type", "application/json")
			.POST(body("{\"mergeId\":" + merge.get("id").asLong() + "}")));
		assertThat(again.statusCode()).isEqualTo(409);
	}

	@Test
	void mergingALearnerWithItselfIsRefused() {
		LearnerId id = this.learners.resolveActor(AgentIdentifier.mbox("mailto:self-" + this.suffix + "@nhs.net"),
				null);
		HttpResponse<String> response = asAdmin(this.http.request("/api/learners/" + id + "/merge")
			.header("Content-Type", "application/json")
			.POST(body("{\"learnerId\":" + id + "}")));
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(json.readTree(response.body()).get("field").asString()).isEqualTo("learnerId");
	}

	@Test
	void aCsvUploadCreatesLearnersWithOrganisationsAndJobRoles() {
		String trust = createOrganisation("U" + this.suffix, "TRUST", null);
		String csv = "identifier,name,email,organisations,jobRoles\r\n" + "mailto:csv-a-" + this.suffix
				+ "@nhs.net,\"Okafor, Tom\",," + trust + ",CTP;RN\r\n" + "lti:https://moodle.trust.nhs.uk|"
				+ this.suffix + ",Grace,grace-" + this.suffix + "@nhs.net," + trust + ",WN\r\n";
		HttpResponse<String> response = asAdmin(
				this.http.request("/api/learners/import").header("Content-Type", "text/csv").POST(body(csv)));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(json.readTree(response.body()).get("rows").asInt()).isEqualTo(2);

		LearnerId tom = this.learners.find(AgentIdentifier.mbox("mailto:csv-a-" + this.suffix + "@nhs.net"))
			.orElseThrow();
		assertThat(this.learners.profile(tom)).hasValueSatisfying((p) -> {
			assertThat(p.name()).isEqualTo("Okafor, Tom");
			assertThat(p.organisationCodes()).containsExactly(trust);
			assertThat(p.jobRoles()).containsExactlyInAnyOrder("CTP", "RN");
		});
		// the e-mail of the LTI row is linked too, for later statements
		assertThat(this.learners.find(AgentIdentifier.mbox("mailto:grace-" + this.suffix + "@nhs.net"))).isPresent();
	}

	@Test
	void aCsvUploadWithAnyProblemSavesNothingAndNamesEachLine() {
		String csv = "identifier,name,email,organisations,jobRoles\n" + "mailto:good-" + this.suffix
				+ "@nhs.net,Good,,,CTP\n" + "not-an-identifier,Bad,,,RN\n" + "mailto:other-" + this.suffix
				+ "@nhs.net,Other,,NO-SUCH-ORG,RN\n";
		HttpResponse<String> response = asAdmin(
				this.http.request("/api/learners/import").header("Content-Type", "text/csv").POST(body(csv)));
		assertThat(response.statusCode()).isEqualTo(400);
		JsonNode errors = json.readTree(response.body()).get("errors");
		assertThat(errors.findValues("line")).extracting(JsonNode::asInt).containsExactly(3, 4);
		assertThat(errors.findValuesAsString("field")).containsExactly("identifier", "organisations");
		assertThat(this.learners.find(AgentIdentifier.mbox("mailto:good-" + this.suffix + "@nhs.net"))).isEmpty();
	}

	@Test
	void aCoordinatorCannotTakeAnotherTrustsLearnerByCsvImportAndLearnsNothingAboutThem() {
		String mine = createOrganisation("A" + this.suffix, "TRUST", null);
		String theirs = createOrganisation("B" + this.suffix, "TRUST", null);
		String email = "taken-" + this.suffix + "@nhs.net";
		LearnerId theirLearner = this.learners.resolveActor(AgentIdentifier.mbox("mailto:" + email), "Bea Other");
		assignOrganisation(theirLearner, theirs);
		String coordinator = coordinatorOf(mine);
		String password = "pw-" + this.suffix;
		String header = "identifier,name,email,organisations,jobRoles\n";

		for (String row : new String[] { "mailto:" + email + ",Bea,," + mine + ",RN\n",
				// the same learner reached through the e-mail column of an LTI row
				"lti:https://moodle-" + this.suffix + ".nhs.uk|77,Bea," + email + "," + mine + ",RN\n" }) {
			HttpResponse<String> response = as(coordinator, password,
					this.http.request("/api/learners/import")
						.header("Content-Type", "text/csv")
						.POST(body(header + row)));
			assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
			JsonNode errors = json.readTree(response.body()).get("errors");
			assertThat(errors.findValuesAsString("field")).containsExactly("identifier");
			assertThat(response.body()).doesNotContain(theirs)
				.doesNotContain("Bea Other")
				.doesNotContain("\"learners\"")
				.doesNotContain(String.valueOf(theirLearner.value()));
		}
		assertThat(this.learners.profile(theirLearner))
			.hasValueSatisfying((p) -> assertThat(p.organisationCodes()).containsExactly(theirs));
		// nothing of the refused file was kept: the LTI identifier is not linked
		assertThat(this.learners.agentIdentifiers(theirLearner)).noneMatch((i) -> i.value().contains("moodle-"));
		assertThat(as(coordinator, password, this.http.request("/api/learners/" + theirLearner).GET()).statusCode())
			.isEqualTo(404);

		// the answer for someone else's learner is the one for a learner the caller
		// cannot change at all: a learner known to the tracker but in no organisation
		String unplaced = "unplaced-" + this.suffix + "@nhs.net";
		this.learners.resolveActor(AgentIdentifier.mbox("mailto:" + unplaced), null);
		HttpResponse<String> other = as(coordinator, password,
				this.http.request("/api/learners/import")
					.header("Content-Type", "text/csv")
					.POST(body(header + "mailto:" + unplaced + ",Bea,," + mine + ",RN\n")));
		HttpResponse<String> foreign = as(coordinator, password,
				this.http.request("/api/learners/import")
					.header("Content-Type", "text/csv")
					.POST(body(header + "mailto:" + email + ",Bea,," + mine + ",RN\n")));
		assertThat(other.statusCode()).isEqualTo(foreign.statusCode());
		assertThat(json.readTree(other.body()).get("errors")).isEqualTo(json.readTree(foreign.body()).get("errors"));

		// a learner new to the tracker is created in the coordinator's trust
		HttpResponse<String> fresh = as(coordinator, password,
				this.http.request("/api/learners/import")
					.header("Content-Type", "text/csv")
					.POST(body(header + "mailto:fresh-" + this.suffix + "@nhs.net,Fay,," + mine + ",RN\n")));
		assertThat(fresh.statusCode()).as(fresh.body()).isEqualTo(200);
		LearnerId created = this.learners.find(AgentIdentifier.mbox("mailto:fresh-" + this.suffix + "@nhs.net"))
			.orElseThrow();
		assertThat(this.learners.profile(created))
			.hasValueSatisfying((p) -> assertThat(p.organisationCodes()).containsExactly(mine));
	}

	@Test
	void aCoordinatorListsOnlyTheOrganisationsOfTheirScope() {
		String trust = createOrganisation("L" + this.suffix, "TRUST", null);
		String site = createOrganisation("M" + this.suffix, "SITE", trust);
		String other = createOrganisation("N" + this.suffix, "TRUST", null);
		String coordinator = coordinatorOf(trust);
		JsonNode list = json
			.readTree(as(coordinator, "pw-" + this.suffix, this.http.request("/api/organisations").GET()).body());
		assertThat(list.findValuesAsString("code")).containsExactlyInAnyOrder(trust, site);
		JsonNode all = json.readTree(asAdmin(this.http.request("/api/organisations").GET()).body());
		assertThat(all.findValuesAsString("code")).contains(trust, site, other);
	}

}
