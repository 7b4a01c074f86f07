package org.attc.tracker.xapi.internal.statements;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.attc.tracker.runtime.ConflictRetry;
import org.attc.tracker.runtime.DatabaseSession;
import org.attc.tracker.xapi.StatementsStored;
import org.attc.tracker.xapi.internal.ClientStatementsStored;
import org.attc.tracker.xapi.internal.XapiJson;
import org.attc.tracker.xapi.internal.XapiProperties;
import org.attc.tracker.xapi.internal.clients.LrsClient;
import org.attc.tracker.xapi.internal.protocol.XapiProblems;
import org.attc.tracker.xapi.internal.store.AttachmentPart;
import org.attc.tracker.xapi.internal.store.IncomingStatement;
import org.attc.tracker.xapi.internal.store.StatementStore;
import org.attc.tracker.xapi.internal.validation.InvalidStatement;
import org.attc.tracker.xapi.internal.validation.StatementValidator;
import org.attc.tracker.xapi.internal.validation.XapiVersion;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Stores a request's statements: validation of all, then one transaction for conflict
 * check, inserts, voiding, attachments and the {@link StatementsStored} event. All or
 * nothing (xAPI 1.0.3 Communication §2.1.2: a batch is stored in full or not at all).
 */
@Service
public class StatementIngestion {

	private final StatementStore store;

	private final TransactionTemplate transactions;

	private final ApplicationEventPublisher events;

	private final XapiProperties properties;

	private final DatabaseSession session;

	/** Request tokens to the {@code stored} time of writes not yet committed. */
	private final Map<Long, Instant> inFlight = new ConcurrentHashMap<>();

	private final AtomicLong tokens = new AtomicLong();

	private final SharedCommits shared;

	StatementIngestion(StatementStore store, PlatformTransactionManager transactions, ApplicationEventPublisher events,
			XapiProperties properties, DatabaseSession session) {
		this.store = store;
		this.session = session;
		this.transactions = new TransactionTemplate(transactions);
		this.events = events;
		this.properties = properties;
		this.shared = new SharedCommits(2, this::writeGroup);
	}

	/**
	 * Communication §2.1.1: PUT stores one statement under the {@code statementId}
	 * parameter; a statement that names another id is refused.
	 * @param statementId the parameter, already checked to be a UUID
	 */
	void put(String statementId, StatementBody body, LrsClient client, XapiVersion version) {
		if (!body.json().isObject()) {
			throw new InvalidStatement("$", "PUT takes one statement (a JSON object)");
		}
		ObjectNode statement = (ObjectNode) body.json();
		if (statement.has("id")) {
			if (!statement.get("id").isString() || !statement.get("id").stringValue().equalsIgnoreCase(statementId)) {
				throw new InvalidStatement("$.id", "the statement's id differs from the statementId parameter");
			}
		}
		else {
			statement.put("id", statementId);
		}
		List<ObjectNode> statements = validate(statement, version);
		store(statements, client, version, AttachmentRules.match(statements, body.parts(), false), false);
	}

	/**
	 * Communication §2.1.2: POST stores one statement or a batch.
	 * @return the ids of the statements, in request order
	 */
	List<UUID> post(StatementBody body, LrsClient client, XapiVersion version) {
		JsonNode json = body.json();
		if (!json.isObject() && !json.isArray()) {
			throw new InvalidStatement("$", "POST takes a statement or an array of statements");
		}
		if (json.isArray() && json.isEmpty()) {
			// Moodle sends [] after a logout: nothing to store, and no error
			return List.of();
		}
		List<ObjectNode> statements = validate(json, version);
		return store(statements, client, version, AttachmentRules.match(statements, body.parts(), json.isArray()),
				json.isArray());
	}

