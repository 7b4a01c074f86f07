package org.attc.tracker.xapi.internal.clients;

import java.util.EnumSet;
import java.util.Set;

import org.attc.tracker.xapi.internal.clients.LrsClient.Scope;
import org.attc.tracker.xapi.internal.clients.ScopeRules.Permission;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** xAPI 1.0.3 Communication §4.2: what each scope permits here. */
class ScopeRulesTests {

	private static Set<Permission> permittedBy(Scope... scopes) {
		Set<Permission> permitted = EnumSet.noneOf(Permission.class);
		for (Permission permission : Permission.values()) {
			if (ScopeRules.permits(Set.of(scopes), permission)) {
				permitted.add(permission);
			}
		}
		return permitted;
	}

	@Test
	void statementsWriteOnlyStoresStatements() {
		assertThat(permittedBy(Scope.STATEMENTS_WRITE)).containsExactly(Permission.WRITE_STATEMENTS);
	}

	@Test
	void statementsReadMineReadsOwnStatementsActivitiesAndAgentsOnly() {
		assertThat(permittedBy(Scope.STATEMENTS_READ_MINE)).containsExactlyInAnyOrder(Permission.READ_OWN_STATEMENTS,
				Permission.READ_ACTIVITIES_AND_AGENTS);
	}

	@Test
	void statementsReadReadsEveryStatementButNoDocuments() {
		assertThat(permittedBy(Scope.STATEMENTS_READ)).containsExactlyInAnyOrder(Permission.READ_ANY_STATEMENT,
				Permission.READ_OWN_STATEMENTS, Permission.READ_ACTIVITIES_AND_AGENTS);
	}

	@Test
	void stateWritesStateAndReadsEveryDocumentButNoStatements() {
		assertThat(permittedBy(Scope.STATE)).containsExactlyInAnyOrder(Permission.WRITE_STATE,
				Permission.READ_DOCUMENTS, Permission.READ_ACTIVITIES_AND_AGENTS);
	}

	@Test
	void profileWritesProfilesAndReadsEveryDocumentButNoStatements() {
		assertThat(permittedBy(Scope.PROFILE)).containsExactlyInAnyOrder(Permission.WRITE_PROFILES,
				Permission.READ_DOCUMENTS, Permission.READ_ACTIVITIES_AND_AGENTS);
	}

	@Test
	void allReadReadsEverythingAndWritesNothing() {
		assertThat(permittedBy(Scope.ALL_READ)).containsExactlyInAnyOrder(Permission.READ_ANY_STATEMENT,
				Permission.READ_OWN_STATEMENTS, Permission.READ_DOCUMENTS, Permission.READ_ACTIVITIES_AND_AGENTS);
	}

	@Test
	void allPermitsEverythingIncludingVoidingAnyStatement() {
		assertThat(permittedBy(Scope.ALL)).containsExactlyInAnyOrder(Permission.values());
	}

	@Test
	void scopesAddUp() {
		assertThat(permittedBy(Scope.STATEMENTS_WRITE, Scope.STATEMENTS_READ_MINE)).containsExactlyInAnyOrder(
				Permission.WRITE_STATEMENTS, Permission.READ_OWN_STATEMENTS, Permission.READ_ACTIVITIES_AND_AGENTS);
		assertThat(permittedBy()).isEmpty();
	}

	@Test
	void readingADocumentNeedsAnyDocumentScopeWritingNeedsTheResourcesOwn() {
		assertThat(ScopeRules.forDocuments(true, true)).isEqualTo(Permission.READ_DOCUMENTS);
		assertThat(ScopeRules.forDocuments(false, true)).isEqualTo(Permission.READ_DOCUMENTS);
		assertThat(ScopeRules.forDocuments(true, false)).isEqualTo(Permission.WRITE_STATE);
		assertThat(ScopeRules.forDocuments(false, false)).isEqualTo(Permission.WRITE_PROFILES);
	}

	@Test
	void aRefusedPermissionIsAScopeRefusalWithItsReason() {
		LrsClient reader = new LrsClient("k", "reader", Set.of(Scope.STATEMENTS_READ), null);
		assertThatThrownBy(() -> ScopeRules.require(reader, Permission.WRITE_STATEMENTS))
			.isInstanceOf(ScopeRefused.class)
			.hasMessage("This client may not write statements.");
		ScopeRules.require(reader, Permission.READ_OWN_STATEMENTS);
	}

	@Test
	void aClientWithOnlyReadMineReadsOnlyItsOwnStatements() {
		assertThat(new LrsClient("k", "mine", Set.of(Scope.STATEMENTS_READ_MINE), null).readsOnlyStatementsOf())
			.isEqualTo("k");
		assertThat(new LrsClient("k", "all", Set.of(Scope.STATEMENTS_READ_MINE, Scope.ALL_READ), null)
			.readsOnlyStatementsOf()).isNull();
	}

	@Test
	void aClientVoidsStatementsOfItsOwnOrganisationAndWithAllAnyStatement() {
		LrsClient writer = new LrsClient("k", "w", Set.of(Scope.STATEMENTS_WRITE), "RX1");
		assertThat(writer.mayVoidStatementOf("k", null)).isTrue();
		assertThat(writer.mayVoidStatementOf("other", "RX1")).isTrue();
		assertThat(writer.mayVoidStatementOf("other", "RX2")).isFalse();
		assertThat(writer.mayVoidStatementOf("other", null)).isFalse();
		assertThat(new LrsClient("a", "all", Set.of(Scope.ALL), null).mayVoidStatementOf("other", "RX2")).isTrue();
	}

}
