package org.attc.tracker.xapi.internal.statements;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import org.attc.tracker.shared.AgentIdentifier;
import org.attc.tracker.shared.InvalidAgentIdentifier;
import org.attc.tracker.xapi.internal.XapiJson;
import org.attc.tracker.xapi.internal.XapiProperties;
import org.attc.tracker.xapi.internal.clients.LrsClient;
import org.attc.tracker.xapi.internal.documents.DocumentsEndpoint;
import org.attc.tracker.xapi.internal.protocol.XapiProblems.XapiRequestRefused;
import org.attc.tracker.xapi.internal.protocol.XapiProtocolFilter;
import org.attc.tracker.xapi.internal.protocol.XapiResource;
import org.attc.tracker.xapi.internal.store.AttachmentPart;
import org.attc.tracker.xapi.internal.store.StatementQuery;
import org.attc.tracker.xapi.internal.store.StatementStore;
import org.attc.tracker.xapi.internal.validation.InvalidStatement;
import org.attc.tracker.xapi.internal.validation.StatementValidator;
import org.attc.tracker.xapi.internal.validation.Timestamps;
import org.attc.tracker.xapi.internal.validation.XapiVersion;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Statement Resource (xAPI 1.0.3 Communication §2.1; IEEE 9274.1.1 §4.1.6.1):
 * {@code PUT}, {@code POST}, {@code GET} and {@code HEAD} on {@code /xapi/statements},
 * with attachments and signed statements.
 */
@RestController
@XapiResource
class StatementsEndpoint {

	private static final Set<String> QUERY_PARAMETERS = Set.of("statementId", "voidedStatementId", "agent", "verb",
			"activity", "registration", "related_activities", "related_agents", "since", "until", "limit", "format",
			"attachments", "ascending");

	private static final Set<String> SINGLE_PARAMETERS = Set.of("statementId", "voidedStatementId", "format",
			"attachments");

	private final StatementIngestion ingestion;

	private final StatementStore store;

	private final XapiProperties properties;

	StatementsEndpoint(StatementIngestion ingestion, StatementStore store, XapiProperties properties) {
		this.ingestion = ingestion;
		this.store = store;
		this.properties = properties;
	}

	/** Communication §2.1.1: store one statement under the given id; 204. */
	@PutMapping("/xapi/statements")
	ResponseEntity<Void> put(HttpServletRequest request, @AuthenticationPrincipal LrsClient client) throws IOException {
		requireWrite(client);
		onlyParameters(request, Set.of("statementId"));
		String statementId = request.getParameter("statementId");
		if (statementId == null) {
			throw XapiRequestRefused.badRequest("statementId", "PUT needs the statementId parameter");
		}
		if (!StatementValidator.isUuid(statementId)) {
			throw XapiRequestRefused.badRequest("statementId", "statementId must be a UUID");
		}
		Body body = read(request);
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
		XapiVersion version = version(request);
		List<ObjectNode> statements = this.ingestion.validate(statement, version);
		Map<String, AttachmentPart> parts = attachments(statements, body, false);
		this.ingestion.store(statements, client, version, parts, false);
		return ResponseEntity.noContent().build();
	}

	/**
	 * Communication §2.1.2: store one statement or a batch; 200 with the ids in order.
	 */
	@PostMapping("/xapi/statements")
	ResponseEntity<List<String>> post(HttpServletRequest request, @AuthenticationPrincipal LrsClient client)
			throws IOException {
		requireWrite(client);
		onlyParameters(request, Set.of());
		Body body = read(request);
		JsonNode json = body.json();
		if (!json.isObject() && !json.isArray()) {
			throw new InvalidStatement("$", "POST takes a statement or an array of statements");
		}
		if (json.isArray() && json.isEmpty()) {
			// Moodle sends [] after a logout: nothing to store, and no error
			return ResponseEntity.ok(List.of());
		}
		XapiVersion version = version(request);
		List<ObjectNode> statements = this.ingestion.validate(json, version);
		Map<String, AttachmentPart> parts = attachments(statements, body, json.isArray());
		List<UUID> ids = this.ingestion.store(statements, client, version, parts, json.isArray());
		return ResponseEntity.ok(ids.stream().map(UUID::toString).toList());
	}

