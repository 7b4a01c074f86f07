package org.attc.tracker.xapi;

import java.util.List;
import java.util.UUID;

/**
 * Statements were stored (published after the commit of one request's batch, durably
 * through the Spring Modulith event publication registry; delivery is at least once).
 *
 * @param statementIds the ids of the statements newly stored by the batch, in request
 * order (identical resends of stored statements are not listed)
 * @param voidedStatementIds the ids of earlier statements that this batch voided
 */
public record StatementsStored(List<UUID> statementIds, List<UUID> voidedStatementIds) {

	public StatementsStored {
		statementIds = List.copyOf(statementIds);
		voidedStatementIds = List.copyOf(voidedStatementIds);
	}

}
