package org.attc.tracker.xapi.internal;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.attc.tracker.xapi.internal.clients.LrsClient.Scope;
import org.attc.tracker.xapi.internal.clients.LrsClients;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** xAPI 1.0.3 Communication §2.1.1 (PUT) and §2.1.2 (POST): storing statements. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class StatementResourceTests {

	@LocalServerPort
	int port;

	@Autowired
	LrsClients clients;

	@Autowired
	JdbcTemplate jdbc;

	XapiClient lrs;

	@BeforeEach
	void client() {
		this.lrs = XapiClient.create(this.port, this.clients, Scope.ALL);
	}

	private int count(UUID id) {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM xapi_statement WHERE statement_id = ?", Integer.class,
				id.toString());
	}

	@Test
	void putStoresTheStatementUnderTheGivenIdAndAnswers204() {
		UUID id = UUID.randomUUID();
		HttpResponse<String> put = this.lrs.put(id.toString(), StatementJson.completed("p1", "https://x.org/a/1"));
		assertThat(put.statusCode()).as(put.body()).isEqualTo(204);
		assertThat(put.headers().firstValue("X-Experience-API-Version")).hasValue("1.0.3");
		JsonNode read = XapiClient.json(this.lrs.get("/xapi/statements?statementId=" + id).body());
		assertThat(read.get("id").stringValue()).isEqualTo(id.toString());
		assertThat(read.get("actor").get("account").get("name").stringValue()).isEqualTo("p1");
	}

	@Test
	void aLoneSurrogateIsRefusedNamingItsFieldWhileAPairReadsBackExactly() {
		String lone = "{\"actor\":{\"mbox\":\"mailto:s@x.org\"},\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/experienced\"},"
				+ "\"object\":{\"id\":\"https://x.org/a/surrogate\"},\"result\":{\"response\":\"\\ud800x\"}}";
		HttpResponse<String> refused = this.lrs.post(lone);
		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
		assertThat(XapiClient.json(refused.body()).get("path").stringValue()).isEqualTo("$.result.response");

		String keyed = lone.replace("\"response\":\"\\ud800x\"", "\"extensions\":{\"https://x.org/e/\\udc00\":1}");
		HttpResponse<String> badKey = this.lrs.post(keyed);
		// in a property name the parser itself refuses it, with the line and column
		assertThat(badKey.statusCode()).as(badKey.body()).isEqualTo(400);

		UUID id = UUID.randomUUID();
		String pair = lone.replace("{\"actor\"", "{\"id\":\"" + id + "\",\"actor\"")
			.replace("\\ud800x", "\\ud83d\\ude00x");
		HttpResponse<String> stored = this.lrs.post(pair);
		assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
		JsonNode read = XapiClient.json(this.lrs.get("/xapi/statements?statementId=" + id).body());
		assertThat(read.get("result").get("response").stringValue()).isEqualTo("\ud83d\ude00x");
	}

	@Test
	void putWithAnIdInTheBodyThatDiffersFromTheParameterIsRefused() {
		HttpResponse<String> put = this.lrs.put(UUID.randomUUID().toString(),
				StatementJson.completed(UUID.randomUUID().toString(), "p2", "https://x.org/a/2"));
		assertThat(put.statusCode()).isEqualTo(400);
		assertThat(put.body()).contains("\"path\":\"$.id\"");
	}

	@Test
	void putWithoutStatementIdIsRefused() {
		HttpResponse<String> put = this.lrs.http.send(this.lrs.request("/xapi/statements")
			.header("Content-Type", "application/json")
			.PUT(java.net.http.HttpRequest.BodyPublishers.ofString(StatementJson.unique())));
		assertThat(put.statusCode()).isEqualTo(400);
	}

	@Test
	void postAssignsIdsAndAnswersThemInRequestOrder() {
		String given = UUID.randomUUID().toString();
		HttpResponse<String> post = this.lrs.post("[" + StatementJson.completed("p3", "https://x.org/a/3") + ","
				+ StatementJson.completed(given, "p3", "https://x.org/a/4") + "]");
		assertThat(post.statusCode()).isEqualTo(200);
		assertThat(post.headers().firstValue("Content-Type")).hasValue("application/json");
		assertThat(post.headers().firstValue("X-Experience-API-Consistent-Through")).isPresent();
		JsonNode ids = XapiClient.json(post.body());
		assertThat(ids).hasSize(2);
		assertThat(ids.get(1).stringValue()).isEqualTo(given);
		assertThat(post.body()).isEqualTo("[\"" + ids.get(0).stringValue() + "\",\"" + given + "\"]");
		JsonNode first = XapiClient
			.json(this.lrs.get("/xapi/statements?statementId=" + ids.get(0).stringValue()).body());
		assertThat(first.get("object").get("id").stringValue()).isEqualTo("https://x.org/a/3");
		assertThat(first.get("stored").stringValue()).endsWith("Z");
		assertThat(first.get("timestamp").stringValue()).isEqualTo("2026-11-25T10:00:00.000Z");
	}

	@Test
	void anEmptyArrayIsAnsweredWithAnEmptyArray() {
		HttpResponse<String> post = this.lrs.post("[]");
		assertThat(post.statusCode()).isEqualTo(200);
		assertThat(post.body()).isEqualTo("[]");
	}

	@Test
	void aBatchWithOneInvalidStatementStoresNothingAndNamesThePath() {
		UUID good = UUID.randomUUID();
		String bad = StatementJson.completed("p4", "https://x.org/a/5")
			.replace("\"completion\":true", "\"completion\":\"yes\"");
		HttpResponse<String> post = this.lrs
			.post("[" + StatementJson.completed(good.toString(), "p4", "https://x.org/a/5") + "," + bad + "]");
		assertThat(post.statusCode()).isEqualTo(400);
		JsonNode problem = XapiClient.json(post.body());
		assertThat(problem.get("path").stringValue()).isEqualTo("$[1].result.completion");
		assertThat(problem.get("type").stringValue())
			.isEqualTo("https://capability-tracker.attc.nhs.uk/problems/invalid-statement");
		assertThat(count(good)).isZero();
	}

	@Test
	void anIdenticalResendIsANoOp() {
		UUID id = UUID.randomUUID();
		String statement = StatementJson.completed(id.toString(), "p5", "https://x.org/a/6");
		assertThat(this.lrs.post(statement).statusCode()).isEqualTo(200);
		String stored = XapiClient.json(this.lrs.get("/xapi/statements?statementId=" + id).body())
			.get("stored")
			.stringValue();
		HttpResponse<String> again = this.lrs.post(statement);
		assertThat(again.statusCode()).isEqualTo(200);
		assertThat(again.body()).contains(id.toString());
		assertThat(this.lrs.put(id.toString(), statement).statusCode()).isEqualTo(204);
		assertThat(count(id)).isEqualTo(1);
		assertThat(
				XapiClient.json(this.lrs.get("/xapi/statements?statementId=" + id).body()).get("stored").stringValue())
			.isEqualTo(stored);
	}

	@Test
	void aResendWithDifferentContentIs409AndTheBatchIsNotStored() {
		UUID id = UUID.randomUUID();
		assertThat(this.lrs.post(StatementJson.completed(id.toString(), "p6", "https://x.org/a/7")).statusCode())
			.isEqualTo(200);
		UUID other = UUID.randomUUID();
		HttpResponse<String> conflict = this.lrs
			.post("[" + StatementJson.completed(other.toString(), "p6", "https://x.org/a/8") + ","
					+ StatementJson.completed(id.toString(), "p6", "https://x.org/a/DIFFERENT") + "]");
		assertThat(conflict.statusCode()).isEqualTo(409);
		assertThat(conflict.body()).contains("\"path\":\"$[1]\"");
		assertThat(count(other)).isZero();
	}

	/**
	 * 1.0.3 Data §4.6 and IEEE 9274.1.1 §4.2.7: durations compare at 0.01 s, so a resend
	 * differing only beyond the hundredths is the same statement (no-op), one differing
	 * at the hundredths is a conflict; with either version.
	 */
	@Test
	void aResendWhoseDurationDiffersOnlyBeyondHundredthsIsTheSameStatement() {
		for (String version : new String[] { "1.0.3", "2.0.0" }) {
			String id = UUID.randomUUID().toString();
			String statement = StatementJson.completed(id, "p-dur", "https://x.org/a/dur")
				.replace("\"PT12M3.5S\"", "\"P1DT12H36M0.1237S\"");
			assertThat(put(version, id, statement).statusCode()).isEqualTo(204);
			HttpResponse<String> shorter = put(version, id, statement.replace("0.1237S", "0.12S"));
			assertThat(shorter.statusCode()).as(version + " " + shorter.body()).isEqualTo(204);
			assertThat(put(version, id, statement.replace("0.1237S", "0.120S")).statusCode()).isEqualTo(204);
			HttpResponse<String> different = put(version, id, statement.replace("0.1237S", "0.13S"));
			assertThat(different.statusCode()).as(version).isEqualTo(409);
			assertThat(XapiClient.json(this.lrs.get("/xapi/statements?statementId=" + id).body())
				.get("result")
				.get("duration")
				.stringValue()).as("the first statement stays as sent").isEqualTo("P1DT12H36M0.1237S");
		}
	}

	private HttpResponse<String> put(String version, String id, String json) {
		return this.lrs.http.send(this.lrs.request("/xapi/statements?statementId=" + id)
			.setHeader("X-Experience-API-Version", version)
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(json)));
	}

	@Test
	void aBatchNamingOneIdTwiceIsRefused() {
		String id = UUID.randomUUID().toString();
		HttpResponse<String> post = this.lrs.post("[" + StatementJson.completed(id, "p7", "https://x.org/a/9") + ","
				+ StatementJson.completed(id, "p7", "https://x.org/a/9") + "]");
		assertThat(post.statusCode()).isEqualTo(400);
		assertThat(count(UUID.fromString(id))).isZero();
	}

	@Test
	void concurrentPutsOfTheSameIdStoreItOnce() throws Exception {
		UUID id = UUID.randomUUID();
		String statement = StatementJson.completed("p8", "https://x.org/a/10");
		ExecutorService pool = Executors.newFixedThreadPool(6);
		try {
			List<Future<Integer>> results = new ArrayList<>();
			for (int i = 0; i < 12; i++) {
				Callable<Integer> put = () -> this.lrs.put(id.toString(), statement).statusCode();
				results.add(pool.submit(put));
			}
			for (Future<Integer> result : results) {
				assertThat(result.get()).isEqualTo(204);
			}
		}
		finally {
			pool.shutdown();
		}
		assertThat(count(id)).isEqualTo(1);
	}

	/**
	 * Single statements sent at once share transactions (SharedCommits): each request
	 * still gets its own answer, each statement is stored once under the id answered, and
	 * a request refused for a conflict leaves the others of its group stored.
	 */
	@Test
	void concurrentSingleStatementsAreEachStoredOnceAndAConflictRefusesOnlyItsRequest() throws Exception {
		UUID taken = UUID.randomUUID();
		assertThat(this.lrs.post(StatementJson.completed(taken.toString(), "p9", "https://x.org/a/11")).statusCode())
			.isEqualTo(200);
		UUID twice = UUID.randomUUID();
		ExecutorService pool = Executors.newFixedThreadPool(16);
		try {
			List<Future<HttpResponse<String>>> fresh = new ArrayList<>();
			List<String> learners = new ArrayList<>();
			List<Future<HttpResponse<String>>> conflicts = new ArrayList<>();
			List<Future<HttpResponse<String>>> resends = new ArrayList<>();
			String resent = StatementJson.completed(twice.toString(), "p10", "https://x.org/a/12");
			for (int i = 0; i < 60; i++) {
				String learner = "shared-" + UUID.randomUUID();
				learners.add(learner);
				fresh.add(pool.submit(() -> this.lrs.post(StatementJson.completed(learner, "https://x.org/a/13"))));
				if (i % 10 == 0) {
					conflicts.add(pool.submit(() -> this.lrs
						.post(StatementJson.completed(taken.toString(), "other-learner", "https://x.org/a/11"))));
					resends.add(pool.submit(() -> this.lrs.post(resent)));
				}
			}
			for (int i = 0; i < fresh.size(); i++) {
				HttpResponse<String> answer = fresh.get(i).get();
				assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
				String id = XapiClient.json(answer.body()).get(0).stringValue();
				// the id answered is this request's statement, stored once
				assertThat(count(UUID.fromString(id))).isEqualTo(1);
				JsonNode read = XapiClient.json(this.lrs.get("/xapi/statements?statementId=" + id).body());
				assertThat(read.get("actor").get("account").get("name").stringValue()).isEqualTo(learners.get(i));
			}
			for (Future<HttpResponse<String>> conflict : conflicts) {
				HttpResponse<String> answer = conflict.get();
				assertThat(answer.statusCode()).as(answer.body()).isEqualTo(409);
				assertThat(answer.body()).contains(taken.toString());
			}
			for (Future<HttpResponse<String>> resend : resends) {
				HttpResponse<String> answer = resend.get();
				assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
				assertThat(XapiClient.json(answer.body()).get(0).stringValue()).isEqualTo(twice.toString());
			}
		}
		finally {
			pool.shutdown();
		}
		assertThat(count(twice)).isEqualTo(1);
		JsonNode kept = XapiClient.json(this.lrs.get("/xapi/statements?statementId=" + taken).body());
		assertThat(kept.get("actor").get("account").get("name").stringValue()).isEqualTo("p9");
	}

	@Test
	void theAuthorityIsTheClientThatSentTheStatement() {
		String statement = StatementJson.unique()
			.replaceFirst("\\{", "{\"authority\":{\"mbox\":\"mailto:someone-else@example.org\"},");
		HttpResponse<String> post = this.lrs.post(statement);
		assertThat(post.statusCode()).isEqualTo(200);
		JsonNode read = XapiClient
			.json(this.lrs.get("/xapi/statements?statementId=" + XapiClient.json(post.body()).get(0).stringValue())
				.body());
		assertThat(read.get("authority").get("account").get("name").stringValue()).isEqualTo(this.lrs.key);
		assertThat(read.get("authority").has("mbox")).isFalse();
	}

	@Test
	void anUnknownStatementIdIs404() {
		HttpResponse<String> get = this.lrs.get("/xapi/statements?statementId=" + UUID.randomUUID());
		assertThat(get.statusCode()).isEqualTo(404);
		assertThat(get.headers().firstValue("Content-Type"))
			.hasValueSatisfying((t) -> assertThat(t).startsWith("application/problem+json"));
	}

}