	/** Communication §2.1.3: one statement, or a page of a query. HEAD is served too. */
	@GetMapping("/xapi/statements")
	ResponseEntity<?> get(HttpServletRequest request, @AuthenticationPrincipal LrsClient client) {
		requireRead(client);
		onlyParameters(request, QUERY_PARAMETERS);
		String statementId = request.getParameter("statementId");
		String voidedId = request.getParameter("voidedStatementId");
		String format = format(request.getParameter("format"));
		boolean attachments = bool(request, "attachments");
		if (statementId != null || voidedId != null) {
			if (statementId != null && voidedId != null) {
				throw XapiRequestRefused.badRequest("statementId",
						"statementId and voidedStatementId cannot be used together");
			}
			for (String name : request.getParameterMap().keySet()) {
				if (!SINGLE_PARAMETERS.contains(name)) {
					throw XapiRequestRefused.badRequest(name,
							name + " cannot be used with statementId or voidedStatementId");
				}
			}
			return single((statementId != null) ? statementId : voidedId, voidedId != null, format, attachments,
					request, client);
		}
		StatementQuery query = query(request, client, format, attachments);
		return page(query, request);
	}

	/** The {@code more} link of a query page (Communication §2.1.3, StatementResult). */
	@GetMapping("/xapi/statements/more/{token}")
	ResponseEntity<?> more(@PathVariable String token, HttpServletRequest request,
			@AuthenticationPrincipal LrsClient client) {
		requireRead(client);
		StatementQuery query = MoreToken.decode(token, mine(client));
		return page(query, request);
	}

	private ResponseEntity<?> single(String id, boolean voided, String format, boolean attachments,
			HttpServletRequest request, LrsClient client) {
		if (!StatementValidator.isUuid(id)) {
			throw XapiRequestRefused.badRequest(voided ? "voidedStatementId" : "statementId", "must be a UUID");
		}
		StatementStore.Row row = this.store.findByIds(List.of(UUID.fromString(id)), false).get(UUID.fromString(id));
		// Communication §2.1.4: a voided statement is found only by voidedStatementId,
		// and only a voided one is found that way
		if (row == null || row.voided() != voided || (mine(client) != null && !ownedBy(row, client))) {
			throw new XapiRequestRefused(404, "statement-not-found", voided ? "voidedStatementId" : "statementId",
					"No such statement.");
		}
		JsonNode statement = StatementFormat.forVersion(
				StatementFormat.apply(XapiJson.MAPPER.readTree(row.json()), format, languages(request)),
				version(request));
		HttpHeaders headers = new HttpHeaders();
		headers.setLastModified(row.stored());
		return respond(statement, List.of(statement), attachments, headers);
	}

	private boolean ownedBy(StatementStore.Row row, LrsClient client) {
		JsonNode authority = XapiJson.MAPPER.readTree(row.json()).path("authority").path("account");
		return client.key().equals(authority.path("name").stringValue(null))
				&& this.properties.authorityHomePage().equals(authority.path("homePage").stringValue(null));
	}

	private ResponseEntity<?> page(StatementQuery query, HttpServletRequest request) {
		long through = (query.through() != null) ? query.through() : this.store.lastSeq();
		List<StatementStore.Row> rows = this.store.query(query, through);
		boolean more = rows.size() > query.limit();
		if (more) {
			rows = rows.subList(0, query.limit());
		}
		List<Locale.LanguageRange> languages = languages(request);
		XapiVersion version = version(request);
		ArrayNode statements = JsonNodeFactory.instance.arrayNode();
		List<JsonNode> list = new ArrayList<>();
		Instant lastModified = null;
		for (StatementStore.Row row : rows) {
			JsonNode statement = StatementFormat.forVersion(
					StatementFormat.apply(XapiJson.MAPPER.readTree(row.json()), query.format(), languages), version);
			statements.add(statement);
			list.add(statement);
			if (lastModified == null || row.stored().isAfter(lastModified)) {
				lastModified = row.stored();
			}
		}
		ObjectNode result = JsonNodeFactory.instance.objectNode();
		result.set("statements", statements);
		result.put("more", more ? request.getContextPath() + "/xapi/statements/more/"
				+ MoreToken.encode(query.next(rows.get(rows.size() - 1).seq(), through)) : "");
		HttpHeaders headers = new HttpHeaders();
		if (lastModified != null) {
			headers.setLastModified(lastModified);
		}
		return respond(result, list, query.attachments(), headers);
	}

