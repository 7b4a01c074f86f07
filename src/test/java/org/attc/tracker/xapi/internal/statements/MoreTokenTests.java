package org.attc.tracker.xapi.internal.statements;

import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import org.attc.tracker.shared.AgentIdentifier;
import org.attc.tracker.xapi.internal.XapiJson;
import org.attc.tracker.xapi.internal.protocol.XapiProblems.XapiRequestRefused;
import org.attc.tracker.xapi.internal.store.StatementQuery;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * xAPI 1.0.3 Communication §2.1.3 (StatementResult {@code more}): the next page's link
 * carries the whole query and its keyset position.
 */
class MoreTokenTests {

	private static StatementQuery everyFilter() {
		return StatementQuery.builder()
			.agent(AgentIdentifier.fromActor(XapiJson.MAPPER.readTree("{\"mbox\":\"mailto:a@example.org\"}")))
			.verb("http://adlnet.gov/expapi/verbs/completed")
			.activity("https://x.org/a")
			.registration(UUID.fromString("e2a9c2f8-3d7f-4b8c-9a5e-4f1a2b3c4d5e"))
			.relatedActivities(true)
			.relatedAgents(true)
			.since(Instant.parse("2026-01-01T00:00:00Z"))
			.until(Instant.parse("2026-02-01T12:30:00.123Z"))
			.limit(25)
			.format("canonical")
			.attachments(true)
			.ascending(true)
			.build();
	}

	@Test
	void theNextPageKeepsEveryFilterAndAddsItsPosition() {
		StatementQuery next = everyFilter().next(41, Instant.parse("2026-01-15T08:00:00.250Z"), 99);
		StatementQuery decoded = MoreToken.decode(MoreToken.encode(next), null);
		assertThat(decoded).isEqualTo(next);
		assertThat(decoded.after()).isEqualTo(41L);
		assertThat(decoded.afterStored()).isEqualTo(Instant.parse("2026-01-15T08:00:00.250Z"));
		assertThat(decoded.through()).isEqualTo(99L);
		assertThat(decoded.since()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
		assertThat(decoded.until()).isEqualTo(Instant.parse("2026-02-01T12:30:00.123Z"));
	}

	@Test
	void aQueryWithoutFiltersRoundTrips() {
		StatementQuery next = StatementQuery.builder()
			.limit(500)
			.build()
			.next(7, Instant.parse("2026-01-15T08:00:00Z"), 7);
		assertThat(MoreToken.decode(MoreToken.encode(next), null)).isEqualTo(next);
	}

	@Test
	void theTokenIsUrlSafeWithoutPadding() {
		assertThat(MoreToken.encode(everyFilter().next(1, Instant.parse("2026-01-15T08:00:00Z"), 2)))
			.matches("[A-Za-z0-9_-]+");
	}

	@Test
	void theReadersRestrictionComesFromTheCallerNotTheToken() {
		String token = MoreToken.encode(everyFilter().toBuilder()
			.clientKey("writer")
			.build()
			.next(1, Instant.parse("2026-01-15T08:00:00Z"), 2));
		assertThat(MoreToken.decode(token, null).clientKey()).isNull();
		assertThat(MoreToken.decode(token, "mine-only").clientKey()).isEqualTo("mine-only");
	}

	@Test
	void aTokenThisLrsDidNotMakeIs400() {
		assertThatThrownBy(() -> MoreToken.decode("not a token!", null)).isInstanceOf(XapiRequestRefused.class)
			.hasMessage("The more link is not valid.");
		String json = Base64.getUrlEncoder().encodeToString("{\"limit\":10}".getBytes());
		assertThatThrownBy(() -> MoreToken.decode(json, null)).isInstanceOf(XapiRequestRefused.class);
	}

	@Test
	void aTokenWithAnUnknownFormatOrNoPageIs400() {
		String token = MoreToken.encode(everyFilter().next(1, Instant.parse("2026-01-15T08:00:00Z"), 2));
		String json = new String(Base64.getUrlDecoder().decode(token));
		String badFormat = Base64.getUrlEncoder()
			.encodeToString(json.replace("\"canonical\"", "\"everything\"").getBytes());
		assertThatThrownBy(() -> MoreToken.decode(badFormat, null)).isInstanceOf(XapiRequestRefused.class);
		String noPage = Base64.getUrlEncoder().encodeToString(json.replace("\"limit\":25", "\"limit\":0").getBytes());
		assertThatThrownBy(() -> MoreToken.decode(noPage, null)).isInstanceOf(XapiRequestRefused.class);
	}

}