	/**
	 * Validates every statement of a request body; the first fault ends it.
	 * @param body one statement or an array of statements
	 * @return the statements
	 */
	List<ObjectNode> validate(JsonNode body, XapiVersion version) {
		StatementValidator validator = new StatementValidator(version);
		List<ObjectNode> statements = new ArrayList<>();
		if (body.isArray()) {
			for (int i = 0; i < body.size(); i++) {
				validator.statement(body.get(i), "$[" + i + "]");
				statements.add((ObjectNode) body.get(i));
			}
		}
		else {
			validator.statement(body, "$");
			statements.add((ObjectNode) body);
		}
		Map<String, Integer> seen = new HashMap<>();
		for (int i = 0; i < statements.size(); i++) {
			JsonNode id = statements.get(i).get("id");
			if (id != null && seen.put(id.stringValue().toLowerCase(), i) != null) {
				throw new InvalidStatement(body.isArray() ? "$[" + i + "].id" : "$.id",
						"the batch holds two statements with id " + id.stringValue());
			}
		}
		return statements;
	}

	/**
	 * Stores validated statements: small requests in a transaction shared with others
	 * ({@link SharedCommits}), the rest (large batches, voiding, attachments) in their
	 * own. Either way the same checks and writes ({@link #write}).
	 * @return the ids of all statements, in request order
	 */
	List<UUID> store(List<ObjectNode> statements, LrsClient client, XapiVersion version,
			Map<String, AttachmentPart> attachments, boolean array) {
		long token = this.tokens.incrementAndGet();
		Instant stored = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		this.inFlight.put(token, stored);
		try {
			// which statements came with an id, before preparing gives every one an id
			boolean[] hasId = new boolean[statements.size()];
			for (int i = 0; i < hasId.length; i++) {
				hasId[i] = statements.get(i).has("id");
			}
			Request request = new Request(statements, client, attachments, array,
					prepare(statements, stored, authority(client), version), hasId);
			boolean shared = statements.size() <= SHARED_MAX && attachments.isEmpty()
					&& request.prepared.stream().noneMatch(IncomingStatement::isVoiding);
			if (shared) {
				this.shared.write(request);
			}
			else {
				writeAlone(request);
			}
			return request.result();
		}
		finally {
			this.inFlight.remove(token);
		}
	}

	/** Most statements of a request that shares its transaction with others. */
	static final int SHARED_MAX = 20;

	/**
	 * The LRS-set properties of each statement (xAPI 1.0.3 Data §2.4): a batch without
	 * ids of its own cannot conflict with stored statements (nor be retried after a
	 * duplicate key), so nothing compares its statements as received later: they are
	 * completed in place instead of copied.
	 */
	private List<IncomingStatement> prepare(List<ObjectNode> statements, Instant stored, JsonNode authority,
			XapiVersion version) {
		String defaultVersion = (version == XapiVersion.V2_0_0) ? "2.0.0" : "1.0.0";
		boolean anyGiven = statements.stream().anyMatch((s) -> s.has("id"));
		List<IncomingStatement> prepared = new ArrayList<>(statements.size());
		for (ObjectNode statement : statements) {
			prepared.add(new IncomingStatement(statement, stored, authority, defaultVersion, anyGiven));
		}
		return prepared;
	}

	/** One request's statements on their way to the database, and its outcome. */
	static final class Request {

		final List<ObjectNode> received;

		final LrsClient client;

		final Map<String, AttachmentPart> attachments;

		final boolean array;

		final List<IncomingStatement> prepared;

		/** The ids the client gave (the others are new, so nothing stored has them). */
		private final List<UUID> given = new ArrayList<>();

		private volatile List<UUID> ids;

		private volatile RuntimeException failure;

		private volatile boolean settled;

		/** Set by {@link #write}: the statements not stored yet, and those they void. */
		private List<IncomingStatement> fresh;

		private List<UUID> voided;

		/**
		 * @param hasId per statement, whether the client gave its id
		 */
		Request(List<ObjectNode> received, LrsClient client, Map<String, AttachmentPart> attachments, boolean array,
				List<IncomingStatement> prepared, boolean[] hasId) {
			this.received = received;
			this.client = client;
			this.attachments = attachments;
			this.array = array;
			this.prepared = prepared;
			for (int i = 0; i < hasId.length; i++) {
				if (hasId[i]) {
					this.given.add(prepared.get(i).id());
				}
			}
		}

		List<UUID> givenIds() {
			return this.given;
		}

		void settle(List<UUID> ids, RuntimeException failure) {
			this.ids = ids;
			this.failure = failure;
			this.settled = true;
		}

		boolean isSettled() {
			return this.settled;
		}

