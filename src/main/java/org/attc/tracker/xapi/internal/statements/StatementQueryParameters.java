package org.attc.tracker.xapi.internal.statements;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.attc.tracker.xapi.internal.protocol.XapiParameters;
import org.attc.tracker.xapi.internal.protocol.XapiProblems.XapiRequestRefused;
import org.attc.tracker.xapi.internal.store.StatementQuery;
import org.attc.tracker.xapi.internal.validation.StatementValidator;

/**
 * The parameters of {@code GET /xapi/statements} (xAPI 1.0.3 Communication §2.1.3): a
 * lookup of one statement by {@code statementId} or {@code voidedStatementId}, or a query
 * with filters and paging. Every fault is a 400 naming the parameter (§3.2).
 */
final class StatementQueryParameters {

	static final Set<String> ALL = Set.of("statementId", "voidedStatementId", "agent", "verb", "activity",
			"registration", "related_activities", "related_agents", "since", "until", "limit", "format", "attachments",
			"ascending");

	/** Communication §2.1.3: beside an id only these make sense. */
	private static final Set<String> WITH_AN_ID = Set.of("statementId", "voidedStatementId", "format", "attachments");

	private static final Set<String> FORMATS = Set.of("ids", "exact", "canonical");

	private StatementQueryParameters() {
	}

	/**
	 * One statement asked for by id.
	 *
	 * @param id the statement id
	 * @param voided whether it was asked for as {@code voidedStatementId}
	 * @param format {@code ids}, {@code exact} or {@code canonical}
	 * @param attachments whether the answer carries the attachments
	 */
	record Lookup(UUID id, boolean voided, String format, boolean attachments) {

		String parameter() {
			return this.voided ? "voidedStatementId" : "statementId";
		}

	}

	/**
	 * Refuses unknown parameters and faulty shared ones; the lookup when the request
	 * names a statement id.
	 * @return the lookup, or empty for a query ({@link #query})
	 */
	static Optional<Lookup> lookup(XapiParameters parameters) {
		parameters.onlyThese(ALL);
		String statementId = parameters.text("statementId");
		String voidedId = parameters.text("voidedStatementId");
		String format = format(parameters.text("format"));
		boolean attachments = parameters.bool("attachments");
		if (statementId == null && voidedId == null) {
			return Optional.empty();
		}
		if (statementId != null && voidedId != null) {
			throw XapiRequestRefused.badRequest("statementId",
					"statementId and voidedStatementId cannot be used together");
		}
		for (String name : parameters.names()) {
			if (!WITH_AN_ID.contains(name)) {
				throw XapiRequestRefused.badRequest(name,
						name + " cannot be used with statementId or voidedStatementId");
			}
		}
		boolean voided = voidedId != null;
		String id = voided ? voidedId : statementId;
		if (!StatementValidator.isUuid(id)) {
			throw XapiRequestRefused.badRequest(voided ? "voidedStatementId" : "statementId", "must be a UUID");
		}
		return Optional.of(new Lookup(UUID.fromString(id), voided, format, attachments));
	}

	/**
	 * The query of a request without a statement id ({@link #lookup} returned empty).
	 * @param maxLimit the server's page size: the most a {@code limit} gets, and what
	 * {@code limit=0} means
	 * @param clientKey the only client whose statements are read, or {@code null}
	 */
	static StatementQuery query(XapiParameters parameters, int maxLimit, String clientKey) {
		StatementQuery.Builder query = StatementQuery.builder()
			.format(format(parameters.text("format")))
			.attachments(parameters.bool("attachments"))
			.agent(parameters.agent("agent", "agent must be an Agent or identified Group as JSON"))
			.verb(parameters.iri("verb"))
			.activity(parameters.iri("activity"))
			.registration(parameters.uuid("registration"))
			.limit(limit(parameters.text("limit"), maxLimit));
		return query.relatedActivities(parameters.bool("related_activities"))
			.relatedAgents(parameters.bool("related_agents"))
			.since(parameters.timestamp("since"))
			.until(parameters.timestamp("until"))
			.ascending(parameters.bool("ascending"))
			.clientKey(clientKey)
			.build();
	}

	/**
	 * Communication §2.1.3: {@code limit} is a non-negative integer; 0 means the server's
	 * maximum, and more than the maximum gets the maximum.
	 */
	static int limit(String value, int maxLimit) {
		if (value == null) {
			return maxLimit;
		}
		try {
			int asked = Integer.parseInt(value);
			if (asked < 0) {
				throw new NumberFormatException();
			}
			return (asked == 0) ? maxLimit : Math.min(asked, maxLimit);
		}
		catch (NumberFormatException ex) {
			throw XapiRequestRefused.badRequest("limit", "limit must be a non-negative integer");
		}
	}

	/**
	 * Communication §2.1.3: {@code ids}, {@code exact} (the default) or
	 * {@code canonical}.
	 */
	static String format(String value) {
		if (value == null) {
			return "exact";
		}
		if (!FORMATS.contains(value)) {
			throw XapiRequestRefused.badRequest("format", "format must be ids, exact or canonical");
		}
		return value;
	}

}
