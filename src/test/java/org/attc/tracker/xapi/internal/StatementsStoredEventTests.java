package org.attc.tracker.xapi.internal;

import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

import org.attc.tracker.support.HttpTestClient;
import org.attc.tracker.xapi.Statements;
import org.attc.tracker.xapi.StatementsStored;
import org.attc.tracker.xapi.StoredStatement;
import org.attc.tracker.xapi.internal.clients.LrsClient.Scope;
import org.attc.tracker.xapi.internal.clients.LrsClients;
import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.modulith.test.PublishedEvents;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The module's contract with crediting, with the module and identity only (its security
 * chain needs identity's sign-in throttle): {@link StatementsStored} for every stored
 * batch, naming what it stored and voided, and nothing for a refused batch; and the
 * {@link Statements} read API. Requests go through MockMvc, on the test's thread, where
 * the {@link Scenario} sees what is published.
 */
@ApplicationModuleTest(mode = BootstrapMode.DIRECT_DEPENDENCIES)
@AutoConfigureMockMvc
class StatementsStoredEventTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	LrsClients clients;

	@Autowired
	Statements statements;

	@Autowired
	DataSource dataSource;

	LrsClients.Created client;

	@BeforeEach
	void client() {
		this.client = this.clients.create("module test client", EnumSet.of(Scope.ALL), null);
	}

	@Test
	void storingABatchPublishesTheIdsItStored(Scenario scenario) {
		UUID id = UUID.randomUUID();
		scenario.stimulate(() -> post(StatementJson.completed(id.toString(), "e", "https://x.org/e")))
			.andWaitForEventOfType(StatementsStored.class)
			.matching((event) -> event.statementIds().contains(id))
			.toArriveAndVerify((event) -> {
				assertThat(event.statementIds()).containsExactly(id);
				assertThat(event.voidedStatementIds()).isEmpty();
			});
	}

	@Test
	void aVoidingBatchPublishesTheIdsItVoided(Scenario scenario) {
		UUID first = ids(post(StatementJson.unique())).get(0);
		scenario.stimulate(() -> post(VoidingTests.voiding(first.toString())))
			.andWaitForEventOfType(StatementsStored.class)
			.matching((event) -> event.voidedStatementIds().contains(first))
			.toArriveAndVerify((event, response) -> {
				assertThat(event.voidedStatementIds()).containsExactly(first);
				assertThat(event.statementIds()).containsExactlyElementsOf(ids(response));
			});
	}

	@Test
	void aRefusedBatchPublishesNothing(PublishedEvents events) {
		String id = UUID.randomUUID().toString();
		MvcResult refused = post("[" + StatementJson.completed(id, "e", "https://x.org/e") + ",{\"actor\":{}}]");
		assertThat(refused.getResponse().getStatus()).isEqualTo(400);
		assertThat(events.ofType(StatementsStored.class)).isEmpty();
		assertThat(this.statements.findByIds(List.of(UUID.fromString(id)))).isEmpty();
	}

	@Test
	void theReadApiFindsStatementsByIdAndScansInStorageOrder() {
		List<UUID> ids = ids(post("[" + StatementJson.unique() + "," + StatementJson.unique() + "]"));
		List<StoredStatement> found = this.statements.findByIds(ids);
		assertThat(found).extracting(StoredStatement::id).containsExactlyElementsOf(ids);
		assertThat(found.get(0).statement().get("id").stringValue()).isEqualTo(ids.get(0).toString());
		assertThat(found.get(0).voided()).isFalse();
		List<StoredStatement> scanned = this.statements.scan(found.get(0).position() - 1, 2);
		assertThat(scanned).extracting(StoredStatement::id).containsExactlyElementsOf(ids);
		assertThat(this.statements.scan(found.get(1).position(), 10)).extracting(StoredStatement::id)
			.doesNotContainAnyElementsOf(ids);
	}

	@Test
	void aListenerInTheStoringTransactionSeesTheStatementsBeforeAnyOtherSessionDoes() throws Exception {
		String id = UUID.randomUUID().toString();
		InTransaction.seen.clear();
		assertThat(post(StatementJson.completed(id, "e", "https://x.org/e")).getResponse().getStatus()).isEqualTo(200);
		// what a listener writes there (crediting's queue, the publication registry)
		// commits with the statements or not at all
		assertThat(InTransaction.seen).containsExactly(id + ": transaction true, this session 1, another 0");
		assertThat(InTransaction.countElsewhere(this.dataSource, id)).isEqualTo(1);
	}

	/** A listener of the storing transaction, as crediting's queue is. */
	@TestConfiguration
	static class InTransaction {

		static final List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();

		@Bean
		Object storingTransactionListener(JdbcTemplate jdbc, DataSource dataSource) {
			return new Object() {
				@EventListener
				void on(StatementsStored stored) throws java.sql.SQLException {
					String id = stored.statementIds().get(0).toString();
					seen.add(id + ": transaction " + TransactionSynchronizationManager.isActualTransactionActive()
							+ ", this session "
							+ jdbc.queryForObject("SELECT COUNT(*) FROM xapi_statement WHERE statement_id = ?",
									Integer.class, id)
							+ ", another " + countElsewhere(dataSource, id));
				}
			};
		}

		/** Counts on a connection of its own, outside any transaction of this thread. */
		static int countElsewhere(DataSource dataSource, String id) throws java.sql.SQLException {
			try (java.sql.Connection connection = dataSource.getConnection();
					java.sql.PreparedStatement query = connection
						.prepareStatement("SELECT COUNT(*) FROM xapi_statement WHERE statement_id = ?")) {
				query.setString(1, id);
				try (java.sql.ResultSet rs = query.executeQuery()) {
					rs.next();
					return rs.getInt(1);
				}
			}
		}

	}

	private MvcResult post(String json) {
		try {
			return this.mvc
				.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/xapi/statements")
					.header("Authorization", HttpTestClient.basic(this.client.client().key(), this.client.secret()))
					.header("X-Experience-API-Version", "1.0.3")
					.contentType(MediaType.APPLICATION_JSON)
					.content(json))
				.andReturn();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static List<UUID> ids(MvcResult stored) {
		try {
			assertThat(stored.getResponse().getStatus()).isEqualTo(200);
			return XapiClient.json(stored.getResponse().getContentAsString())
				.valueStream()
				.map((n) -> UUID.fromString(n.stringValue()))
				.toList();
		}
		catch (java.io.UnsupportedEncodingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
