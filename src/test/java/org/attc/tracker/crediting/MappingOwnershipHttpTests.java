package org.attc.tracker.crediting;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.attc.tracker.identity.Learners;
import org.attc.tracker.shared.AgentIdentifier;
import org.attc.tracker.shared.LearnerId;
import org.attc.tracker.support.Eventually;
import org.attc.tracker.support.HttpTestClient;
import org.attc.tracker.support.LrsTestClient;
import org.attc.tracker.support.TestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mapping ownership over real HTTP: national mappings belong to administrators, an
 * organisation's mapping to its coordinators and credits its learners only, and a preview
 * counts only the learners the caller may see.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class MappingOwnershipHttpTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	/** The first password identity answered for each account this test made. */
	final Map<String, String> passwords = new HashMap<>();

	@Autowired
	Learners learners;

	HttpTestClient http;

	String suffix;

	String trustA;

	String trustB;

	LearnerId learnerA;

	LearnerId learnerB;

	String activity;

	@BeforeEach
	void twoTrusts() {
		this.http = new HttpTestClient(this.port);
		this.suffix = UUID.randomUUID().toString().substring(0, 8);
		this.trustA = organisation("OA" + this.suffix);
		this.trustB = organisation("OB" + this.suffix);
		this.learnerA = learnerIn("a", this.trustA);
		this.learnerB = learnerIn("b", this.trustB);
		this.activity = "https://lms.test/owned/" + this.suffix;
		LrsTestClient lrs = LrsTestClient.create(this.http);
		lrs.post(completed("a"), completed("b"));
	}

	private String completed(String who) {
		return "{\"actor\":{\"mbox\":\"mailto:" + who + "-" + this.suffix + "@nhs.net\"},"
				+ "\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/completed\",\"display\":{\"en-GB\":\"completed\"}},"
				+ "\"object\":{\"id\":\"" + this.activity + "\"}}";
	}

	private String organisation(String code) {
		HttpResponse<String> response = asAdmin("POST", "/api/organisations",
				"{\"code\":\"" + code + "\",\"name\":\"Org " + code + "\",\"kind\":\"TRUST\"}");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return code;
	}

	private LearnerId learnerIn(String who, String trust) {
		LearnerId id = this.learners
			.resolveActor(AgentIdentifier.mbox("mailto:" + who + "-" + this.suffix + "@nhs.net"), who);
		HttpResponse<String> response = asAdmin("PUT", "/api/learners/" + id + "/organisations",
				"{\"organisations\":[\"" + trust + "\"]}");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return id;
	}

	/**
	 * A coordinator of the trust, made through identity's account API as an administrator
	 * would.
	 */
	private String coordinatorOf(String trust) {
		String username = "mc-" + trust;
		HttpResponse<String> response = asAdmin("POST", "/api/users",
				"{\"username\":\"" + username + "\",\"displayName\":\"" + username + "\",\"email\":\"" + username
						+ "@nhs.net\",\"roles\":[\"COORDINATOR\"],\"organisations\":[\"" + trust + "\"]}");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		this.passwords.put(username, json.readTree(response.body()).get("password").asString());
		return username;
	}

	private HttpResponse<String> asAdmin(String method, String path, String body) {
		return as(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD, method, path, body);
	}

	private HttpResponse<String> asCoordinator(String username, String method, String path, String body) {
		return as(username, this.passwords.get(username), method, path, body);
	}

	private HttpResponse<String> as(String user, String password, String method, String path, String body) {
		return this.http.send(this.http.request(path)
			.header("Authorization", HttpTestClient.basic(user, password))
			.header("Content-Type", "application/json")
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody()));
	}

	private String mapping(String capability) {
		return "{\"activityId\":\"" + this.activity + "\",\"match\":\"exact\",\"capability\":\"" + capability
				+ "\",\"tier\":\"T2\",\"validityMonths\":24}";
	}

	private int evidence(long mapping, LearnerId learner) {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM cred_evidence WHERE mapping_id = ? AND learner_id = ?",
				Integer.class, mapping, learner.value());
	}

	@Test
	void aCoordinatorChangesOnlyTheirOrganisationsMappingsWhichCreditOnlyTheirLearners() {
		String coordinatorA = coordinatorOf(this.trustA);
		String coordinatorB = coordinatorOf(this.trustB);

		HttpResponse<String> created = asCoordinator(coordinatorB, "POST", "/api/mappings", mapping("D2.1"));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		JsonNode mapping = json.readTree(created.body()).get("mapping");
		long id = mapping.get("id").asLong();
		assertThat(mapping.get("organisation").asString()).isEqualTo(this.trustB);

		// trust B's mapping credits trust B's learner only
		Eventually.value(() -> evidence(id, this.learnerB), (n) -> n > 0);
		assertThat(evidence(id, this.learnerA)).isZero();

		// trust A's coordinator can neither change nor delete it
		assertThat(asCoordinator(coordinatorA, "PUT", "/api/mappings/" + id, mapping("D2.2")).statusCode())
			.isEqualTo(403);
		assertThat(asCoordinator(coordinatorA, "DELETE", "/api/mappings/" + id, null).statusCode()).isEqualTo(403);
		assertThat(evidence(id, this.learnerB)).isPositive();
		assertThat(
				this.jdbc.queryForObject("SELECT deleted_at IS NULL FROM cred_mapping WHERE id = ?", Boolean.class, id))
			.isTrue();

		// a national mapping is the administrators'
		HttpResponse<String> national = asAdmin("POST", "/api/mappings", mapping("D2.2"));
		assertThat(national.statusCode()).as(national.body()).isEqualTo(201);
		long nationalId = json.readTree(national.body()).get("mapping").get("id").asLong();
		assertThat(json.readTree(national.body()).get("mapping").get("organisation").isNull()).isTrue();
		assertThat(asCoordinator(coordinatorA, "DELETE", "/api/mappings/" + nationalId, null).statusCode())
			.isEqualTo(403);

		// trust B's coordinator deletes their own
		assertThat(asCoordinator(coordinatorB, "DELETE", "/api/mappings/" + id, null).statusCode()).isEqualTo(202);
		assertThat(asAdmin("DELETE", "/api/mappings/" + nationalId, null).statusCode()).isEqualTo(202);
	}

	@Test
	void aPreviewCountsOnlyTheLearnersTheCallerMaySee() {
		String coordinatorA = coordinatorOf(this.trustA);
		JsonNode mine = json
			.readTree(asCoordinator(coordinatorA, "POST", "/api/mappings/preview", mapping("D2.1")).body());
		assertThat(mine.get("learners").asInt()).isEqualTo(1);
		assertThat(mine.get("statements").asInt()).isEqualTo(1);
		JsonNode all = json.readTree(asAdmin("POST", "/api/mappings/preview", mapping("D2.1")).body());
		assertThat(all.get("learners").asInt()).isEqualTo(2);
	}

}
