package org.attc.tracker.xapi.internal.statements;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.attc.tracker.xapi.internal.XapiJson;
import org.attc.tracker.xapi.internal.XapiProperties;
import org.attc.tracker.xapi.internal.protocol.XapiParameters;
import org.attc.tracker.xapi.internal.protocol.XapiProblems.XapiRequestRefused;
import org.attc.tracker.xapi.internal.store.StatementQuery;
import org.attc.tracker.xapi.internal.store.StatementStore;
import org.attc.tracker.xapi.internal.validation.XapiVersion;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The read side of the Statement Resource (xAPI 1.0.3 Communication §2.1.3): one
 * statement by id, or one page of a query with its {@code more} link; each statement in
 * the asked format and the request's version.
 */
@Service
class StatementReads {

	private final StatementStore store;

	private final XapiProperties properties;

	StatementReads(StatementStore store, XapiProperties properties) {
		this.store = store;
		this.properties = properties;
	}

	/**
	 * How the statements of an answer are written.
	 *
	 * @param languages the {@code Accept-Language} ranges (for {@code format=canonical})
	 * @param version the version of the request
	 */
	record Presentation(List<Locale.LanguageRange> languages, XapiVersion version) {

		/** An {@code Accept-Language} header that cannot be parsed asks for nothing. */
		static Presentation of(String acceptLanguage, XapiVersion version) {
			try {
				return new Presentation(
						(acceptLanguage != null) ? Locale.LanguageRange.parse(acceptLanguage) : List.of(), version);
			}
			catch (IllegalArgumentException ex) {
				return new Presentation(List.of(), version);
			}
		}

		JsonNode apply(String json, String format) {
			return StatementFormat.forVersion(
					StatementFormat.apply(XapiJson.MAPPER.readTree(json), format, this.languages), this.version);
		}

	}

	/**
	 * What a read answers, before attachments are added.
	 *
	 * @param json the statement or the StatementResult
	 * @param statements the statements in it
	 * @param lastModified the latest {@code stored} among them, or {@code null}
	 * @param attachments whether the answer carries their attachments
	 */
	record Answer(JsonNode json, List<JsonNode> statements, Instant lastModified, boolean attachments) {
	}

	/**
	 * {@code GET /xapi/statements}: one statement when the parameters name an id,
	 * otherwise the first page of the query they describe.
	 * @param readsOnlyStatementsOf the only client whose statements are read, or
	 * {@code null}
	 * @param morePath the path that a {@code more} token is appended to
	 */
	Answer answer(XapiParameters parameters, String readsOnlyStatementsOf, String morePath, Presentation presentation) {
		return StatementQueryParameters.lookup(parameters)
			.map((lookup) -> one(lookup, readsOnlyStatementsOf, presentation))
			.orElseGet(() -> page(
					StatementQueryParameters.query(parameters, this.properties.maxLimit(), readsOnlyStatementsOf),
					morePath, presentation));
	}

	/**
	 * Communication §2.1.4: a voided statement is found only by
	 * {@code voidedStatementId}, and only a voided one is found that way; a client with
	 * only {@code statements/read/mine} finds only its own.
	 * @param readsOnlyStatementsOf the only client whose statements are read, or
	 * {@code null}
	 */
	Answer one(StatementQueryParameters.Lookup lookup, String readsOnlyStatementsOf, Presentation presentation) {
		UUID id = lookup.id();
		StatementStore.Row row = this.store.findByIds(List.of(id), false).get(id);
		if (row == null || row.voided() != lookup.voided()
				|| (readsOnlyStatementsOf != null && !storedBy(row, readsOnlyStatementsOf))) {
			throw new XapiRequestRefused(404, "statement-not-found", lookup.parameter(), "No such statement.");
		}
		JsonNode statement = presentation.apply(row.json(), lookup.format());
		return new Answer(statement, List.of(statement), row.stored(), lookup.attachments());
	}

	private boolean storedBy(StatementStore.Row row, String clientKey) {
		JsonNode authority = XapiJson.MAPPER.readTree(row.json()).path("authority").path("account");
		return clientKey.equals(authority.path("name").stringValue(null))
				&& this.properties.authorityHomePage().equals(authority.path("homePage").stringValue(null));
	}

	/**
	 * One page: at most {@code limit} statements, keyset-paged, newest first unless
	 * ascending; a query's first page fixes the last statement every page reads.
	 * @param morePath the path that the {@code more} token is appended to
	 */
	Answer page(StatementQuery query, String morePath, Presentation presentation) {
		long through = (query.through() != null) ? query.through() : this.store.lastSeq();
		List<StatementStore.Row> rows = this.store.query(query, through);
		boolean more = rows.size() > query.limit();
		if (more) {
			rows = rows.subList(0, query.limit());
		}
		ArrayNode array = JsonNodeFactory.instance.arrayNode();
		List<JsonNode> statements = new ArrayList<>();
		Instant lastModified = null;
		for (StatementStore.Row row : rows) {
			JsonNode statement = presentation.apply(row.json(), query.format());
			array.add(statement);
			statements.add(statement);
			if (lastModified == null || row.stored().isAfter(lastModified)) {
				lastModified = row.stored();
			}
		}
		ObjectNode result = JsonNodeFactory.instance.objectNode();
		result.set("statements", array);
		result.put("more",
				more ? morePath + MoreToken
					.encode(query.next(rows.get(rows.size() - 1).seq(), rows.get(rows.size() - 1).stored(), through))
						: "");
		return new Answer(result, statements, lastModified, query.attachments());
	}

	/**
	 * The answer as {@code multipart/mixed} with the attachments its statements cite.
	 */
	MultipartAnswer withAttachments(Answer answer) {
		return MultipartAnswer.write("xapi-" + UUID.randomUUID(), answer.json(),
				this.store.findAttachments(MultipartAnswer.citedHashes(answer.statements())));
	}

}
