package org.attc.tracker.xapi.internal;

import java.net.http.HttpResponse;
import java.util.UUID;

import org.attc.tracker.xapi.internal.clients.LrsClient.Scope;
import org.attc.tracker.xapi.internal.clients.LrsClients;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** xAPI 1.0.3 Data §2.2.5 and Communication §2.1.4: voided statements. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class VoidingTests {

	@LocalServerPort
	int port;

	@Autowired
	LrsClients clients;

	XapiClient lrs;

	@BeforeEach
	void client() {
		this.lrs = XapiClient.create(this.port, this.clients, Scope.ALL);
	}

	static String voiding(String target) {
		return """
				{"actor":{"mbox":"mailto:admin@example.org"},
				 "verb":{"id":"http://adlnet.gov/expapi/verbs/voided","display":{"en-US":"voided"}},
				 "object":{"objectType":"StatementRef","id":"%s"}}
				""".formatted(target);
	}

	@Test
	void aVoidedStatementLeavesQueriesButIsFoundByVoidedStatementId() {
		String learner = "v-" + UUID.randomUUID();
		String id = XapiClient.json(this.lrs.post(StatementJson.completed(learner, "https://x.org/v/1")).body())
			.get(0)
			.stringValue();
		HttpResponse<String> voidIt = this.lrs.post(voiding(id));
		assertThat(voidIt.statusCode()).as(voidIt.body()).isEqualTo(200);
		String voidingId = XapiClient.json(voidIt.body()).get(0).stringValue();
		assertThat(this.lrs.get("/xapi/statements?statementId=" + id).statusCode()).isEqualTo(404);
		HttpResponse<String> byVoided = this.lrs.get("/xapi/statements?voidedStatementId=" + id);
		assertThat(byVoided.statusCode()).isEqualTo(200);
		assertThat(XapiClient.json(byVoided.body()).get("id").stringValue()).isEqualTo(id);
		JsonNode query = XapiClient
			.json(this.lrs
				.get("/xapi/statements?agent=" + XapiClient
					.q("{\"account\":{\"homePage\":\"https://moodle.example.org\",\"name\":\"" + learner + "\"}}"))
				.body());
		// the voided statement is gone from the results; the voiding statement, which
		// targets
		// a statement matching the filter, is in them (Communication §2.1.3, Filter
		// Conditions for StatementRefs, whose example is exactly this)
		assertThat(query.get("statements")).hasSize(1);
		assertThat(query.get("statements").get(0).get("id").stringValue()).isEqualTo(voidingId);
		// the voiding statement itself is an ordinary statement
		assertThat(this.lrs.get("/xapi/statements?statementId=" + voidingId).statusCode()).isEqualTo(200);
		assertThat(this.lrs.get("/xapi/statements?voidedStatementId=" + voidingId).statusCode()).isEqualTo(404);
	}

	@Test
	void aStatementAndItsVoidingInOneBatchLeaveItVoided() {
		String id = UUID.randomUUID().toString();
		HttpResponse<String> post = this.lrs
			.post("[" + StatementJson.completed(id, "v2", "https://x.org/v/2") + "," + voiding(id) + "]");
		assertThat(post.statusCode()).as(post.body()).isEqualTo(200);
		assertThat(this.lrs.get("/xapi/statements?voidedStatementId=" + id).statusCode()).isEqualTo(200);
	}

	@Test
	void aVoidingStatementCannotVoidAVoidingStatement() {
		String id = XapiClient.json(this.lrs.post(StatementJson.unique()).body()).get(0).stringValue();
		String voidingId = XapiClient.json(this.lrs.post(voiding(id)).body()).get(0).stringValue();
		HttpResponse<String> again = this.lrs.post(voiding(voidingId));
		assertThat(again.statusCode()).isEqualTo(400);
		assertThat(XapiClient.json(again.body()).get("path").stringValue()).isEqualTo("$.object.id");
		assertThat(this.lrs.get("/xapi/statements?statementId=" + voidingId).statusCode()).isEqualTo(200);
	}

	private XapiClient client(String organisation, Scope... scopes) {
		LrsClients.Created created = this.clients.create("voiding test", java.util.Set.of(scopes), organisation);
		return XapiClient.of(this.port, created);
	}

	@Test
	void aClientVoidsOnlyStatementsStoredByClientsOfItsOwnOrganisation() {
		String trustA = "TA-" + UUID.randomUUID();
		String trustB = "TB-" + UUID.randomUUID();
		XapiClient storer = client(trustB, Scope.STATEMENTS_WRITE, Scope.STATEMENTS_READ);
		XapiClient stranger = client(trustA, Scope.STATEMENTS_WRITE);
		XapiClient colleague = client(trustB, Scope.STATEMENTS_WRITE);
		XapiClient unaffiliated = client(null, Scope.STATEMENTS_WRITE);
		String id = XapiClient
			.json(storer.post(StatementJson.completed("v-" + UUID.randomUUID(), "https://x.org/v/own")).body())
			.get(0)
			.stringValue();

		for (XapiClient refused : new XapiClient[] { stranger, unaffiliated }) {
			HttpResponse<String> voidIt = refused.post(voiding(id));
			assertThat(voidIt.statusCode()).as(voidIt.body()).isEqualTo(403);
			assertThat(voidIt.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			JsonNode problem = XapiClient.json(voidIt.body());
			assertThat(problem.get("path").stringValue()).isEqualTo("$.object.id");
			assertThat(problem.get("detail").stringValue()).contains("organisation");
		}
		assertThat(storer.get("/xapi/statements?statementId=" + id).statusCode()).isEqualTo(200);

		HttpResponse<String> sameTrust = colleague.post(voiding(id));
		assertThat(sameTrust.statusCode()).as(sameTrust.body()).isEqualTo(200);
		assertThat(storer.get("/xapi/statements?voidedStatementId=" + id).statusCode()).isEqualTo(200);
	}

	@Test
	void aClientWithTheAllScopeVoidsAnyStatement() {
		XapiClient storer = client("TC-" + UUID.randomUUID(), Scope.STATEMENTS_WRITE);
		String id = XapiClient
			.json(storer.post(StatementJson.completed("v-" + UUID.randomUUID(), "https://x.org/v/all")).body())
			.get(0)
			.stringValue();
		HttpResponse<String> voidIt = this.lrs.post(voiding(id));
		assertThat(voidIt.statusCode()).as(voidIt.body()).isEqualTo(200);
	}

	@Test
	void aClientWithoutAnOrganisationVoidsItsOwnStatements() {
		XapiClient own = client(null, Scope.STATEMENTS_WRITE);
		String id = XapiClient
			.json(own.post(StatementJson.completed("v-" + UUID.randomUUID(), "https://x.org/v/self")).body())
			.get(0)
			.stringValue();
		assertThat(own.post(voiding(id)).statusCode()).isEqualTo(200);
	}

}
