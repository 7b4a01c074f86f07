package org.attc.tracker.xapi.internal;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.attc.tracker.support.HttpTestClient;
import org.attc.tracker.xapi.internal.clients.LrsClient.Scope;
import org.attc.tracker.xapi.internal.clients.LrsClients;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/** xAPI 1.0.3 Communication §2.1.3: statement queries, paging and their headers. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class StatementQueryTests {

	@LocalServerPort
	int port;

	@Autowired
	LrsClients clients;

	XapiClient lrs;

	String learner;

	String activity;

	@BeforeEach
	void client() {
		this.lrs = XapiClient.create(this.port, this.clients, Scope.ALL);
		this.learner = "q-" + UUID.randomUUID();
		this.activity = "https://x.org/q/" + UUID.randomUUID();
	}

	private String agent() {
		return XapiClient
			.q("{\"account\":{\"homePage\":\"https://moodle.example.org\",\"name\":\"" + this.learner + "\"}}");
	}

	private List<String> post(int n) {
		StringBuilder batch = new StringBuilder("[");
		for (int i = 0; i < n; i++) {
			batch.append((i > 0) ? "," : "").append(StatementJson.completed(this.learner, this.activity));
		}
		HttpResponse<String> post = this.lrs.post(batch.append("]").toString());
		assertThat(post.statusCode()).as(post.body()).isEqualTo(200);
		List<String> ids = new ArrayList<>();
		XapiClient.json(post.body()).forEach((id) -> ids.add(id.stringValue()));
		return ids;
	}

	private static List<String> ids(JsonNode result) {
		List<String> ids = new ArrayList<>();
		result.get("statements").forEach((s) -> ids.add(s.get("id").stringValue()));
		return ids;
	}

	@Test
	void filtersByAgentNewestFirst() {
		List<String> posted = new ArrayList<>(post(3));
		posted.addAll(post(1));
		HttpResponse<String> get = this.lrs.get("/xapi/statements?agent=" + agent());
		assertThat(get.statusCode()).as(get.body()).isEqualTo(200);
		List<String> found = ids(XapiClient.json(get.body()));
		java.util.Collections.reverse(posted);
		assertThat(found).containsExactlyElementsOf(posted);
		assertThat(XapiClient.json(get.body()).get("more").stringValue()).isEmpty();
	}

	@Test
	void ascendingReturnsOldestFirst() {
		List<String> posted = post(3);
		JsonNode result = XapiClient.json(this.lrs.get("/xapi/statements?ascending=true&agent=" + agent()).body());
		assertThat(ids(result)).containsExactlyElementsOf(posted);
	}

	@Test
	void pagesThroughMoreLinksWithoutGapsOrRepeats() {
		List<String> posted = post(7);
		List<String> seen = new ArrayList<>();
		String next = "/xapi/statements?limit=3&activity=" + XapiClient.q(this.activity);
		int pages = 0;
		while (!next.isEmpty()) {
			HttpResponse<String> page = this.lrs.get(next);
			assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
			JsonNode result = XapiClient.json(page.body());
			seen.addAll(ids(result));
			next = result.get("more").stringValue();
			pages++;
			if (pages == 1) {
				// statements stored after the first page do not shift later pages
				post(2);
			}
		}
		assertThat(pages).isEqualTo(3);
		assertThat(seen).hasSize(7).containsExactlyInAnyOrderElementsOf(posted);
	}

	@Test
	void aMoreLinkWithoutTheStoredOfItsPositionStillPages() {
		// links made before pages were ordered by stored carry the position's seq only
		List<String> posted = post(5);
		JsonNode first = XapiClient.json(this.lrs.get("/xapi/statements?limit=2&agent=" + agent()).body());
		String more = first.get("more").stringValue();
		String prefix = more.substring(0, more.lastIndexOf('/') + 1);
		ObjectNode token = (ObjectNode) XapiClient
			.json(new String(Base64.getUrlDecoder().decode(more.substring(prefix.length()))));
		assertThat(token.get("afterStored").isString()).isTrue();
		token.remove("afterStored");
		String old = prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(token.toString().getBytes());
		JsonNode second = XapiClient.json(this.lrs.get(old).body());
		assertThat(ids(second)).containsExactlyElementsOf(ids(XapiClient.json(this.lrs.get(more).body())))
			.containsExactly(posted.get(2), posted.get(1));
	}

	@Test
	void filtersByVerbActivityAndRegistration() {
		String registration = UUID.randomUUID().toString();
		String statement = StatementJson.completed(this.learner, this.activity)
			.replaceFirst("\"registration\":\"[^\"]+\"", "\"registration\":\"" + registration + "\"");
		String id = XapiClient.json(this.lrs.post(statement).body()).get(0).stringValue();
		post(1);
		JsonNode byRegistration = XapiClient.json(this.lrs.get("/xapi/statements?registration=" + registration).body());
		assertThat(ids(byRegistration)).containsExactly(id);
		JsonNode byVerbAndActivity = XapiClient.json(
				this.lrs
					.get("/xapi/statements?verb=" + XapiClient.q("http://adlnet.gov/expapi/verbs/completed")
							+ "&activity=" + XapiClient.q(this.activity))
					.body());
		assertThat(ids(byVerbAndActivity)).hasSize(2);
		JsonNode otherVerb = XapiClient.json(
				this.lrs
					.get("/xapi/statements?verb=" + XapiClient.q("http://adlnet.gov/expapi/verbs/failed") + "&activity="
							+ XapiClient.q(this.activity))
					.body());
		assertThat(ids(otherVerb)).isEmpty();
	}

	@Test
	void relatedActivitiesIncludesContextActivities() {
		post(1);
		String parent = XapiClient.q("https://moodle.example.org/course/view.php?id=4");
		JsonNode narrow = XapiClient
			.json(this.lrs.get("/xapi/statements?activity=" + parent + "&agent=" + agent()).body());
		assertThat(ids(narrow)).isEmpty();
		JsonNode broad = XapiClient
			.json(this.lrs.get("/xapi/statements?related_activities=true&activity=" + parent + "&agent=" + agent())
				.body());
		assertThat(ids(broad)).hasSize(1);
	}

	@Test
	void relatedAgentsIncludesTheAuthority() {
		post(1);
		String authority = XapiClient
			.q("{\"account\":{\"homePage\":\"https://capability-tracker.attc.nhs.uk/lrs-clients\"," + "\"name\":\""
					+ this.lrs.key + "\"}}");
		assertThat(ids(XapiClient.json(this.lrs.get("/xapi/statements?agent=" + authority).body()))).isEmpty();
		assertThat(ids(XapiClient.json(this.lrs.get("/xapi/statements?related_agents=true&agent=" + authority).body())))
			.hasSize(1);
	}

	@Test
	void sinceAndUntilFilterOnStored() throws InterruptedException {
		post(1);
		Thread.sleep(5);
		Instant between = Instant.now();
		Thread.sleep(5);
		List<String> later = post(1);
		JsonNode since = XapiClient
			.json(this.lrs.get("/xapi/statements?agent=" + agent() + "&since=" + between).body());
		assertThat(ids(since)).containsExactlyElementsOf(later);
		JsonNode until = XapiClient
			.json(this.lrs.get("/xapi/statements?agent=" + agent() + "&until=" + between).body());
		assertThat(ids(until)).hasSize(1).doesNotContainAnyElementsOf(later);
	}

	@Test
	void answersConsistentThroughAndLastModified() {
		post(1);
		HttpResponse<String> get = this.lrs.get("/xapi/statements?agent=" + agent());
		assertThat(get.headers().firstValue("X-Experience-API-Consistent-Through"))
			.hasValueSatisfying((v) -> assertThat(Instant.parse(v)).isBeforeOrEqualTo(Instant.now()));
		assertThat(get.headers().firstValue("Last-Modified")).isPresent();
	}

	@Test
	void consistentThroughIsOnEveryStatementResourceAnswerEvenA404() {
		// Communication §2.1.3 (XAPI-00153): on every Statement resource answer whatever
		// its status; clients polling for a statement they have just sent read it from
		// the 404 too
		HttpResponse<String> missing = this.lrs.get("/xapi/statements?statementId=" + UUID.randomUUID());
		assertThat(missing.statusCode()).isEqualTo(404);
		assertThat(missing.headers().allValues("X-Experience-API-Consistent-Through")).singleElement()
			.satisfies((v) -> assertThat(Instant.parse(v)).isBeforeOrEqualTo(Instant.now()));
		HttpResponse<String> page = this.lrs.get("/xapi/statements?agent=" + agent());
		assertThat(page.headers().allValues("X-Experience-API-Consistent-Through")).hasSize(1);
		HttpTestClient http = new HttpTestClient(this.port);
		HttpResponse<String> noVersion = http.send(http.request("/xapi/statements")
			.header("Authorization", HttpTestClient.basic(this.lrs.key, this.lrs.secret)));
		assertThat(noVersion.statusCode()).isEqualTo(400);
		assertThat(noVersion.headers().firstValue("X-Experience-API-Consistent-Through")).isPresent();
		HttpResponse<String> unauthenticated = http
			.send(http.request("/xapi/statements").header("X-Experience-API-Version", "1.0.3"));
		assertThat(unauthenticated.statusCode()).isEqualTo(401);
		assertThat(unauthenticated.headers().firstValue("X-Experience-API-Consistent-Through")).isPresent();
	}

	@Test
	void headAnswersTheHeadersWithoutABody() {
		post(1);
		HttpResponse<String> head = this.lrs.http.send(this.lrs.request("/xapi/statements?agent=" + agent())
			.method("HEAD", HttpRequest.BodyPublishers.noBody()));
		assertThat(head.statusCode()).isEqualTo(200);
		assertThat(head.body()).isEmpty();
		assertThat(head.headers().firstValue("X-Experience-API-Consistent-Through")).isPresent();
	}

	@Test
	void idsFormatKeepsOnlyIdentifiers() {
		post(1);
		JsonNode statement = XapiClient.json(this.lrs.get("/xapi/statements?format=ids&agent=" + agent()).body())
			.get("statements")
			.get(0);
		assertThat(statement.get("actor").has("name")).isFalse();
		assertThat(statement.get("actor").get("account").get("name").stringValue()).isEqualTo(this.learner);
		assertThat(statement.get("verb").has("display")).isFalse();
		assertThat(statement.get("object").has("definition")).isFalse();
	}

	/**
	 * Communication §2.1.3 (format {@code ids}: only identifiers of Agents, Activities,
	 * Verbs and Groups), ADL XAPI-00171: a SubStatement's Activity keeps its id alone, as
	 * the statement's own and its context activities do; an identified Group keeps its
	 * objectType and identifier.
	 */
	@Test
	void idsFormatReducesEveryActivityToItsIdSubStatementsIncluded() {
		String id = UUID.randomUUID().toString();
		String inner = "https://x.org/inner/" + UUID.randomUUID();
		HttpResponse<String> put = this.lrs.put(id, """
				{"actor":{"objectType":"Agent","name":"Ann","mbox":"mailto:ann@example.org"},
				 "verb":{"id":"http://adlnet.gov/expapi/verbs/attempted","display":{"en-US":"attempted"}},
				 "object":{"objectType":"SubStatement",
				   "actor":{"objectType":"Group","name":"Team","mbox":"mailto:team@example.org"},
				   "verb":{"id":"http://adlnet.gov/expapi/verbs/completed","display":{"en-US":"completed"}},
				   "object":{"objectType":"Activity","id":"%s","definition":{"name":{"en":"Inner"}}},
				   "context":{"contextActivities":{"parent":[{"objectType":"Activity","id":"https://x.org/p"}]}}},
				 "context":{"contextActivities":{"grouping":[{"objectType":"Activity","id":"https://x.org/g",
				   "definition":{"name":{"en":"G"}}}]}}}
				""".formatted(inner));
		assertThat(put.statusCode()).as(put.body()).isEqualTo(204);
		HttpResponse<String> get = this.lrs.get("/xapi/statements?format=ids&statementId=" + id);
		assertThat(get.statusCode()).as(get.body()).isEqualTo(200);
		JsonNode statement = XapiClient.json(get.body());
		JsonNode subStatement = statement.get("object");
		assertThat(subStatement.get("object").propertyNames()).containsExactly("id");
		assertThat(subStatement.get("object").get("id").stringValue()).isEqualTo(inner);
		assertThat(subStatement.get("actor").propertyNames()).containsExactlyInAnyOrder("objectType", "mbox");
		assertThat(subStatement.get("verb").propertyNames()).containsExactly("id");
		assertThat(subStatement.get("context").get("contextActivities").get("parent").get(0).propertyNames())
			.containsExactly("id");
		assertThat(statement.get("context").get("contextActivities").get("grouping").get(0).propertyNames())
			.containsExactly("id");
		assertThat(statement.get("actor").propertyNames()).containsExactlyInAnyOrder("objectType", "mbox");
	}

	@Test
	void canonicalFormatKeepsTheLanguageTheClientPrefers() {
		post(1);
		HttpResponse<String> get = this.lrs.http
			.send(this.lrs.request("/xapi/statements?format=canonical&agent=" + agent())
				.header("Accept-Language", "de, en;q=0.5")
				.GET());
		JsonNode statement = XapiClient.json(get.body()).get("statements").get(0);
		assertThat(statement.get("verb").get("display").propertyNames()).containsExactly("de");
		assertThat(statement.get("object").get("definition").get("name").size()).isEqualTo(1);
	}

	@Test
	void statementsReferringToAMatchingStatementMatchToo() {
		String target = post(1).get(0);
		String reference = XapiClient.json(this.lrs.post("""
				{"actor":{"mbox":"mailto:assessor@example.org"},
				 "verb":{"id":"http://id.tincanapi.com/verb/reviewed"},
				 "object":{"objectType":"StatementRef","id":"%s"}}
				""".formatted(target)).body()).get(0).stringValue();
		JsonNode byAgent = XapiClient.json(this.lrs.get("/xapi/statements?ascending=true&agent=" + agent()).body());
		assertThat(ids(byAgent)).containsExactly(target, reference);
		JsonNode byOtherVerb = XapiClient
			.json(this.lrs.get("/xapi/statements?agent=" + agent() + "&verb=" + XapiClient.q("http://x.org/never"))
				.body());
		assertThat(ids(byOtherVerb)).isEmpty();
	}

	/** A statement by someone else, with its own verb, whose object refers to target. */
	private String refer(String verb, String target) {
		return refer(null, verb, target);
	}

	private String refer(String id, String verb, String target) {
		HttpResponse<String> post = this.lrs.post("""
				{%s"actor":{"mbox":"mailto:r-%s@example.org"},
				 "verb":{"id":"%s"},
				 "object":{"objectType":"StatementRef","id":"%s"}}
				""".formatted((id != null) ? "\"id\":\"" + id + "\"," : "", UUID.randomUUID(), verb, target));
		assertThat(post.statusCode()).as(post.body()).isEqualTo(200);
		return XapiClient.json(post.body()).get(0).stringValue();
	}

	private List<String> found(String query) {
		HttpResponse<String> get = this.lrs.get("/xapi/statements?ascending=true&" + query);
		assertThat(get.statusCode()).as(get.body()).isEqualTo(200);
		return ids(XapiClient.json(get.body()));
	}

	@Test
	void aTwoLevelChainOfReferencesMatchesTheFilterOfAnyLink() {
		String target = post(1).get(0);
		String liked = refer("https://x.org/verbs/liked-" + this.learner, target);
		String shared = refer("http://x.org/verbs/shared", liked);
		assertThat(found("agent=" + agent())).containsExactly(target, liked, shared);
		assertThat(found("activity=" + XapiClient.q(this.activity))).containsExactly(target, liked, shared);
		// a filter matching the middle link returns it and what refers to it, not its
		// target
		assertThat(found("verb=" + XapiClient.q("https://x.org/verbs/liked-" + this.learner))).containsExactly(liked,
				shared);
	}

	@Test
	void aThreeLevelChainMatchesAtEveryDepthAndFiltersStillCombine() {
		String target = post(1).get(0);
		String one = refer("http://x.org/verbs/reviewed", target);
		String two = refer("http://x.org/verbs/shared", one);
		String three = refer("http://x.org/verbs/liked", two);
		assertThat(found("agent=" + agent())).containsExactly(target, one, two, three);
		// every filter applies to the same statement of the chain: this agent never
		// reviewed anything
		assertThat(found("agent=" + agent() + "&verb=" + XapiClient.q("http://x.org/verbs/reviewed"))).isEmpty();
		assertThat(found("agent=" + agent() + "&verb=" + XapiClient.q("http://adlnet.gov/expapi/verbs/completed")))
			.containsExactly(target, one, two, three);
		// since applies to the returned statement, not to the one it refers to
		JsonNode third = XapiClient.json(this.lrs.get("/xapi/statements?statementId=" + three).body());
		String stored = third.get("stored").stringValue();
		JsonNode second = XapiClient.json(this.lrs.get("/xapi/statements?statementId=" + two).body());
		assertThat(found("agent=" + agent() + "&since=" + XapiClient.q(second.get("stored").stringValue())))
			.containsExactly(three);
		assertThat(found("agent=" + agent() + "&until=" + XapiClient.q(stored))).contains(three);
	}

	@Test
	void aReferenceStoredBeforeItsTargetJoinsTheChainWhenTheTargetArrives() {
		String target = post(1).get(0);
		String middle = UUID.randomUUID().toString();
		String early = refer("http://x.org/verbs/liked", middle);
		assertThat(found("agent=" + agent())).containsExactly(target);
		refer(middle, "http://x.org/verbs/reviewed", target);
		assertThat(found("agent=" + agent())).containsExactly(target, early, middle);
	}

	@Test
	void referencesToAVoidedStatementStillMatchItsFilters() {
		String target = post(1).get(0);
		String liked = refer("http://x.org/verbs/liked", target);
		String shared = refer("http://x.org/verbs/shared", liked);
		HttpResponse<String> voidIt = this.lrs.post(VoidingTests.voiding(target));
		assertThat(voidIt.statusCode()).as(voidIt.body()).isEqualTo(200);
		String voiding = XapiClient.json(voidIt.body()).get(0).stringValue();
		// Data §2.3.2: the voided statement leaves the results, statements targeting it
		// (the voiding statement too) stay, at every depth
		assertThat(found("agent=" + agent())).containsExactly(liked, shared, voiding);
		assertThat(found(
				"registration=" + XapiClient.json(this.lrs.get("/xapi/statements?voidedStatementId=" + target).body())
					.get("context")
					.get("registration")
					.stringValue()))
			.containsExactly(liked, shared, voiding);
	}

	@Test
	void aCycleOfReferencesEnds() {
		String first = UUID.randomUUID().toString();
		String second = refer("http://x.org/verbs/liked-" + this.learner, first);
		refer(first, "http://x.org/verbs/shared", second);
		assertThat(found("verb=" + XapiClient.q("http://x.org/verbs/liked-" + this.learner))).containsExactly(second,
				first);
	}

	@Test
	void unknownParametersAreRefused() {
		HttpResponse<String> get = this.lrs.get("/xapi/statements?actor=x");
		assertThat(get.statusCode()).isEqualTo(400);
		assertThat(XapiClient.json(get.body()).get("path").stringValue()).isEqualTo("actor");
	}

	@Test
	void statementIdWithQueryFiltersIsRefused() {
		HttpResponse<String> get = this.lrs
			.get("/xapi/statements?statementId=" + UUID.randomUUID() + "&verb=" + XapiClient.q("http://x.org/v"));
		assertThat(get.statusCode()).isEqualTo(400);
	}

	@Test
	void aMalformedAgentParameterIsRefused() {
		assertThat(this.lrs.get("/xapi/statements?agent=" + XapiClient.q("{\"name\":\"x\"}")).statusCode())
			.isEqualTo(400);
		assertThat(this.lrs.get("/xapi/statements?agent=notjson").statusCode()).isEqualTo(400);
	}

}