	private ResponseEntity<?> respond(JsonNode body, List<JsonNode> statements, boolean attachments,
			HttpHeaders headers) {
		if (!attachments) {
			return ResponseEntity.ok().headers(headers).contentType(MediaType.APPLICATION_JSON).body(body);
		}
		Set<String> hashes = new LinkedHashSet<>();
		for (JsonNode statement : statements) {
			statement.path("attachments").forEach((a) -> hashes.add(a.path("sha2").stringValue("").toLowerCase()));
			statement.path("object")
				.path("attachments")
				.forEach((a) -> hashes.add(a.path("sha2").stringValue("").toLowerCase()));
		}
		List<MultipartMixed.Part> parts = new ArrayList<>();
		parts.add(new MultipartMixed.Part(Map.of("Content-Type", "application/json"),
				XapiJson.MAPPER.writeValueAsBytes(body)));
		for (AttachmentPart attachment : this.store.findAttachments(hashes)) {
			Map<String, String> partHeaders = new LinkedHashMap<>();
			partHeaders.put("Content-Type", attachment.contentType());
			partHeaders.put("Content-Transfer-Encoding", "binary");
			partHeaders.put("X-Experience-API-Hash", attachment.sha2());
			parts.add(new MultipartMixed.Part(partHeaders, attachment.content()));
		}
		String boundary = "xapi-" + UUID.randomUUID();
		return ResponseEntity.ok()
			.headers(headers)
			.contentType(MediaType.parseMediaType("multipart/mixed; boundary=" + boundary))
			.body(MultipartMixed.write(boundary, parts));
	}

	private StatementQuery query(HttpServletRequest request, LrsClient client, String format, boolean attachments) {
		AgentIdentifier agent = null;
		String agentText = request.getParameter("agent");
		if (agentText != null) {
			try {
				agent = AgentIdentifier.fromActor(XapiJson.MAPPER.readTree(agentText));
			}
			catch (InvalidAgentIdentifier ex) {
				throw XapiRequestRefused.badRequest("agent", "agent: " + ex.getMessage());
			}
			catch (RuntimeException ex) {
				throw XapiRequestRefused.badRequest("agent", "agent must be an Agent or identified Group as JSON");
			}
		}
		String verb = iri(request, "verb");
		String activity = iri(request, "activity");
		UUID registration = null;
		String registrationText = request.getParameter("registration");
		if (registrationText != null) {
			if (!StatementValidator.isUuid(registrationText)) {
				throw XapiRequestRefused.badRequest("registration", "registration must be a UUID");
			}
			registration = UUID.fromString(registrationText);
		}
		int limit = this.properties.maxLimit();
		String limitText = request.getParameter("limit");
		if (limitText != null) {
			try {
				int asked = Integer.parseInt(limitText);
				if (asked < 0) {
					throw new NumberFormatException();
				}
				// limit 0 means "the server's maximum" (Communication §2.1.3)
				limit = (asked == 0) ? this.properties.maxLimit() : Math.min(asked, this.properties.maxLimit());
			}
			catch (NumberFormatException ex) {
				throw XapiRequestRefused.badRequest("limit", "limit must be a non-negative integer");
			}
		}
		return new StatementQuery(agent, verb, activity, registration, bool(request, "related_activities"),
				bool(request, "related_agents"), instant(request, "since"), instant(request, "until"), limit, format,
				attachments, bool(request, "ascending"), null, null, mine(client));
	}

	/**
	 * Only its own statements for a client that has just {@code statements/read/mine}.
	 */
	private static String mine(LrsClient client) {
		return client.mayReadAllStatements() ? null : client.key();
	}

	private static String iri(HttpServletRequest request, String name) {
		String value = request.getParameter(name);
		if (value != null && !StatementValidator.isIri(value)) {
			throw XapiRequestRefused.badRequest(name, name + " must be an IRI");
		}
		return value;
	}

	private static Instant instant(HttpServletRequest request, String name) {
		String value = request.getParameter(name);
		if (value == null) {
			return null;
		}
		try {
			// IEEE 9274.1.1: a 2.0 timestamp carries its zone offset
			return Timestamps.parse(value, version(request) == XapiVersion.V2_0_0);
		}
		catch (DateTimeParseException | IllegalArgumentException ex) {
			throw XapiRequestRefused.badRequest(name, name + " must be an ISO 8601 timestamp: " + ex.getMessage());
		}
	}

	private static boolean bool(HttpServletRequest request, String name) {
		String value = request.getParameter(name);
		if (value == null || value.equals("false")) {
			return false;
		}
		if (value.equals("true")) {
			return true;
		}
		throw XapiRequestRefused.badRequest(name, name + " must be true or false");
	}

	private static String format(String value) {
		if (value == null) {
			return "exact";
		}
		if (!Set.of("ids", "exact", "canonical").contains(value)) {
			throw XapiRequestRefused.badRequest("format", "format must be ids, exact or canonical");
		}
		return value;
	}

