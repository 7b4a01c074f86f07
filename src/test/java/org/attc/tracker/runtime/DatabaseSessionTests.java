package org.attc.tracker.runtime;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseSessionTests {

	@Test
	void aUrlThatCanMoveToAnotherServerIsChecked() {
		assertThat(DatabaseSession.canFailOver(
				"jdbc:mariadb:sequential://127.0.0.1:4301,127.0.0.1:4302,127.0.0.1:4303/tracker?sessionVariables=wsrep_sync_wait=1"))
			.isTrue();
		assertThat(DatabaseSession.canFailOver("jdbc:mariadb:loadbalance://db1,db2/tracker")).isTrue();
		assertThat(DatabaseSession.canFailOver("jdbc:mariadb://db1:3306,db2:3306/tracker")).isTrue();
	}

	@Test
	void aSingleServerIsNotChecked() {
		assertThat(DatabaseSession.canFailOver("jdbc:mariadb://127.0.0.1:3306/tracker?useSsl=false")).isFalse();
		assertThat(DatabaseSession.canFailOver("jdbc:mariadb://localhost/tracker?a=1,2")).isFalse();
		assertThat(DatabaseSession.canFailOver("")).isFalse();
	}

}
