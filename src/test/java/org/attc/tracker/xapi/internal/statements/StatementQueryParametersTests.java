package org.attc.tracker.xapi.internal.statements;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.attc.tracker.xapi.internal.protocol.XapiParameters;
import org.attc.tracker.xapi.internal.protocol.XapiProblems.XapiRequestRefused;
import org.attc.tracker.xapi.internal.store.StatementQuery;
import org.attc.tracker.xapi.internal.validation.XapiVersion;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** xAPI 1.0.3 Communication §2.1.3: the parameters of a statement GET. */
class StatementQueryParametersTests {

	private static final String ID = "e2a9c2f8-3d7f-4b8c-9a5e-4f1a2b3c4d5e";

	private static XapiParameters parameters(XapiVersion version, String... namesAndValues) {
		Map<String, String[]> values = new LinkedHashMap<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			values.put(namesAndValues[i], new String[] { namesAndValues[i + 1] });
		}
		return new XapiParameters(values, version);
	}

	private static XapiParameters parameters(String... namesAndValues) {
		return parameters(XapiVersion.V1_0_3, namesAndValues);
	}

	private static StatementQuery query(String... namesAndValues) {
		XapiParameters parameters = parameters(namesAndValues);
		assertThat(StatementQueryParameters.lookup(parameters)).isEmpty();
		return StatementQueryParameters.query(parameters, 500, null);
	}

	private static void refusedNaming(String field, Runnable parse) {
		assertThatThrownBy(parse::run).isInstanceOfSatisfying(XapiRequestRefused.class, (refused) -> {
			assertThat(refused.status()).isEqualTo(400);
			assertThat(refused.field()).isEqualTo(field);
		});
	}

	@Test
	void statementIdAsksForOneStatement() {
		var lookup = StatementQueryParameters.lookup(parameters("statementId", ID, "attachments", "true"))
			.orElseThrow();
		assertThat(lookup.id()).isEqualTo(UUID.fromString(ID));
		assertThat(lookup.voided()).isFalse();
		assertThat(lookup.attachments()).isTrue();
		assertThat(lookup.format()).isEqualTo("exact");
	}

	@Test
	void voidedStatementIdAsksForAVoidedStatement() {
		var lookup = StatementQueryParameters.lookup(parameters("voidedStatementId", ID, "format", "ids"))
			.orElseThrow();
		assertThat(lookup.voided()).isTrue();
		assertThat(lookup.parameter()).isEqualTo("voidedStatementId");
		assertThat(lookup.format()).isEqualTo("ids");
	}

	@Test
	void statementIdAndVoidedStatementIdTogetherAre400() {
		refusedNaming("statementId",
				() -> StatementQueryParameters.lookup(parameters("statementId", ID, "voidedStatementId", ID)));
	}

	@Test
	void aFilterBesideAStatementIdIs400() {
		refusedNaming("verb", () -> StatementQueryParameters
			.lookup(parameters("statementId", ID, "verb", "http://adlnet.gov/expapi/verbs/completed")));
	}

	@Test
	void aStatementIdThatIsNoUuidIs400() {
		refusedNaming("statementId", () -> StatementQueryParameters.lookup(parameters("statementId", "42")));
	}

	@Test
	void anUnknownParameterIs400() {
		refusedNaming("actor", () -> StatementQueryParameters.lookup(parameters("actor", "x")));
	}

	@Test
	void formatIsIdsExactOrCanonical() {
		assertThat(query().format()).isEqualTo("exact");
		assertThat(query("format", "canonical").format()).isEqualTo("canonical");
		refusedNaming("format", () -> StatementQueryParameters.lookup(parameters("format", "full")));
	}

	@Test
	void limitZeroMeansTheServersMaximumAndMoreIsCappedAtIt() {
		assertThat(query().limit()).isEqualTo(500);
		assertThat(query("limit", "0").limit()).isEqualTo(500);
		assertThat(query("limit", "10").limit()).isEqualTo(10);
		assertThat(query("limit", "100000").limit()).isEqualTo(500);
	}

	@Test
	void aNegativeOrNonNumericLimitIs400() {
		refusedNaming("limit", () -> query("limit", "-1"));
		refusedNaming("limit", () -> query("limit", "ten"));
	}

	@Test
	void flagsAreTrueOrFalseOnly() {
		StatementQuery query = query("related_activities", "true", "related_agents", "false", "ascending", "true");
		assertThat(query.relatedActivities()).isTrue();
		assertThat(query.relatedAgents()).isFalse();
		assertThat(query.ascending()).isTrue();
		refusedNaming("related_agents", () -> query("related_agents", "yes"));
	}

	@Test
	void verbAndActivityAreIrisAndRegistrationAUuid() {
		StatementQuery query = query("verb", "http://adlnet.gov/expapi/verbs/completed", "activity", "https://x.org/a",
				"registration", ID);
		assertThat(query.verb()).isEqualTo("http://adlnet.gov/expapi/verbs/completed");
		assertThat(query.activity()).isEqualTo("https://x.org/a");
		assertThat(query.registration()).isEqualTo(UUID.fromString(ID));
		refusedNaming("verb", () -> query("verb", "completed"));
		refusedNaming("registration", () -> query("registration", "r-1"));
	}

	@Test
	void agentIsAnAgentWithOneInverseFunctionalIdentifier() {
		assertThat(query("agent", "{\"mbox\":\"mailto:a@example.org\"}").agent().value()).contains("a@example.org");
		refusedNaming("agent", () -> query("agent", "mailto:a@example.org"));
		refusedNaming("agent",
				() -> query("agent", "{\"mbox\":\"mailto:a@example.org\",\"openid\":\"https://a.example.org\"}"));
	}

	@Test
	void sinceAndUntilKeepTheirPlaces() {
		StatementQuery query = query("since", "2026-01-01T00:00:00Z", "until", "2026-02-01T00:00:00Z");
		assertThat(query.since()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
		assertThat(query.until()).isEqualTo(Instant.parse("2026-02-01T00:00:00Z"));
		refusedNaming("until", () -> query("until", "yesterday"));
	}

	@Test
	void a20TimestampWithoutAZoneOffsetIs400() {
		XapiParameters parameters = parameters(XapiVersion.V2_0_0, "since", "2026-01-01T00:00:00");
		refusedNaming("since", () -> StatementQueryParameters.query(parameters, 500, null));
	}

	@Test
	void aReadMineClientsQueryIsLimitedToItsStatements() {
		assertThat(StatementQueryParameters.query(parameters(), 500, "mine").clientKey()).isEqualTo("mine");
	}

}