	private static List<Locale.LanguageRange> languages(HttpServletRequest request) {
		String header = request.getHeader("Accept-Language");
		try {
			return (header != null) ? Locale.LanguageRange.parse(header) : List.of();
		}
		catch (IllegalArgumentException ex) {
			return List.of();
		}
	}

	private static void onlyParameters(HttpServletRequest request, Set<String> allowed) {
		for (String name : request.getParameterMap().keySet()) {
			if (!allowed.contains(name)) {
				// Communication §2.1.3: unknown parameters are refused with 400
				throw XapiRequestRefused.badRequest(name, "unknown parameter " + name);
			}
		}
	}

	private static void requireWrite(LrsClient client) {
		if (!client.mayWriteStatements()) {
			throw new XapiRequestRefused(403, "forbidden", null, "This client may not write statements.");
		}
	}

	private static void requireRead(LrsClient client) {
		if (!client.mayReadOwnStatements()) {
			throw new XapiRequestRefused(403, "forbidden", null, "This client may not read statements.");
		}
	}

	private static XapiVersion version(HttpServletRequest request) {
		Object version = request.getAttribute(XapiProtocolFilter.VERSION_ATTRIBUTE);
		return (version instanceof XapiVersion v) ? v : XapiVersion.V1_0_3;
	}

	/** A request body: the statement JSON and, for multipart, the attachment parts. */
	private record Body(JsonNode json, List<MultipartMixed.Part> parts, boolean multipart) {
	}

	private Body read(HttpServletRequest request) throws IOException {
		String contentType = request.getContentType();
		if (contentType == null) {
			throw new XapiRequestRefused(400, "unsupported-media-type", "Content-Type",
					"Content-Type is required: application/json or multipart/mixed");
		}
		byte[] bytes = DocumentsEndpoint.body(request, this.properties.maxBodySize().toBytes());
		String type = contentType.toLowerCase(Locale.ROOT);
		if (type.startsWith("application/json")) {
			return new Body(XapiJson.MAPPER.readTree(bytes), List.of(), false);
		}
		if (type.startsWith("multipart/mixed")) {
			List<MultipartMixed.Part> parts = MultipartMixed.parse(bytes, MultipartMixed.boundary(contentType));
			if (parts.isEmpty()) {
				throw XapiRequestRefused.badRequest("$", "the multipart body has no parts");
			}
			MultipartMixed.Part first = parts.get(0);
			String firstType = first.header("Content-Type");
			if (firstType == null || !firstType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
				throw XapiRequestRefused.badRequest("Content-Type",
						"the first part of a multipart request must be application/json statements");
			}
			return new Body(XapiJson.MAPPER.readTree(first.content()), parts.subList(1, parts.size()), true);
		}
		// 400, not 415: Communication §1.5.2.s2 admits only these two types, and §3.2
		// lists 400
		// (invalid argument) for such requests; ADL's conformance suite checks for 400
		// (Data 2.4.11).
		throw new XapiRequestRefused(400, "unsupported-media-type", "Content-Type",
				"Statements are sent as application/json or multipart/mixed, not " + contentType);
	}

