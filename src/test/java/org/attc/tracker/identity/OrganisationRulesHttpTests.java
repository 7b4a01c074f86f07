package org.attc.tracker.identity;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.attc.tracker.lti.LtiHttp;
import org.attc.tracker.lti.TestPlatform;
import org.attc.tracker.lti.internal.platform.PlatformDetails;
import org.attc.tracker.lti.internal.platform.PlatformRegistration;
import org.attc.tracker.lti.internal.platform.PlatformRegistrations;
import org.attc.tracker.support.HttpTestClient;
import org.attc.tracker.support.TestAccounts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Learners who arrive from an LMS land in the right cohort (issue #16): every source of
 * an organisation or job role (platform and deployment defaults, launch custom
 * parameters, course rules, a coordinator's choice), their precedence, the recompute when
 * a rule changes, and "No organisation" in the national views, all through real HTTP: LTI
 * launches signed by a fake platform, the API and the progress views.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class OrganisationRulesHttpTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	PlatformRegistrations registrations;

	TestPlatform platform;

	HttpTestClient http;

	String suffix;

	@BeforeEach
	void registerPlatform() {
		this.platform = new TestPlatform();
		this.registrations.register(new PlatformDetails("Trust Moodle", this.platform.issuer, this.platform.clientId,
				List.of(this.platform.deploymentId, "deployment-2"), this.platform.authUrl(), this.platform.tokenUrl(),
				this.platform.jwksUrl()), PlatformRegistration.Origin.ADMIN);
		this.http = new HttpTestClient(this.port);
		this.suffix = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
	}

	@AfterEach
	void stopPlatform() {
		this.platform.close();
	}

	@Test
	void aLearnerFirstSeenThroughAPlatformWithADefaultIsInThatOrganisationsViews() {
		String trust = organisation("RTH", "Oxford Hospitals " + this.suffix);
		JsonNode set = rule(Map.of("platformIssuer", this.platform.issuer, "organisation", trust));
		assertThat(set.get("rule").get("organisation").asString()).isEqualTo(trust);

		long learner = launch(new HttpTestClient(this.port), "s1", TestPlatform.LEARNER, "4", Map.of(), null);

		assertThat(organisationsOf(learner)).containsExactly(trust);
		JsonNode source = admin("GET", "/api/learners/" + learner, null).get("organisationSources").get(0);
		assertThat(source.get("source").asString()).isEqualTo("platform");
		assertThat(source.get("detail").asString()).contains(this.platform.issuer);
		assertThat(learnerIds(admin("GET", "/api/progress/matrix?organisation=" + trust, null))).contains(learner);
		assertThat(learnerIds(admin("GET", "/api/learners?q=" + learner, null))).contains(learner);
		HttpResponse<String> export = adminResponse("GET",
				"/api/progress/matrix/export?format=csv&organisation=" + trust, null);
		assertThat(export.statusCode()).isEqualTo(200);
		assertThat(export.body()).contains(Long.toString(learner)).contains(trust);
	}

	@Test
	void aDeploymentsDefaultOverridesItsPlatformsDefault() {
		String platformTrust = organisation("RTH", "Platform trust " + this.suffix);
		String deploymentTrust = organisation("RJ1", "Deployment trust " + this.suffix);
		rule(Map.of("platformIssuer", this.platform.issuer, "organisation", platformTrust));
		rule(Map.of("platformIssuer", this.platform.issuer, "deploymentId", "deployment-2", "organisation",
				deploymentTrust));

		long first = launch(new HttpTestClient(this.port), "d1", TestPlatform.LEARNER, "4", Map.of(), null);
		long second = launch(new HttpTestClient(this.port), "d2", TestPlatform.LEARNER, "4", Map.of(), "deployment-2");

		assertThat(organisationsOf(first)).containsExactly(platformTrust);
		assertThat(organisationsOf(second)).containsExactly(deploymentTrust);
		assertThat(admin("GET", "/api/learners/" + second, null).get("organisationSources")
			.get(0)
			.get("source")
			.asString()).isEqualTo("deployment");
	}

	@Test
	void theLaunchsCustomParametersPlaceTheLearnerAboveTheDefaults() {
		String platformTrust = organisation("RTH", "Platform trust " + this.suffix);
		String claimed = organisation("RRK", "Birmingham Trust " + this.suffix);
		rule(Map.of("platformIssuer", this.platform.issuer, "organisation", platformTrust));

		// by name, as a platform's substitution variable would send it
		long byName = launch(new HttpTestClient(this.port), "c1", TestPlatform.LEARNER, "4",
				Map.of("organisation", "birmingham trust " + this.suffix.toLowerCase(), "job_role", "CTP, RN"), null);
		assertThat(organisationsOf(byName)).containsExactly(claimed);
		JsonNode view = admin("GET", "/api/learners/" + byName, null);
		assertThat(view.get("organisationSources").get(0).get("source").asString()).isEqualTo("launch");
		assertThat(roles(view)).containsExactlyInAnyOrder("CTP", "RN");
		assertThat(view.get("jobRoleSources").get(0).get("source").asString()).isEqualTo("launch");

		// the earlier parameter names still work
		long byCode = launch(new HttpTestClient(this.port), "c2", TestPlatform.LEARNER, "4",
				Map.of("organisation_code", claimed, "job_roles", "QA"), null);
		assertThat(organisationsOf(byCode)).containsExactly(claimed);
		assertThat(roles(admin("GET", "/api/learners/" + byCode, null))).containsExactly("QA");

		// an unknown organisation, or a substitution variable the platform did not fill,
		// leaves the learner to the defaults
		long unknown = launch(new HttpTestClient(this.port), "c3", TestPlatform.LEARNER, "4",
				Map.of("organisation", "NO-SUCH-" + this.suffix), null);
		long unfilled = launch(new HttpTestClient(this.port), "c4", TestPlatform.LEARNER, "4",
				Map.of("organisation", "$Person.address.locality"), null);
		assertThat(organisationsOf(unknown)).containsExactly(platformTrust);
		assertThat(organisationsOf(unfilled)).containsExactly(platformTrust);
	}

	@Test
	void aCourseRuleWinsOverTheLaunchAndTheDefaultsButDoesNotPlaceTheCoursesTeachers() {
		String platformTrust = organisation("RTH", "Platform trust " + this.suffix);
		String claimed = organisation("RRK", "Claimed trust " + this.suffix);
		String hub = organisation("CTP", "CTP induction hub " + this.suffix);
		rule(Map.of("platformIssuer", this.platform.issuer, "organisation", platformTrust));
		rule(Map.of("platformIssuer", this.platform.issuer, "contextId", "7", "organisation", hub, "jobRoles",
				List.of("RN")));

		HttpTestClient teacherBrowser = new HttpTestClient(this.port);
		long teacher = launch(teacherBrowser, "t1", TestPlatform.INSTRUCTOR, "7", Map.of(), null);
		long learner = launch(new HttpTestClient(this.port), "l1", TestPlatform.LEARNER, "7",
				Map.of("organisation", claimed, "job_role", "QA"), null);

		assertThat(organisationsOf(learner)).containsExactly(hub);
		JsonNode view = admin("GET", "/api/learners/" + learner, null);
		assertThat(view.get("organisationSources").get(0).get("source").asString()).isEqualTo("course");
		assertThat(roles(view)).containsExactly("RN");
		assertThat(organisationsOf(teacher)).containsExactly(platformTrust);

		// the hub's views count them: matrix, lists, readiness, exports
		assertThat(learnerIds(admin("GET", "/api/progress/matrix?organisation=" + hub, null))).containsExactly(learner);
		assertThat(adminResponse("GET", "/api/progress/not-started?organisation=" + hub, null).body())
			.contains("\"learnerId\":" + learner);
		JsonNode readiness = admin("GET", "/api/progress/readiness?organisation=" + hub, null);
		assertThat(readiness.toString()).contains("\"code\":\"" + hub + "\"").contains("\"roleCode\":\"RN\"");
		assertThat(adminResponse("GET", "/api/progress/not-started/export?format=csv&organisation=" + hub, null).body())
			.contains(Long.toString(learner));

		// the course's teacher sees its learners in the cohort views, whatever their
		// organisation
		assertThat(learnerIds(json(teacherBrowser.get("/api/progress/matrix")))).contains(learner);
	}

	@Test
	void aCoordinatorsChoiceIsNeverUndoneByALaterLaunchOrRule() {
		String platformTrust = organisation("RTH", "Platform trust " + this.suffix);
		String chosen = organisation("RJ1", "Chosen trust " + this.suffix);
		String claimed = organisation("RRK", "Claimed trust " + this.suffix);
		rule(Map.of("platformIssuer", this.platform.issuer, "organisation", platformTrust));
		long learner = launch(new HttpTestClient(this.port), "k1", TestPlatform.LEARNER, "4", Map.of(), null);
		assertThat(organisationsOf(learner)).containsExactly(platformTrust);

		admin("PUT", "/api/learners/" + learner + "/organisations", "{\"organisations\":[\"" + chosen + "\"]}");
		launch(new HttpTestClient(this.port), "k1", TestPlatform.LEARNER, "4", Map.of("organisation", claimed), null);
		JsonNode rule = rule(Map.of("platformIssuer", this.platform.issuer, "contextId", "4", "organisation", claimed));

		assertThat(rule.get("learnersChanged").asInt()).isZero();
		JsonNode view = admin("GET", "/api/learners/" + learner, null);
		assertThat(organisations(view)).containsExactly(chosen);
		assertThat(view.get("organisationSources").get(0).get("source").asString()).isEqualTo("coordinator");
		assertThat(view.get("organisationsChosen").get("by").asString()).isEqualTo(TestAccounts.ADMIN);

		// given back to the rules, the course rule (the strongest now) places them
		JsonNode released = admin("DELETE", "/api/learners/" + learner + "/organisations", null);
		assertThat(organisations(released)).containsExactly(claimed);
		assertThat(released.get("organisationsChosen").isNull()).isTrue();
	}

	@Test
	void addingChangingAndRemovingARulePlacesTheLearnersAlreadyKnownAgain() {
		String first = organisation("RTH", "First " + this.suffix);
		String second = organisation("RJ1", "Second " + this.suffix);
		long a = launch(new HttpTestClient(this.port), "r1", TestPlatform.LEARNER, "4", Map.of(), null);
		long b = launch(new HttpTestClient(this.port), "r2", TestPlatform.LEARNER, "4", Map.of(), "deployment-2");
		assertThat(unassignedIds()).contains(a, b);

		JsonNode added = rule(Map.of("platformIssuer", this.platform.issuer, "organisation", first));
		assertThat(added.get("learnersChanged").asInt()).isEqualTo(2);
		assertThat(organisationsOf(a)).containsExactly(first);
		assertThat(organisationsOf(b)).containsExactly(first);
		assertThat(unassignedIds()).doesNotContain(a, b);

		JsonNode changed = rule(Map.of("platformIssuer", this.platform.issuer, "organisation", second));
		assertThat(changed.get("learnersChanged").asInt()).isEqualTo(2);
		assertThat(organisationsOf(a)).containsExactly(second);

		JsonNode removed = admin("DELETE", "/api/organisation-rules/" + changed.get("rule").get("id").asLong(), null);
		assertThat(removed.get("learnersChanged").asInt()).isEqualTo(2);
		assertThat(organisationsOf(a)).isEmpty();
		assertThat(unassignedIds()).contains(a, b);
	}

	@Test
	void anUnassignedLearnerIsInTheNationalViewsUnderNoOrganisation() {
		String trust = organisation("RTH", "Assigned trust " + this.suffix);
		long unassigned = launch(new HttpTestClient(this.port), "n1", TestPlatform.LEARNER, "4",
				Map.of("job_role", "RN"), null);
		long assigned = launch(new HttpTestClient(this.port), "n2", TestPlatform.LEARNER, "4", Map.of(), null);
		admin("PUT", "/api/learners/" + assigned + "/organisations", "{\"organisations\":[\"" + trust + "\"]}");

		assertThat(learnerIds(admin("GET", "/api/progress/matrix", null))).contains(unassigned, assigned);
		List<Long> none = learnerIds(admin("GET", "/api/progress/matrix?organisation=(none)", null));
		assertThat(none).contains(unassigned).doesNotContain(assigned);
		JsonNode summary = admin("GET", "/api/progress/summary", null);
		assertThat(summary.get("organisations").toString()).contains("\"key\":\"(none)\"")
			.contains("\"name\":\"No organisation\"");
		// the readiness board has a "No organisation" block, with no target to set
		JsonNode board = admin("GET", "/api/progress/readiness", null);
		JsonNode noneSite = null;
		for (JsonNode site : board.get("sites")) {
			if ("(none)".equals(site.get("code").asText())) {
				noneSite = site;
			}
		}
		assertThat(noneSite).as(board.toString()).isNotNull();
		assertThat(noneSite.get("name").asText()).isEqualTo("No organisation");
		assertThat(noneSite.toString()).contains("\"roleCode\":\"RN\"");
		assertThat(admin("GET", "/api/progress/readiness?organisation=(none)", null).get("sites").toString())
			.contains("\"code\":\"(none)\"");
		HttpResponse<String> export = adminResponse("GET", "/api/progress/matrix/export?format=csv", null);
		assertThat(export.body().lines().filter((l) -> l.startsWith(unassigned + ",")).findFirst().orElseThrow())
			.contains("No organisation");
		JsonNode worklist = admin("GET", "/api/learners/unassigned", null);
		assertThat(worklist.get("count").asInt()).isGreaterThanOrEqualTo(1);
		assertThat(unassignedIds()).contains(unassigned).doesNotContain(assigned);

		// the start page counts them for the administrator
		HttpTestClient browser = new HttpTestClient(this.port);
		browser.login(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD);
		String home = browser.get("/").body();
		assertThat(home).contains("id=\"unassigned-learners\"").contains("no organisation");
		assertThat(browser.get("/learners/unassigned").body()).contains("/learners/" + unassigned + "\"");

		// a coordinator has no national view
		String coordinator = account("COORDINATOR", trust, null);
		assertThat(as(coordinator, "GET", "/api/progress/matrix?organisation=(none)", null).statusCode()).isIn(400,
				404);
		assertThat(as(coordinator, "GET", "/api/learners/unassigned", null).statusCode()).isEqualTo(403);
	}

	@Test
	void bulkAndCsvAssignmentsFollowTheSingleLearnerRuleAllOrNothing() {
		String trust = organisation("RTH", "Bulk trust " + this.suffix);
		long u1 = launch(new HttpTestClient(this.port), "b1", TestPlatform.LEARNER, "4", Map.of(), null);
		long u2 = launch(new HttpTestClient(this.port), "b2", TestPlatform.LEARNER, "4", Map.of(), null);
		String bulk = "{\"learners\":[" + u1 + "," + u2 + "],\"organisations\":[\"" + trust + "\"]}";

		// a coordinator of the trust cannot see learners without an organisation, so may
		// not place them (as PUT /api/learners/{id}/organisations would answer)
		String coordinator = account("COORDINATOR", trust, null);
		HttpResponse<String> refused = as(coordinator, "POST", "/api/learners/organisations", bulk);
		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
		assertThat(json(refused).get("field").asString()).isEqualTo("learners");
		assertThat(as(coordinator, "PUT", "/api/learners/" + u1 + "/organisations",
				"{\"organisations\":[\"" + trust + "\"]}")
			.statusCode()).isEqualTo(404);
		String lead = account("PROGRAMME", null, null);
		assertThat(as(lead, "POST", "/api/learners/organisations", bulk).statusCode()).isEqualTo(403);
		assertThat(organisationsOf(u1)).isEmpty();

		// a file with one bad line saves nothing
		HttpResponse<String> bad = csv(
				"learnerId,organisations\n" + u1 + "," + trust + "\n" + u2 + ",NOPE-" + this.suffix + "\n");
		assertThat(bad.statusCode()).as(bad.body()).isEqualTo(400);
		assertThat(json(bad).get("errors").get(0).get("line").asInt()).isEqualTo(3);
		assertThat(organisationsOf(u1)).isEmpty();

		assertThat(csv("learnerId,organisations\n" + u1 + "," + trust + "\n").statusCode()).isEqualTo(200);
		assertThat(organisationsOf(u1)).containsExactly(trust);
		JsonNode done = admin("POST", "/api/learners/organisations", bulk);
		assertThat(done.get("count").asInt()).isEqualTo(2);
		assertThat(organisationsOf(u2)).containsExactly(trust);
		assertThat(admin("GET", "/api/learners/" + u2, null).get("organisationSources").get(0).get("source").asString())
			.isEqualTo("coordinator");
	}

	@Test
	void aTeacherWithAStaffAccountTiesTheirCourseToTheirOwnOrganisationsOnly() {
		String mine = organisation("RTH", "Mine " + this.suffix);
		String other = organisation("RJ1", "Other " + this.suffix);
		long teacher = launch(new HttpTestClient(this.port), "tt", TestPlatform.INSTRUCTOR, "9", Map.of(), null);
		long learner = launch(new HttpTestClient(this.port), "tl", TestPlatform.LEARNER, "9", Map.of(), null);
		String coordinator = account("COORDINATOR", mine, teacher);
		String stranger = account("COORDINATOR", mine, null);

		HttpResponse<String> set = as(coordinator, "PUT", "/api/organisation-rules", body(Map.of("platformIssuer",
				this.platform.issuer, "contextId", "9", "organisation", mine, "jobRoles", List.of("RN"))));
		assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
		assertThat(json(set).get("learnersChanged").asInt()).isEqualTo(1);
		assertThat(learnerIds(json(as(coordinator, "GET", "/api/progress/matrix", null)))).contains(learner);

		HttpResponse<String> notMine = as(coordinator, "PUT", "/api/organisation-rules",
				body(Map.of("platformIssuer", this.platform.issuer, "contextId", "9", "organisation", other)));
		assertThat(notMine.statusCode()).isEqualTo(400);
		assertThat(json(notMine).get("field").asString()).isEqualTo("organisation");
		assertThat(as(coordinator, "PUT", "/api/organisation-rules",
				body(Map.of("platformIssuer", this.platform.issuer, "contextId", "10", "organisation", mine)))
			.statusCode()).isEqualTo(403);
		assertThat(as(coordinator, "PUT", "/api/organisation-rules",
				body(Map.of("platformIssuer", this.platform.issuer, "organisation", mine)))
			.statusCode()).isEqualTo(403);
		assertThat(as(stranger, "PUT", "/api/organisation-rules",
				body(Map.of("platformIssuer", this.platform.issuer, "contextId", "9", "organisation", mine)))
			.statusCode()).isEqualTo(403);
		assertThat(organisationsOf(learner)).containsExactly(mine);
	}

	@Test
	void theActorsOfAnLrsClientWithAnOrganisationJoinItUnlessSomethingStrongerPlacesThem() {
		String clientTrust = organisation("LRS", "Client trust " + this.suffix);
		String platformTrust = organisation("RTH", "Platform trust " + this.suffix);
		rule(Map.of("platformIssuer", this.platform.issuer, "organisation", platformTrust));
		long launched = launch(new HttpTestClient(this.port), "x1", TestPlatform.LEARNER, "4", Map.of(), null);
		String launchedEmail = "x1-" + this.suffix + "@" + this.platform.clientId + ".example.nhs.uk";
		JsonNode client = admin("POST", "/api/lrs-clients", body(Map.of("name", "cmi5 player " + this.suffix, "scopes",
				List.of("statements/write"), "organisation", clientTrust)));
		String fresh = "fresh-" + this.suffix.toLowerCase() + "@nhs.net";

		HttpResponse<String> stored = this.http.send(this.http.request("/xapi/statements")
			.header("Authorization",
					HttpTestClient.basic(client.get("key").asString(), client.get("secret").asString()))
			.header("X-Experience-API-Version", "1.0.3")
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("[" + statement(fresh) + "," + statement(launchedEmail) + "]")));
		assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);

		String identifier = URLEncoder.encode("mailto:" + fresh, StandardCharsets.UTF_8);
		JsonNode learner = org.attc.tracker.support.Eventually.answer(
				() -> adminResponse("GET", "/api/learners?identifier=" + identifier, null),
				(r) -> r.statusCode() == 200 && r.body().contains(clientTrust));
		assertThat(organisations(learner)).containsExactly(clientTrust);
		assertThat(learner.get("organisationSources").get(0).get("source").asString()).isEqualTo("lrs_client");
		// the platform's default is stronger than the client's organisation
		assertThat(organisationsOf(launched)).containsExactly(platformTrust);
	}

	private static String statement(String email) {
		return "{\"actor\":{\"mbox\":\"mailto:" + email + "\",\"name\":\"Pat\"},"
				+ "\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/experienced\"},"
				+ "\"object\":{\"id\":\"https://content.example.nhs.uk/lrs-client-test\"}}";
	}

	@Test
	void anAdministratorSetsARuleAndAssignsFromTheWorklistOnThePages() {
		String ruled = organisation("RTH", "Page rule trust " + this.suffix);
		String picked = organisation("RJ1", "Picked trust " + this.suffix);
		long placedByRule = launch(new HttpTestClient(this.port), "p1", TestPlatform.LEARNER, "4", Map.of(),
				"deployment-2");
		long picking = launch(new HttpTestClient(this.port), "p2", TestPlatform.LEARNER, "4", Map.of(), null);
		HttpTestClient browser = new HttpTestClient(this.port);
		browser.login(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD);

		String rulesPage = browser.get("/organisation-rules").body();
		HttpResponse<String> saved = browser.postForm("/organisation-rules",
				Map.of("_csrf", HttpTestClient.csrfToken(rulesPage), "platformIssuer", this.platform.issuer,
						"deploymentId", "deployment-2", "contextId", "", "organisation", ruled, "jobRoles", ""));
		assertThat(saved.statusCode()).isEqualTo(302);
		assertThat(browser.get("/organisation-rules").body())
			.contains("1 learners&#39; organisations or job roles changed")
			.contains("default of deployment deployment-2 of " + this.platform.issuer);
		assertThat(organisationsOf(placedByRule)).containsExactly(ruled);

		String worklist = browser.get("/learners/unassigned").body();
		assertThat(worklist).contains("value=\"" + picking + "\"").doesNotContain("value=\"" + placedByRule + "\"");
		HttpResponse<String> assigned = browser.postForm("/learners/unassigned/assign", Map.of("_csrf",
				HttpTestClient.csrfToken(worklist), "learner", Long.toString(picking), "organisation", picked));
		assertThat(assigned.statusCode()).isEqualTo(302);
		assertThat(browser.get("/learners/unassigned").body()).contains("1 learner assigned to " + picked);
		assertThat(organisationsOf(picking)).containsExactly(picked);

		String page = browser.get("/learners/" + placedByRule).body();
		assertThat(page).contains("deployment").contains("Placed by the");

		// a refused rule: the form again, as typed, the fault by its field in words
		HttpResponse<String> refused = browser.postForm("/organisation-rules",
				Map.of("_csrf", HttpTestClient.csrfToken(rulesPage), "platformIssuer", this.platform.issuer,
						"deploymentId", "deployment-9", "contextId", "", "organisation", ruled, "jobRoles", "CTP"));
		assertThat(refused.statusCode()).isEqualTo(200);
		assertThat(refused.body())
			.contains("href=\"#jobRoles\"", "id=\"jobRoles-error\"", "Only a course rule names job roles.",
					"value=\"deployment-9\"", "value=\"CTP\"")
			.doesNotContain("jobRoles:");
		HttpResponse<String> noIssuer = browser.postForm("/organisation-rules", Map.of("_csrf",
				HttpTestClient.csrfToken(rulesPage), "platformIssuer", "", "organisation", ruled, "jobRoles", ""));
		assertThat(noIssuer.body()).contains("href=\"#platformIssuer\"", "Platform issuer is required.");
	}

	@Test
	void badRulesAreRefusedNamingTheField() {
		String trust = organisation("RTH", "Trust " + this.suffix);
		assertThat(ruleResponse(Map.of("organisation", trust))).satisfies((r) -> field(r, "platformIssuer"));
		assertThat(ruleResponse(Map.of("platformIssuer", this.platform.issuer)))
			.satisfies((r) -> field(r, "organisation"));
		assertThat(ruleResponse(Map.of("platformIssuer", this.platform.issuer, "organisation", "NOPE-" + this.suffix)))
			.satisfies((r) -> field(r, "organisation"));
		assertThat(ruleResponse(Map.of("platformIssuer", this.platform.issuer, "deploymentId", "d", "contextId", "4",
				"organisation", trust)))
			.satisfies((r) -> field(r, "deploymentId"));
		assertThat(ruleResponse(
				Map.of("platformIssuer", this.platform.issuer, "organisation", trust, "jobRoles", List.of("RN"))))
			.satisfies((r) -> field(r, "jobRoles"));
		assertThat(adminResponse("DELETE", "/api/organisation-rules/999999999", null).statusCode()).isEqualTo(404);
	}

	// --- helpers

	/**
	 * Launches a user into a course of the test platform with custom parameters; answers
	 * their learner id.
	 */
	private long launch(HttpTestClient browser, String subject, String role, String contextId,
			Map<String, String> custom, String deploymentId) {
		String sub = subject + "-" + this.suffix;
		LtiHttp.Login login = LtiHttp.login(browser, this.platform, Map.of("login_hint", sub));
		String token = this.platform.signedLaunch(login.nonce(), (claims) -> {
			claims.subject(sub)
				.claim("name", "User " + sub)
				.claim("email", sub + "@" + this.platform.clientId + ".example.nhs.uk")
				.claim(TestPlatform.LTI + "roles", List.of(role))
				.claim(TestPlatform.LTI + "context", Map.of("id", contextId, "title", "Course " + contextId));
			if (!custom.isEmpty()) {
				claims.claim(TestPlatform.LTI + "custom", new HashMap<>(custom));
			}
			if (deploymentId != null) {
				claims.claim(TestPlatform.LTI + "deployment_id", deploymentId);
			}
		});
		HttpResponse<String> response = LtiHttp.launch(browser, token, login.state(), login.cookieHeader());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		String identifier = URLEncoder.encode("lti:" + this.platform.issuer + "|" + sub, StandardCharsets.UTF_8);
		return admin("GET", "/api/learners?identifier=" + identifier, null).get("id").asLong();
	}

	private String organisation(String prefix, String name) {
		String code = prefix + "-" + this.suffix + "-" + UUID.randomUUID().toString().substring(0, 4);
		admin("POST", "/api/organisations", body(Map.of("code", code, "name", name, "kind", "TRUST")));
		return code;
	}

	private JsonNode rule(Map<String, Object> fields) {
		HttpResponse<String> response = ruleResponse(fields);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return json(response);
	}

	private HttpResponse<String> ruleResponse(Map<String, Object> fields) {
		return adminResponse("PUT", "/api/organisation-rules", body(fields));
	}

	private HttpResponse<String> csv(String text) {
		return this.http.send(this.http.request("/api/learners/organisations/import")
			.header("Authorization", HttpTestClient.basic(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD))
			.header("Content-Type", "text/csv")
			.POST(HttpRequest.BodyPublishers.ofString(text)));
	}

	/** A staff account; answers its username (the password is the username). */
	private String account(String role, String organisation, Long learnerId) {
		String username = "u" + UUID.randomUUID().toString().substring(0, 10);
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("username", username);
		fields.put("displayName", "Staff " + username);
		fields.put("email", username + "@nhs.net");
		fields.put("roles", List.of(role));
		fields.put("organisations", (organisation != null) ? List.of(organisation) : List.of());
		if (learnerId != null) {
			fields.put("learnerId", learnerId);
		}
		HttpResponse<String> created = adminResponse("POST", "/api/users", body(fields));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		this.passwords.put(username, json(created).get("password").asString());
		return username;
	}

	private final Map<String, String> passwords = new HashMap<>();

	private HttpResponse<String> as(String username, String method, String path, String body) {
		return send(username, this.passwords.get(username), method, path, body);
	}

	private JsonNode admin(String method, String path, String body) {
		HttpResponse<String> response = adminResponse(method, path, body);
		assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 201);
		return json(response);
	}

	private HttpResponse<String> adminResponse(String method, String path, String body) {
		return send(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD, method, path, body);
	}

	private HttpResponse<String> send(String username, String password, String method, String path, String body) {
		HttpRequest.Builder request = this.http.request(path)
			.header("Authorization", HttpTestClient.basic(username, password))
			.header("Content-Type", "application/json")
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		return this.http.send(request);
	}

	private List<String> organisationsOf(long learner) {
		return organisations(admin("GET", "/api/learners/" + learner, null));
	}

	private static List<String> organisations(JsonNode view) {
		List<String> codes = new ArrayList<>();
		view.get("organisations").forEach((o) -> codes.add(o.asString()));
		return codes;
	}

	private static List<String> roles(JsonNode view) {
		List<String> codes = new ArrayList<>();
		view.get("jobRoles").forEach((o) -> codes.add(o.asString()));
		return codes;
	}

	private List<Long> unassignedIds() {
		List<Long> ids = new ArrayList<>();
		admin("GET", "/api/learners/unassigned", null).get("learners").forEach((l) -> ids.add(l.get("id").asLong()));
		return ids;
	}

	/** Learner ids of a matrix (rows) or a learner list. */
	private static List<Long> learnerIds(JsonNode node) {
		List<Long> ids = new ArrayList<>();
		JsonNode rows = node.has("rows") ? node.get("rows") : node.has("items") ? node.get("items") : node;
		rows.forEach((r) -> ids.add(r.has("learnerId") ? r.get("learnerId").asLong() : r.get("id").asLong()));
		return ids;
	}

	private static void field(HttpResponse<String> response, String field) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
		assertThat(json(response).get("field").asString()).isEqualTo(field);
	}

	private static JsonNode json(HttpResponse<String> response) {
		return json.readTree(response.body());
	}

	private static String body(Map<String, ?> fields) {
		return json.writeValueAsString(fields);
	}

}
