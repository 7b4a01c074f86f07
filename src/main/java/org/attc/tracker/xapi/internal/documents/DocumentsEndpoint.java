package org.attc.tracker.xapi.internal.documents;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import org.attc.tracker.shared.AgentIdentifier;
import org.attc.tracker.shared.InvalidAgentIdentifier;
import org.attc.tracker.xapi.internal.XapiJson;
import org.attc.tracker.xapi.internal.XapiProperties;
import org.attc.tracker.xapi.internal.clients.LrsClient;
import org.attc.tracker.xapi.internal.protocol.XapiProblems.XapiRequestRefused;
import org.attc.tracker.xapi.internal.protocol.XapiProtocolFilter;
import org.attc.tracker.xapi.internal.protocol.XapiResource;
import org.attc.tracker.xapi.internal.store.DocumentStore;
import org.attc.tracker.xapi.internal.store.DocumentStore.Document;
import org.attc.tracker.xapi.internal.validation.StatementValidator;
import org.attc.tracker.xapi.internal.validation.Timestamps;
import org.attc.tracker.xapi.internal.validation.XapiVersion;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The document resources (xAPI 1.0.3 Communication §2.3 State, §2.6 Activity Profile,
 * §2.7 Agent Profile; IEEE 9274.1.1 §4.1.6.2-4): PUT, POST (JSON merge), GET one, GET
 * ids, DELETE, with the concurrency rules of Communication §3.1 (ETag, If-Match,
 * If-None-Match; 412 on mismatch; per version, 409 or 400 when a PUT lacks both: see
 * {@link #unconditionalPut}).
 */
@RestController
@XapiResource
public class DocumentsEndpoint {

	/** One of the three document resources and its parameters. */
	private enum Resource {

		STATE("state", "stateId", true, true, true),
		ACTIVITY_PROFILE("activity-profile", "profileId", true, false, false),
		AGENT_PROFILE("agent-profile", "profileId", false, true, false);

		final String name;

		final String idParameter;

		final boolean activity;

		final boolean agent;

		final boolean registration;

		Resource(String name, String idParameter, boolean activity, boolean agent, boolean registration) {
			this.name = name;
			this.idParameter = idParameter;
			this.activity = activity;
			this.agent = agent;
			this.registration = registration;
		}

		Set<String> parameters() {
			java.util.Set<String> names = new java.util.HashSet<>(Set.of(this.idParameter, "since"));
			if (this.activity) {
				names.add("activityId");
			}
			if (this.agent) {
				names.add("agent");
			}
			if (this.registration) {
				names.add("registration");
			}
			return names;
		}

	}

	private final DocumentStore documents;

	private final TransactionTemplate transactions;

	private final XapiProperties properties;

	DocumentsEndpoint(DocumentStore documents, PlatformTransactionManager transactions, XapiProperties properties) {
		this.documents = documents;
		this.transactions = new TransactionTemplate(transactions);
		this.properties = properties;
	}

	@RequestMapping("/xapi/activities/state")
	ResponseEntity<?> state(HttpServletRequest request, @AuthenticationPrincipal LrsClient client) throws IOException {
		return handle(Resource.STATE, request, client);
	}

	@RequestMapping("/xapi/activities/profile")
	ResponseEntity<?> activityProfile(HttpServletRequest request, @AuthenticationPrincipal LrsClient client)
			throws IOException {
		return handle(Resource.ACTIVITY_PROFILE, request, client);
	}

	@RequestMapping("/xapi/agents/profile")
	ResponseEntity<?> agentProfile(HttpServletRequest request, @AuthenticationPrincipal LrsClient client)
			throws IOException {
		return handle(Resource.AGENT_PROFILE, request, client);
	}

	private ResponseEntity<?> handle(Resource resource, HttpServletRequest request, LrsClient client)
			throws IOException {
		String method = request.getMethod();
		boolean reading = method.equals("GET") || method.equals("HEAD");
		boolean allowed = (resource == Resource.STATE) ? client.mayUseState() : client.mayUseProfiles();
		if (!allowed && !(reading && client.mayReadDocuments())) {
			throw new XapiRequestRefused(403, "forbidden", null,
					"This client's scopes do not allow the " + resource.name + " resource.");
		}
		for (String name : request.getParameterMap().keySet()) {
			if (!resource.parameters().contains(name)) {
				throw XapiRequestRefused.badRequest(name, "unknown parameter " + name);
			}
		}
		byte[] scope = scope(resource, request);
		String documentId = request.getParameter(resource.idParameter);
		return switch (method) {
			case "GET", "HEAD" -> {
				// Communication §3.2: a malformed since is a 400 even beside an id, where
				// it
				// selects nothing
				Instant since = since(request);
				yield (documentId != null) ? one(scope, documentId) : ids(scope, since);
			}
			case "PUT", "POST" -> {
				require(documentId, resource.idParameter);
				yield write(resource, scope, documentId, request, method.equals("POST"));
			}
			case "DELETE" -> delete(resource, scope, documentId, request);
			default -> throw new XapiRequestRefused(405, "method-not-allowed", null, method + " is not served here");
		};
	}

	private ResponseEntity<?> one(byte[] scope, String documentId) {
		Document document = this.documents.find(scope, documentId, false)
			.orElseThrow(() -> new XapiRequestRefused(404, "document-not-found", null, "No such document."));
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(document.contentType()))
			.eTag("\"" + document.etag() + "\"")
			.lastModified(document.updated())
			.body(document.content());
	}

	private static Instant since(HttpServletRequest request) {
		String text = request.getParameter("since");
		if (text == null) {
			return null;
		}
		try {
			// IEEE 9274.1.1: a 2.0 timestamp carries its zone offset
			return Timestamps.parse(text,
					request.getAttribute(XapiProtocolFilter.VERSION_ATTRIBUTE) == XapiVersion.V2_0_0);
		}
		catch (DateTimeParseException | IllegalArgumentException ex) {
			throw XapiRequestRefused.badRequest("since", "since must be an ISO 8601 timestamp: " + ex.getMessage());
		}
	}

	private ResponseEntity<?> ids(byte[] scope, Instant since) {
		List<String> ids = this.documents.ids(scope, since);
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(ids);
	}

	private ResponseEntity<?> write(Resource resource, byte[] scope, String documentId, HttpServletRequest request,
			boolean merge) throws IOException {
		String contentType = (request.getContentType() != null) ? request.getContentType()
				: MediaType.APPLICATION_OCTET_STREAM_VALUE;
		byte[] content = body(request, this.properties.maxBodySize().toBytes());
		if (merge && content.length == 0) {
			// Communication §2.2: a POST carries the document to store or merge
			throw XapiRequestRefused.badRequest("$", "POST needs a document");
		}
		// Communication §2.2 (JSON Procedure with Requirements, 2.2.s8.b1) and IEEE
		// 9274.1.1 §4.1.6.2: a POSTed application/json document that is not a JSON
		// object is refused, whether or not the target exists (ADL XAPI-00314)
		ObjectNode posted = (merge && isJson(contentType)) ? jsonObject(contentType, content, "the posted document")
				: null;
		XapiVersion version = (XapiVersion) request.getAttribute(XapiProtocolFilter.VERSION_ATTRIBUTE);
		boolean unconditional = request.getHeader("If-Match") == null && request.getHeader("If-None-Match") == null;
		String etag = this.transactions.execute((tx) -> {
			Optional<Document> existing = this.documents.find(scope, documentId, true);
			preconditions(existing, request);
			if (!merge && unconditional) {
				unconditionalPut(resource, existing.isPresent(), version);
			}
			if (merge && existing.isPresent()) {
				ObjectNode merged = jsonObject(existing.get().contentType(), existing.get().content(),
						"the stored document");
				// Communication §2.3 (POST): properties of the posted object replace
				// those stored
				merged.setAll((posted != null) ? posted : jsonObject(contentType, content, "the posted document"));
				return this.documents.save(resource.name, scope, documentId, MediaType.APPLICATION_JSON_VALUE,
						XapiJson.MAPPER.writeValueAsBytes(merged));
			}
			// Communication §2.2 (JSON Procedure with Requirements): a POST to a document
			// that does not exist is treated as a PUT and stores what was posted,
			// whatever its content type
			return this.documents.save(resource.name, scope, documentId, contentType, content);
		});
		return ResponseEntity.noContent().eTag("\"" + etag + "\"").build();
	}

	/**
	 * A PUT with neither {@code If-Match} nor {@code If-None-Match}.
	 * <ul>
	 * <li>To an existing profile document: 409 with both versions (1.0.3 Communication
	 * §3.1; IEEE 9274.1.1 §4.1.4).</li>
	 * <li>To an existing State document: 409 for 2.0 requests, whose §4.1.4 lists the
	 * State Resource among the resources under concurrency control with no exemption;
	 * 1.0.3 leaves the State Resource out of §3.1, so 1.0.3 clients keep overwriting
	 * state without headers.</li>
	 * <li>To a new profile document: 400 for 1.0.3 requests. 1.0.3 Communication §3.1
	 * says a client PUTting to the Activity Profile or Agent Profile Resource MUST
	 * include If-Match or If-None-Match, and ADL's 1.0.3 conformance suite (XAPI-00273
	 * and its activity-profile twin) and ADL's reference LRS refuse one without either,
	 * and TinCanJS sends {@code If-None-Match: *} to create. 2.0 keeps only the 409 rule
	 * for existing documents, so a 2.0 PUT creating a document needs no header.</li>
	 * </ul>
	 */
	private static void unconditionalPut(Resource resource, boolean exists, XapiVersion version) {
		boolean profile = resource != Resource.STATE;
		if (exists && (profile || version == XapiVersion.V2_0_0)) {
			throw new XapiRequestRefused(409, "document-conflict", "If-Match",
					"The document exists: send If-Match with its ETag (or If-None-Match: *).");
		}
		if (!exists && profile && version != XapiVersion.V2_0_0) {
			throw XapiRequestRefused.badRequest("If-Match",
					"xAPI 1.0.3 asks for If-Match or If-None-Match on a profile PUT: send If-None-Match: * to create "
							+ "the document.");
		}
	}

	private static boolean isJson(String contentType) {
		return contentType.toLowerCase(Locale.ROOT).startsWith("application/json");
	}

	private ResponseEntity<?> delete(Resource resource, byte[] scope, String documentId, HttpServletRequest request) {
		if (documentId == null) {
			if (resource != Resource.STATE) {
				throw XapiRequestRefused.badRequest(resource.idParameter, resource.idParameter + " is required");
			}
			this.documents.deleteAll(scope);
			return ResponseEntity.noContent().build();
		}
		this.transactions.executeWithoutResult((tx) -> {
			Optional<Document> existing = this.documents.find(scope, documentId, true);
			preconditions(existing, request);
			this.documents.delete(scope, documentId);
		});
		return ResponseEntity.noContent().build();
	}

	/** RFC 9110 §13.1.1 and §13.1.2, as xAPI Communication §3.1 asks. */
	private static void preconditions(Optional<Document> existing, HttpServletRequest request) {
		String ifMatch = request.getHeader("If-Match");
		String ifNoneMatch = request.getHeader("If-None-Match");
		if (ifMatch != null) {
			boolean matches = existing.isPresent() && (ifMatch.trim().equals("*") || List.of(ifMatch.split(","))
				.stream()
				.map(DocumentsEndpoint::unquote)
				.anyMatch(existing.get().etag()::equals));
			if (!matches) {
				throw new XapiRequestRefused(412, "precondition-failed", "If-Match",
						"The document's ETag does not match If-Match.");
			}
		}
		if (ifNoneMatch != null && existing.isPresent()) {
			boolean matches = ifNoneMatch.trim().equals("*") || List.of(ifNoneMatch.split(","))
				.stream()
				.map(DocumentsEndpoint::unquote)
				.anyMatch(existing.get().etag()::equals);
			if (matches) {
				throw new XapiRequestRefused(412, "precondition-failed", "If-None-Match",
						"The document exists (If-None-Match).");
			}
		}
	}

	private static String unquote(String etag) {
		String value = etag.trim();
		if (value.startsWith("W/")) {
			value = value.substring(2);
		}
		return (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\""))
				? value.substring(1, value.length() - 1) : value;
	}

	private static ObjectNode jsonObject(String contentType, byte[] content, String what) {
		if (!isJson(contentType)) {
			throw XapiRequestRefused.badRequest("Content-Type",
					"POST merges JSON objects only; " + what + " is " + contentType);
		}
		JsonNode node;
		try {
			node = XapiJson.MAPPER.readTree(content);
		}
		catch (RuntimeException ex) {
			throw XapiRequestRefused.badRequest("$", what + " is not well-formed JSON");
		}
		if (!(node instanceof ObjectNode object)) {
			throw XapiRequestRefused.badRequest("$", "POST merges JSON objects only; " + what + " is not one");
		}
		return object;
	}

	private byte[] scope(Resource resource, HttpServletRequest request) {
		StringBuilder key = new StringBuilder(resource.name);
		if (resource.activity) {
			String activityId = request.getParameter("activityId");
			require(activityId, "activityId");
			if (!StatementValidator.isIri(activityId)) {
				throw XapiRequestRefused.badRequest("activityId", "activityId must be an IRI");
			}
			key.append('\n').append(activityId);
		}
		if (resource.agent) {
			String agent = request.getParameter("agent");
			require(agent, "agent");
			key.append('\n').append(agent(agent).value());
		}
		if (resource.registration) {
			String registration = request.getParameter("registration");
			if (registration != null && !StatementValidator.isUuid(registration)) {
				throw XapiRequestRefused.badRequest("registration", "registration must be a UUID");
			}
			key.append('\n').append((registration != null) ? registration.toLowerCase(Locale.ROOT) : "");
		}
		return XapiJson.sha1(key.toString());
	}

	static AgentIdentifier agent(String text) {
		try {
			return AgentIdentifier.fromActor(XapiJson.MAPPER.readTree(text));
		}
		catch (InvalidAgentIdentifier ex) {
			throw XapiRequestRefused.badRequest("agent", "agent: " + ex.getMessage());
		}
		catch (RuntimeException ex) {
			throw XapiRequestRefused.badRequest("agent", "agent must be an Agent as JSON");
		}
	}

	private static void require(String value, String name) {
		if (value == null) {
			throw XapiRequestRefused.badRequest(name, name + " is required");
		}
	}

	/**
	 * The request body, refused with 413 past the configured limit (read no further than
	 * it).
	 */
	public static byte[] body(HttpServletRequest request, long max) throws IOException {
		if (request.getContentLengthLong() > max) {
			throw new XapiRequestRefused(413, "payload-too-large", null,
					"The body is larger than the limit of " + max + " bytes.");
		}
		try (InputStream in = request.getInputStream()) {
			byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
			if (bytes.length > max) {
				throw new XapiRequestRefused(413, "payload-too-large", null,
						"The body is larger than the limit of " + max + " bytes.");
			}
			return bytes;
		}
	}

	static Map<String, String> headers(HttpHeaders headers) {
		return headers.toSingleValueMap();
	}

}