	/**
	 * Communication §1.5.2 (attachments): every attachment without a fileUrl has a part,
	 * every part belongs to an attachment, each part's hash matches its content;
	 * signature attachments are verified (Data §2.6).
	 */
	private Map<String, AttachmentPart> attachments(List<ObjectNode> statements, Body body, boolean array) {
		Map<String, AttachmentPart> parts = new TreeMap<>();
		for (int i = 0; i < body.parts().size(); i++) {
			MultipartMixed.Part part = body.parts().get(i);
			String hash = part.header("X-Experience-API-Hash");
			if (hash == null) {
				throw XapiRequestRefused.badRequest("X-Experience-API-Hash",
						"attachment part " + (i + 1) + " has no X-Experience-API-Hash header");
			}
			String encoding = part.header("Content-Transfer-Encoding");
			if (encoding != null && !encoding.equalsIgnoreCase("binary")) {
				throw XapiRequestRefused.badRequest("Content-Transfer-Encoding",
						"attachment parts are sent with Content-Transfer-Encoding: binary");
			}
			String actual = sha2(part.content(), hash.length());
			if (!actual.equalsIgnoreCase(hash)) {
				throw XapiRequestRefused.badRequest("X-Experience-API-Hash",
						"attachment part " + (i + 1) + " does not match its hash " + hash);
			}
			String contentType = (part.header("Content-Type") != null) ? part.header("Content-Type")
					: "application/octet-stream";
			parts.put(hash.toLowerCase(), new AttachmentPart(hash.toLowerCase(), contentType, part.content()));
		}
		Set<String> cited = new LinkedHashSet<>();
		for (int s = 0; s < statements.size(); s++) {
			ObjectNode statement = statements.get(s);
			String path = array ? "$[" + s + "]" : "$";
			JsonNode list = statement.path("attachments");
			for (int a = 0; a < list.size(); a++) {
				JsonNode attachment = list.get(a);
				String sha2 = attachment.get("sha2").stringValue().toLowerCase();
				AttachmentPart part = parts.get(sha2);
				if (part == null && !attachment.has("fileUrl")) {
					throw new InvalidStatement(path + ".attachments[" + a + "].sha2",
							"no attachment part has this sha2, and there is no fileUrl");
				}
				if (part != null) {
					cited.add(sha2);
				}
				if (StatementSignature.USAGE.equals(attachment.get("usageType").stringValue())) {
					if (part == null) {
						throw new InvalidStatement(path + ".attachments[" + a + "]",
								"a signature attachment must be sent with the statement");
					}
					if (!attachment.get("contentType").stringValue().equals("application/octet-stream")) {
						throw new InvalidStatement(path + ".attachments[" + a + "].contentType",
								"a signature attachment has contentType application/octet-stream");
					}
					StatementSignature.verify(statement, path, part.content(), a);
				}
			}
			statement.path("object").path("attachments").forEach((attachment) -> {
				String sha2 = attachment.get("sha2").stringValue().toLowerCase();
				if (parts.containsKey(sha2)) {
					cited.add(sha2);
				}
			});
		}
		for (String hash : parts.keySet()) {
			if (!cited.contains(hash)) {
				throw XapiRequestRefused.badRequest("X-Experience-API-Hash",
						"attachment part " + hash + " belongs to no statement");
			}
		}
		return parts;
	}

	private static String sha2(byte[] content, int hexLength) {
		String algorithm = switch (hexLength) {
			case 56 -> "SHA-224";
			case 96 -> "SHA-384";
			case 128 -> "SHA-512";
			default -> "SHA-256";
		};
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(content));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The state of a query, carried in the {@code more} link (base64url JSON). */
	static final class MoreToken {

		private MoreToken() {
		}

		static String encode(StatementQuery query) {
			ObjectNode token = JsonNodeFactory.instance.objectNode();
			if (query.agent() != null) {
				token.set("agent", query.agent().toJson());
			}
			token.put("verb", query.verb());
			token.put("activity", query.activity());
			token.put("registration", (query.registration() != null) ? query.registration().toString() : null);
			token.put("relatedActivities", query.relatedActivities());
			token.put("relatedAgents", query.relatedAgents());
			token.put("since", (query.since() != null) ? query.since().toString() : null);
			token.put("until", (query.until() != null) ? query.until().toString() : null);
			token.put("limit", query.limit());
			token.put("format", query.format());
			token.put("attachments", query.attachments());
			token.put("ascending", query.ascending());
			token.put("after", query.after());
			token.put("through", query.through());
			return Base64.getUrlEncoder().withoutPadding().encodeToString(XapiJson.MAPPER.writeValueAsBytes(token));
		}

		static StatementQuery decode(String text, String clientKey) {
			try {
				JsonNode token = XapiJson.MAPPER.readTree(Base64.getUrlDecoder().decode(text));
				return new StatementQuery(
						token.hasNonNull("agent") ? AgentIdentifier.fromActor(token.get("agent")) : null,
						token.path("verb").stringValue(null), token.path("activity").stringValue(null),
						token.hasNonNull("registration") ? UUID.fromString(token.get("registration").stringValue())
								: null,
						token.path("relatedActivities").booleanValue(), token.path("relatedAgents").booleanValue(),
						token.hasNonNull("since") ? Instant.parse(token.get("since").stringValue()) : null,
						token.hasNonNull("until") ? Instant.parse(token.get("until").stringValue()) : null,
						token.get("limit").intValue(), format(token.get("format").stringValue()),
						token.path("attachments").booleanValue(), token.path("ascending").booleanValue(),
						token.get("after").longValue(), token.get("through").longValue(), clientKey);
			}
			catch (RuntimeException ex) {
				throw new XapiRequestRefused(400, "xapi-bad-request", "more", "The more link is not valid.");
			}
		}

	}

	static String utf8(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

}
