package org.attc.tracker.xapi.internal;

import java.util.List;
import java.util.UUID;

/**
 * Statements were stored by an LRS client that writes for an organisation (published with
 * {@link org.attc.tracker.xapi.StatementsStored}, in the same transaction).
 *
 * @param clientKey the client's key
 * @param clientName its name
 * @param organisation the code of the organisation it writes for
 * @param statementIds the statements newly stored
 */
public record ClientStatementsStored(String clientKey, String clientName, String organisation,
		List<UUID> statementIds) {

	public ClientStatementsStored {
		statementIds = List.copyOf(statementIds);
	}

}
