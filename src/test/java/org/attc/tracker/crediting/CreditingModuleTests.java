package org.attc.tracker.crediting;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import org.attc.tracker.crediting.internal.attainment.EvidenceKind;
import org.attc.tracker.crediting.internal.engine.SignOffs;
import org.attc.tracker.crediting.internal.ledger.EvidenceLedger;
import org.attc.tracker.crediting.internal.ledger.EvidenceRow;
import org.attc.tracker.crediting.internal.ledger.NewEvidence;
import org.attc.tracker.crediting.internal.mapping.ActivityMapping;
import org.attc.tracker.crediting.internal.mapping.ActivityMappingRepository;
import org.attc.tracker.crediting.internal.mapping.MappingDefinition;
import org.attc.tracker.crediting.internal.mapping.MappingIndex;
import org.attc.tracker.crediting.internal.rule.ActivityMatch;
import org.attc.tracker.framework.Capability;
import org.attc.tracker.framework.CapabilityCatalogue;
import org.attc.tracker.framework.Tier;
import org.attc.tracker.framework.TierScale;
import org.attc.tracker.identity.Learners;
import org.attc.tracker.identity.LearnersMerged;
import org.attc.tracker.shared.AgentIdentifier;
import org.attc.tracker.shared.LearnerId;
import org.attc.tracker.xapi.Statements;
import org.attc.tracker.xapi.StatementsStored;
import org.attc.tracker.xapi.StoredStatement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.BDDMockito.given;

/**
 * Crediting on its own (the module alone, on the real embedded MariaDB): it answers the
 * events of xapi and identity, and publishes {@link AttainmentChanged}. The three
 * modules' APIs it calls stand in as mocks that answer what the test stored there.
 */
