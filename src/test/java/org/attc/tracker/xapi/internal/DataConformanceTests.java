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
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Data rules found by ADL's LRS conformance suite (1.0.3 Data batteries, see docs/xapi.md
 * "Conformance suite run"), each checked over real HTTP: refused with 400 naming the
 * field, and nothing stored.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class DataConformanceTests {

	private static final String ACTOR = "{\"objectType\":\"Agent\",\"mbox\":\"mailto:conformance@example.org\"}";

	private static final String VERB = "{\"id\":\"http://adlnet.gov/expapi/verbs/attended\",\"display\":{\"en-US\":\"attended\"}}";

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

	private int stored(UUID id) {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM xapi_statement WHERE statement_id = ?", Integer.class,
				id.toString());
	}

	private static String statement(UUID id, String verb, String object, String extra) {
		return "{\"id\":\"" + id + "\",\"actor\":" + ACTOR + ",\"verb\":" + verb + ",\"object\":" + object + extra
				+ "}";
	}

	private static String activity(String definition) {
		return "{\"objectType\":\"Activity\",\"id\":\"http://example.org/activities/conformance\""
				+ (definition == null ? "" : ",\"definition\":" + definition) + "}";
	}

	private void refusedAt(UUID id, String json, String path) {
		HttpResponse<String> post = this.lrs.post(json);
		assertThat(post.statusCode()).as(post.body()).isEqualTo(400);
		assertThat(post.body()).contains("\"path\":\"" + path + "\"");
		assertThat(stored(id)).isZero();
	}

	private void accepted(String json) {
		HttpResponse<String> post = this.lrs.post(json);
		assertThat(post.statusCode()).as(post.body()).isEqualTo(200);
	}

	@Test
	void anEmptyLanguageMapIsRefusedWhereverALanguageMapIsUsed() {
		UUID verbDisplay = UUID.randomUUID();
		refusedAt(
				verbDisplay, statement(verbDisplay,
						"{\"id\":\"http://adlnet.gov/expapi/verbs/attended\",\"display\":{}}", activity(null), ""),
				"$.verb.display");
		UUID name = UUID.randomUUID();
		refusedAt(name, statement(name, VERB, activity("{\"name\":{}}"), ""), "$.object.definition.name");
		UUID description = UUID.randomUUID();
		refusedAt(description, statement(description, VERB, activity("{\"description\":{}}"), ""),
				"$.object.definition.description");
		UUID attachment = UUID.randomUUID();
		refusedAt(attachment,
				statement(attachment, VERB, activity(null),
						",\"attachments\":[{\"usageType\":\"http://example.com/attachment-usage/test\",\"display\":{},"
								+ "\"contentType\":\"text/plain\",\"length\":27,"
								+ "\"sha2\":\"495395e777cd98da653df9615d09c0fd6bb2f8d4788394cd53c56a3bfdcd848a\","
								+ "\"fileUrl\":\"http://over.there.com/file.txt\"}]"),
				"$.attachments[0].display");
		accepted(statement(UUID.randomUUID(), VERB, activity("{\"name\":{\"en-GB\":\"a meeting\"}}"), ""));
	}

	@Test
	void anEmptyContextActivitiesIsRefusedInStatementsAndSubStatements() {
		UUID top = UUID.randomUUID();
		refusedAt(top, statement(top, VERB, activity(null), ",\"context\":{\"contextActivities\":{}}"),
				"$.context.contextActivities");
		UUID sub = UUID.randomUUID();
		String subStatement = "{\"objectType\":\"SubStatement\",\"actor\":" + ACTOR + ",\"verb\":" + VERB
				+ ",\"object\":" + activity(null) + ",\"context\":{\"contextActivities\":{}}}";
		refusedAt(sub, statement(sub, VERB, subStatement, ""), "$.object.context.contextActivities");
		accepted(statement(UUID.randomUUID(), VERB, activity(null),
				",\"context\":{\"contextActivities\":{\"parent\":[" + activity(null) + "]}}"));
	}

	@Test
	void anAuthorityGroupIsAnAnonymousPairOfTheOAuthConsumerAndAUser() {
		String consumer = "{\"account\":{\"homePage\":\"http://example.com/xAPI/OAuth/Token\",\"name\":\"oauth_consumer_x75db\"}}";
		String user = "{\"mbox\":\"mailto:bob@example.com\"}";
		UUID identified = UUID.randomUUID();
		refusedAt(identified,
				statement(identified, VERB, activity(null),
						",\"authority\":{\"objectType\":\"Group\",\"mbox\":\"mailto:group@example.com\",\"member\":["
								+ consumer + "," + user + "]}"),
				"$.authority.mbox");
		UUID noConsumer = UUID.randomUUID();
		refusedAt(noConsumer,
				statement(noConsumer, VERB, activity(null), ",\"authority\":{\"objectType\":\"Group\",\"member\":["
						+ user + ",{\"mbox\":\"mailto:ann@example.com\"}]}"),
				"$.authority.member");
		accepted(statement(UUID.randomUUID(), VERB, activity(null),
				",\"authority\":{\"objectType\":\"Group\",\"member\":[" + consumer + "," + user + "]}"));
	}

	@Test
	void statementsSentAsMultipartFormDataAreRefusedWith400NamingContentType() {
		UUID id = UUID.randomUUID();
		String boundary = "-------314159265358979323846";
		String body = "--" + boundary + "\r\nContent-Type: application/json\r\n\r\n"
				+ statement(id, VERB, activity(null), "") + "\r\n--" + boundary + "--";
		HttpResponse<String> post = this.lrs.http.send(this.lrs.request("/xapi/statements")
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)));
		// Communication §1.5.2.s2: statements travel as application/json or
		// multipart/mixed only.
		assertThat(post.statusCode()).as(post.body()).isEqualTo(400);
		assertThat(post.body()).contains("\"path\":\"Content-Type\"");
		assertThat(stored(id)).isZero();
	}

}
