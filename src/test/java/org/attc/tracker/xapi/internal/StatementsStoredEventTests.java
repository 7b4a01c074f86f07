package org.attc.tracker.xapi.internal;

import java.util.List;
import java.util.UUID;

import org.attc.tracker.xapi.Statements;
import org.attc.tracker.xapi.StatementsStored;
import org.attc.tracker.xapi.StoredStatement;
import org.attc.tracker.xapi.internal.clients.LrsClient.Scope;
import org.attc.tracker.xapi.internal.clients.LrsClients;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The module's contract with crediting: {@link StatementsStored} after commit (recorded
 * in the Modulith event publication registry) and the {@link Statements} read API.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class StatementsStoredEventTests {

	@LocalServerPort
	int port;

	@Autowired
	LrsClients clients;

	@Autowired
	Statements statements;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	RecordedStatementsStored recorded;

	@Test
	void storingABatchPublishesItsIdsAndTheIdsItVoidedDurably() {
		XapiClient lrs = XapiClient.create(this.port, this.clients, Scope.ALL);
		String first = XapiClient.json(lrs.post(StatementJson.unique()).body()).get(0).stringValue();
		String voiding = XapiClient.json(lrs.post(VoidingTests.voiding(first)).body()).get(0).stringValue();
		UUID firstId = UUID.fromString(first);
		UUID voidingId = UUID.fromString(voiding);
		org.awaitility.Awaitility.await()
			.atMost(java.time.Duration.ofSeconds(10))
			.untilAsserted(
					() -> assertThat(this.recorded.events()).contains(new StatementsStored(List.of(firstId), List.of()),
							new StatementsStored(List.of(voidingId), List.of(firstId))));
		List<String> events = this.jdbc.queryForList(
				"SELECT serialized_event FROM EVENT_PUBLICATION WHERE event_type = ?", String.class,
				StatementsStored.class.getName());
		assertThat(events).anySatisfy((e) -> assertThat(e).contains(first));
		assertThat(events).anySatisfy((e) -> assertThat(e).contains(voiding).contains(first));
	}

	@Test
	void aRefusedBatchPublishesNothing() {
		XapiClient lrs = XapiClient.create(this.port, this.clients, Scope.ALL);
		String id = UUID.randomUUID().toString();
		lrs.post("[" + StatementJson.completed(id, "e", "https://x.org/e") + ",{\"actor\":{}}]");
		Integer published = this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM EVENT_PUBLICATION WHERE serialized_event LIKE ?", Integer.class, "%" + id + "%");
		assertThat(published).isZero();
	}

	@Test
	void theReadApiFindsStatementsByIdAndScansInStorageOrder() {
		XapiClient lrs = XapiClient.create(this.port, this.clients, Scope.ALL);
		List<UUID> ids = XapiClient
			.json(lrs.post("[" + StatementJson.unique() + "," + StatementJson.unique() + "]").body())
			.valueStream()
			.map((n) -> UUID.fromString(n.stringValue()))
			.toList();
		List<StoredStatement> found = this.statements.findByIds(ids);
		assertThat(found).extracting(StoredStatement::id).containsExactlyElementsOf(ids);
		assertThat(found.get(0).statement().get("id").stringValue()).isEqualTo(ids.get(0).toString());
		assertThat(found.get(0).voided()).isFalse();
		List<StoredStatement> scanned = this.statements.scan(found.get(0).position() - 1, 2);
		assertThat(scanned).extracting(StoredStatement::id).containsExactlyElementsOf(ids);
		assertThat(this.statements.scan(found.get(1).position(), 10)).extracting(StoredStatement::id)
			.doesNotContainAnyElementsOf(ids);
	}

}