// runtime: the database session check of crediting's queue
@ApplicationModuleTest(extraIncludes = "runtime")
class CreditingModuleTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@MockitoBean
	Statements statements;

	@MockitoBean
	Learners learners;

	@MockitoBean
	CapabilityCatalogue catalogue;

	@Autowired
	ActivityMappingRepository mappings;

	@Autowired
	MappingIndex index;

	@Autowired
	EvidenceLedger ledger;

	@Autowired
	SignOffs signOffs;

	/** This test's mappings, deleted afterwards (see {@link #deleteMappings()}). */
	List<Long> created = new java.util.ArrayList<>();

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TransactionTemplate transaction;

	/** The statements the mocked xapi API knows, by id. */
	Map<UUID, StoredStatement> stored = new java.util.concurrent.ConcurrentHashMap<>();

	/** Statements whose reading fails. */
	Set<UUID> failing = java.util.concurrent.ConcurrentHashMap.newKeySet();

	/** Activities of this test only: other test classes share the database. */
	String activity;

	LearnerId learner;

	@BeforeEach
	void setUp() {
		this.activity = "https://module-test.example/" + UUID.randomUUID() + "/quiz";
		this.learner = new LearnerId(ThreadLocalRandom.current().nextLong(1_000_000_000L, 2_000_000_000L));
		given(this.learners.resolveActors(anyMap())).willAnswer((call) -> {
			Map<AgentIdentifier, String> actors = call.getArgument(0);
			return actors.keySet().stream().collect(Collectors.toMap((a) -> a, (a) -> this.learner));
		});
		given(this.learners.current(any())).willAnswer((call) -> call.getArgument(0));
		// crediting reads each claimed batch (which may hold rows of other test classes)
		given(this.statements.findByIds(any())).willAnswer((call) -> {
			java.util.Collection<UUID> ids = call.getArgument(0);
			if (ids.stream().anyMatch(this.failing::contains)) {
				throw new IllegalStateException("a statement crediting cannot read");
			}
			return ids.stream().map(this.stored::get).filter((s) -> s != null).toList();
		});
	}

	/** Every current row of the mapping (the ledger reads them a page at a time). */
	private List<EvidenceRow> currentOf(long mapping) {
		return this.ledger.currentForMapping(mapping, 0, Integer.MAX_VALUE);
	}

	/**
	 * The statements here exist only in the mocked xapi API; a live mapping over them
	 * would have a full-app recompute in another test class (same database) retract their
	 * evidence.
	 */
	@AfterEach
	void deleteMappings() {
		this.transaction.executeWithoutResult((s) -> this.created
			.forEach((id) -> this.mappings.findById(id).filter((m) -> !m.deleted()).ifPresent((mapping) -> {
				mapping.delete("module test");
				this.mappings.saveAndFlush(mapping);
			})));
		this.index.changed();
	}

	@Test
	void aStoredStatementThatMeetsAMappingIsCreditedFromTheDurableQueue(Scenario scenario) {
		ActivityMapping mapping = mapping("cap-" + UUID.randomUUID());
		StoredStatement passed = stored("034-core.course_module_completion_updated.json");

		scenario.publish(new StatementsStored(List.of(passed.id()), List.of()))
			.andWaitForStateChange(() -> queued(passed.id()), (queued) -> queued == 0)
			.andVerify((queued) -> {
				List<EvidenceRow> rows = currentOf(mapping.id());
				assertThat(rows).singleElement().satisfies((row) -> {
					assertThat(row.kind()).isEqualTo(EvidenceKind.CREDIT);
					assertThat(row.learnerId()).isEqualTo(this.learner.value());
					assertThat(row.statementId()).isEqualTo(passed.id());
					assertThat(row.capabilityIdentifier()).isEqualTo(mapping.capabilityIdentifier());
				});
			});
	}

	@Test
	void aStatementQueuedByANodeThatDiedBeforeCreditingIsCreditedByTheNextCheck() {
		ActivityMapping mapping = mapping("cap-" + UUID.randomUUID());
		StoredStatement passed = stored("034-core.course_module_completion_updated.json");
		// the row the storing transaction committed, with no worker woken for it (its
		// node was killed right after the commit)
		this.jdbc.update("INSERT INTO cred_pending_statement (statement_id, retract) VALUES (?, FALSE)",
				passed.id().toString());

		List<EvidenceRow> rows = org.attc.tracker.support.Eventually.value(() -> currentOf(mapping.id()),
				(found) -> !found.isEmpty());
		assertThat(rows).singleElement().satisfies((row) -> assertThat(row.statementId()).isEqualTo(passed.id()));
		assertThat(org.attc.tracker.support.Eventually.value(() -> queued(passed.id()), (n) -> n == 0)).isZero();
	}

	@Test
	void aStatementCreditingCannotHandleIsSetAsideAndTheOthersAreCredited() {
		ActivityMapping mapping = mapping("cap-" + UUID.randomUUID());
		UUID poison = UUID.randomUUID();
		this.failing.add(poison);
		StoredStatement passed = stored("034-core.course_module_completion_updated.json");
		this.jdbc.update("INSERT INTO cred_pending_statement (statement_id, retract) VALUES (?, FALSE), (?, FALSE)",
				poison.toString(), passed.id().toString());

		assertThat(
				org.attc.tracker.support.Eventually.value(() -> currentOf(mapping.id()), (found) -> !found.isEmpty()))
			.singleElement()
			.satisfies((row) -> assertThat(row.statementId()).isEqualTo(passed.id()));
		assertThat(org.attc.tracker.support.Eventually
			.value(() -> this.jdbc.queryForObject("SELECT failures FROM cred_pending_statement WHERE statement_id = ?",
					Integer.class, poison.toString()), (failures) -> failures >= 5))
			.isEqualTo(5);
		this.jdbc.update("DELETE FROM cred_pending_statement WHERE statement_id = ?", poison.toString());
	}

	@Test
	void aVoidedStatementsEvidenceIsTakenBack(Scenario scenario) {
		ActivityMapping mapping = mapping("cap-" + UUID.randomUUID());
		StoredStatement passed = stored("034-core.course_module_completion_updated.json");
		scenario.publish(new StatementsStored(List.of(passed.id()), List.of()))
			.andWaitForStateChange(() -> currentOf(mapping.id()), (rows) -> !rows.isEmpty())
			.andVerify((rows) -> assertThat(rows).hasSize(1));

		scenario.publish(new StatementsStored(List.of(), List.of(passed.id())))
			.andWaitForStateChange(() -> currentOf(mapping.id()), List::isEmpty)
			.andVerify((rows) -> assertThat(this.ledger.history(this.learner.value()))
				.anySatisfy((row) -> assertThat(row.reason()).contains("was voided")));
	}

	@Test
	void aSignOffPublishesAttainmentChangedForItsLearnerAndCapability(Scenario scenario) {
		String capability = "cap-" + UUID.randomUUID();
		given(this.catalogue.capability(capability)).willReturn(Optional
			.of(new Capability(capability, capability, "C1", "Observed administration", "", List.of(), 1, 1,
					new TierScale(List.of(new Tier(1, "T1", "Aware", ""), new Tier(2, "T2", "Practitioner", ""))))));

		// not in Scenario's own transaction: a sign-off opens its own, at READ COMMITTED,
		// as every change to evidence must (docs/crediting.md, stored standings)
		scenario
			.stimulate((transactions) -> this.signOffs.record(this.learner, capability, "2", "observed on the ward",
					Instant.now(), null, "assessor"))
			.andWaitForEventOfType(AttainmentChanged.class)
			.matching((event) -> event.changes().contains(new AttainmentChanged.Change(this.learner, capability)))
			.toArriveAndVerify((event, row) -> {
				assertThat(row.kind()).isEqualTo(EvidenceKind.SIGN_OFF);
				assertThat(row.tierRank()).isEqualTo(2);
			});
	}

	@Test
	void mergedLearnersEvidenceMovesToTheSurvivor(Scenario scenario) {
		LearnerId absorbed = this.learner;
		LearnerId survivor = new LearnerId(absorbed.value() + 1);
		String capability = "cap-" + UUID.randomUUID();
		this.transaction.executeWithoutResult(
				(s) -> this.ledger.appendOnce(NewEvidence.of(absorbed.value(), capability, 1, EvidenceKind.SIGN_OFF)
					.recordedBy("assessor")
					.reason("signed off")
					.achievedAt(Instant.now())
					.baseKey("signoff:" + UUID.randomUUID())
					.build()));
		given(this.learners.current(absorbed)).willReturn(survivor);

		scenario.publish(new LearnersMerged(1, survivor, absorbed))
			.andWaitForStateChange(() -> this.ledger.current(survivor.value()), (rows) -> !rows.isEmpty())
			.andVerify((rows) -> {
				assertThat(rows).singleElement().satisfies((row) -> {
					assertThat(row.capabilityIdentifier()).isEqualTo(capability);
					assertThat(row.kind()).isEqualTo(EvidenceKind.SIGN_OFF);
				});
				assertThat(this.ledger.current(absorbed.value())).isEmpty();
			});
	}

	private ActivityMapping mapping(String capability) {
		ActivityMapping mapping = this.transaction.execute((s) -> {
			ActivityMapping saved = this.mappings.saveAndFlush(new ActivityMapping(new MappingDefinition(capability,
					null, 2, new ActivityMatch(ActivityMatch.Kind.EXACT, this.activity), this.activity, null, null,
					null, null, Set.of(), false, null, null, null, null, 12), "module test"));
			this.index.changed();
			return saved;
		});
		this.created.add(mapping.id());
		return mapping;
	}

	/**
	 * A Moodle statement as the LRS would hand it over, about this test's activity; the
	 * xapi module's read API answers with it.
	 */
	private StoredStatement stored(String file) {
		try (InputStream in = getClass().getResourceAsStream("/xapi/moodle-live/statements/" + file)) {
			ObjectNode statement = (ObjectNode) json.readTree(in);
			UUID id = UUID.randomUUID();
			statement.put("id", id.toString());
			((ObjectNode) statement.get("object")).put("id", this.activity);
			Instant timestamp = Instant.parse(statement.get("timestamp").asString());
			StoredStatement stored = new StoredStatement(id, statement, Instant.now(), timestamp, false, 1);
			this.stored.put(id, stored);
			return stored;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Rows of the statement still in crediting's queue (the event leaves one). */
	private int queued(UUID statementId) {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM cred_pending_statement WHERE statement_id = ?",
				Integer.class, statementId.toString());
	}

}