		List<UUID> result() {
			if (this.failure != null) {
				// the writer's exception, so its status and field reach the client;
				// rethrown on the request's own thread
				throw this.failure;
			}
			return this.ids;
		}

	}

	/**
	 * Writes a group of requests in one transaction and settles each. A group that fails
	 * as a whole (a database fault, a duplicate key from a request stored elsewhere
	 * meanwhile) is written again one request at a time, so a fault reaches only the
	 * request it belongs to.
	 */
	void writeGroup(List<Request> group) {
		if (group.size() == 1) {
			writeAlone(group.get(0));
			return;
		}
		try {
			writeOnce(group);
		}
		catch (RuntimeException ex) {
			group.forEach(this::writeAlone);
		}
	}

	private void writeAlone(Request request) {
		try {
			try {
				writeOnce(List.of(request));
			}
			catch (DuplicateKeyException ex) {
				// another request stored one of these ids between our check and insert:
				// now the check sees it, so the retry is a no-op or a conflict, never a
				// second copy
				writeOnce(List.of(request));
			}
		}
		catch (RuntimeException ex) {
			request.settle(null, ex);
		}
	}

	/**
	 * One transaction for the group; each request is settled after the commit (or with
	 * its own refusal). A batch that lost a deadlock or a Galera certification was rolled
	 * back whole; one whose connection failed over part-way is rolled back too, never
	 * acknowledged with its first statements lost on the dead node.
	 */
	private void writeOnce(List<Request> group) {
		Map<Request, RuntimeException> refused = ConflictRetry
			.run(() -> this.transactions.execute((tx) -> this.session.whole(() -> write(group))));
		for (Request request : group) {
			RuntimeException refusal = refused.get(request);
			request.settle((refusal == null) ? request.prepared.stream().map(IncomingStatement::id).toList() : null,
					refusal);
		}
	}

	/**
	 * The checks of each request against what is stored, then the writes of all that
	 * passed them (xAPI 1.0.3 Communication §2.1.2: each request's statements are stored
	 * in full or not at all).
	 * @return the requests refused by their checks, with the refusal (nothing of theirs
	 * is written)
	 */
	private Map<Request, RuntimeException> write(List<Request> group) {
		List<UUID> given = new ArrayList<>();
		group.forEach((request) -> given.addAll(request.givenIds()));
		Map<UUID, StatementStore.Row> existing = this.store.findByIds(given, false);
		Map<Request, RuntimeException> refused = new IdentityHashMap<>();
		Map<LrsClient, List<Request>> byClient = new LinkedHashMap<>();
		for (Request request : group) {
			try {
				check(request, existing);
				byClient.computeIfAbsent(request.client, (client) -> new ArrayList<>()).add(request);
			}
			catch (StatementConflict | InvalidStatement | XapiProblems.XapiRequestRefused ex) {
				refused.put(request, ex);
			}
		}
		List<UUID> stored = new ArrayList<>();
		List<UUID> voided = new ArrayList<>();
		byClient.forEach((client, requests) -> {
			List<IncomingStatement> fresh = new ArrayList<>();
			List<UUID> clientGiven = new ArrayList<>();
			for (Request request : requests) {
				fresh.addAll(request.fresh);
				clientGiven.addAll(request.givenIds());
				voided.addAll(request.voided);
				Set<String> cited = new HashSet<>();
				request.fresh.forEach((s) -> cited.addAll(s.attachmentHashes()));
				List<AttachmentPart> parts = request.attachments.values()
					.stream()
					.filter((p) -> cited.contains(p.sha2()))
					.toList();
				if (!parts.isEmpty()) {
					this.store.saveAttachments(parts);
				}
			}
			if (fresh.isEmpty()) {
				return;
			}
			this.store.insert(fresh, client.key(), clientGiven);
			List<UUID> ids = fresh.stream().map((s) -> s.id()).toList();
			stored.addAll(ids);
			if (client.organisation() != null && !client.organisation().isBlank()) {
				// the client's organisation places the actors (ClientOrganisations)
				this.events
					.publishEvent(new ClientStatementsStored(client.key(), client.name(), client.organisation(), ids));
			}
		});
		this.store.markVoided(voided);
		if (!stored.isEmpty()) {
			this.events.publishEvent(new StatementsStored(stored, voided));
		}
		return refused;
	}

