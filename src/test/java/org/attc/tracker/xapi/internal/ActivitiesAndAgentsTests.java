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

/**
 * xAPI 1.0.3 Communication §2.5 (Activities) and §2.6 (Agents, the Person object); IEEE
 * 9274.1.1 §4.1.6.3-4.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ActivitiesAndAgentsTests {

	@LocalServerPort
	int port;

	@Autowired
	LrsClients clients;

	XapiClient lrs;

	@BeforeEach
	void client() {
		this.lrs = XapiClient.create(this.port, this.clients, Scope.ALL);
	}

	@Test
	void theActivityDefinitionIsMergedFromTheStatementsThatNameIt() {
		String activity = "https://x.org/act/" + UUID.randomUUID();
		this.lrs.post(StatementJson.completed("a1", activity));
		this.lrs.post(StatementJson.completed("a2", activity)
			.replace("\"en-US\":\"Handling ATMPs (US)\"", "\"fr\":\"Manipulation des MTI\""));
		HttpResponse<String> get = this.lrs.get("/xapi/activities?activityId=" + XapiClient.q(activity));
		assertThat(get.statusCode()).as(get.body()).isEqualTo(200);
		JsonNode definition = XapiClient.json(get.body()).get("definition");
		assertThat(definition.get("name").propertyNames()).containsExactlyInAnyOrder("en-GB", "en-US", "fr");
		assertThat(definition.get("type").stringValue()).isEqualTo("http://adlnet.gov/expapi/activities/course");
	}

	/**
	 * IEEE 9274.1.1 §4.1.6.4: without a canonical definition the LRS still returns an
	 * Activity Object (ADL's 2.0 suite asks it of a never-seen IRI).
	 */
	@Test
	void anActivityNoStatementNamesIsStillAnActivityObjectWithItsId() {
		String activity = "https://x.org/none/" + UUID.randomUUID();
		for (String version : new String[] { "1.0.3", "2.0.0" }) {
			HttpResponse<String> get = this.lrs.http
				.send(this.lrs.request("/xapi/activities?activityId=" + XapiClient.q(activity))
					.setHeader("X-Experience-API-Version", version)
					.GET());
			assertThat(get.statusCode()).as(get.body()).isEqualTo(200);
			JsonNode body = XapiClient.json(get.body());
			assertThat(body.propertyNames()).containsExactlyInAnyOrder("objectType", "id");
			assertThat(body.get("objectType").stringValue()).isEqualTo("Activity");
			assertThat(body.get("id").stringValue()).isEqualTo(activity);
		}
	}

	@Test
	void thePersonObjectListsTheGivenIdentifier() {
		HttpResponse<String> get = this.lrs.get(
				"/xapi/agents?agent=" + XapiClient.q("{\"objectType\":\"Agent\",\"name\":\"Ann\",\"mbox\":\"mailto:ann-"
						+ UUID.randomUUID() + "@example.org\"}"));
		assertThat(get.statusCode()).as(get.body()).isEqualTo(200);
		JsonNode person = XapiClient.json(get.body());
		assertThat(person.get("objectType").stringValue()).isEqualTo("Person");
		assertThat(person.get("mbox").isArray()).isTrue();
		assertThat(person.get("name").get(0).stringValue()).isEqualTo("Ann");
	}

	@Test
	void anAgentWithTwoIdentifiersIsRefused() {
		assertThat(this.lrs
			.get("/xapi/agents?agent="
					+ XapiClient.q("{\"mbox\":\"mailto:a@b.c\",\"openid\":\"https://id.example.org/a\"}"))
			.statusCode()).isEqualTo(400);
	}

}
