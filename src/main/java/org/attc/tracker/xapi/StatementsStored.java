package org.attc.tracker.xapi;

import java.util.List;
import java.util.UUID;

/**
 * Statements are being stored: published inside the transaction that stores them, so a
 * listener's own writes commit with them (crediting's queue: an acknowledged statement is
 * credited even if the process dies after the commit). One transaction may hold several
 * small requests (group commit); each request's statements are listed together, in
 * request order.
 *
 * @param statementIds the ids of the statements newly stored (identical resends of stored
 * statements are not listed)
 * @param voidedStatementIds the ids of earlier statements that these statements void
 */
public record StatementsStored(List<UUID> statementIds, List<UUID> voidedStatementIds) {

	public StatementsStored {
		statementIds = List.copyOf(statementIds);
		voidedStatementIds = List.copyOf(voidedStatementIds);
	}

}