	/**
	 * A request's checks against the stored statements: an id stored with other content
	 * is a conflict (Communication §2.1.2), one stored with the same is left alone; then
	 * the voiding rules.
	 */
	private void check(Request request, Map<UUID, StatementStore.Row> existing) {
		List<IncomingStatement> fresh = new ArrayList<>();
		for (int i = 0; i < request.prepared.size(); i++) {
			IncomingStatement statement = request.prepared.get(i);
			StatementStore.Row row = existing.get(statement.id());
			if (row == null) {
				fresh.add(statement);
			}
			else if (!StatementComparison.same(XapiJson.MAPPER.readTree(row.json()), request.received.get(i))) {
				throw new StatementConflict(request.array ? "$[" + i + "]" : "$",
						"statement " + statement.id() + " is already stored with different content");
			}
		}
		List<UUID> voided = voidTargets(request.prepared, fresh, request.array);
		checkMayVoid(request.client, voided, request.prepared, request.array);
		request.fresh = fresh;
		request.voided = voided;
	}

	/**
	 * Data §2.2.5 (Voided statements): the targets that this batch voids; a voiding
	 * statement itself cannot be voided.
	 */
	private List<UUID> voidTargets(List<IncomingStatement> prepared, List<IncomingStatement> fresh, boolean array) {
		Map<UUID, Integer> targets = new LinkedHashMap<>();
		for (int i = 0; i < prepared.size(); i++) {
			if (prepared.get(i).isVoiding() && fresh.contains(prepared.get(i))) {
				targets.put(prepared.get(i).voidingTarget(), i);
			}
		}
		if (targets.isEmpty()) {
			return List.of();
		}
		Map<UUID, Boolean> targetIsVoiding = new HashMap<>();
		this.store.findByIds(targets.keySet(), true)
			.forEach((id, row) -> targetIsVoiding.put(id, row.voidingTarget() != null));
		for (IncomingStatement statement : prepared) {
			if (targets.containsKey(statement.id())) {
				targetIsVoiding.put(statement.id(), statement.isVoiding());
			}
		}
		List<UUID> voided = new ArrayList<>();
		targets.forEach((target, index) -> {
			Boolean voiding = targetIsVoiding.get(target);
			if (Boolean.TRUE.equals(voiding)) {
				throw new InvalidStatement(array ? "$[" + index + "].object.id" : "$.object.id",
						"a voiding statement cannot void another voiding statement");
			}
			if (voiding != null) {
				voided.add(target);
			}
		});
		return voided;
	}

	/**
	 * Refuses (403) a batch that voids a statement stored by a client outside the
	 * caller's organisation ({@link LrsClient#mayVoidStatementOf}); targets stored by
	 * this very batch are the caller's own.
	 */
	private void checkMayVoid(LrsClient client, List<UUID> voided, List<IncomingStatement> prepared, boolean array) {
		if (voided.isEmpty()) {
			return;
		}
		this.store.storers(voided).forEach((target, storer) -> {
			if (!client.mayVoidStatementOf(storer.clientKey(), storer.organisation())) {
				int index = 0;
				while (index < prepared.size() && !target.equals(prepared.get(index).voidingTarget())) {
					index++;
				}
				throw new XapiProblems.XapiRequestRefused(403, "void-forbidden",
						array ? "$[" + index + "].object.id" : "$.object.id",
						"statement " + target + " was stored by a client of another organisation; this client "
								+ "may void only statements stored by clients of its own organisation");
			}
		});
	}

	/**
	 * Data §2.4.9: the LRS sets the authority to the credential that sent the statement.
	 */
	JsonNode authority(LrsClient client) {
		ObjectNode authority = JsonNodeFactory.instance.objectNode();
		authority.put("objectType", "Agent");
		authority.put("name", client.name());
		authority.putObject("account").put("homePage", this.properties.authorityHomePage()).put("name", client.key());
		return authority;
	}

	/**
	 * Statements stored at or before this instant are all visible to queries (no write
	 * that began earlier is still uncommitted on this node).
	 */
	public Instant consistentThrough() {
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		return this.inFlight.values().stream().min(Instant::compareTo).map((i) -> i.minusMillis(1)).orElse(now);
	}

}
