package org.attc.tracker.xapi.internal.statements;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.attc.tracker.xapi.internal.XapiProperties;
import org.attc.tracker.xapi.internal.clients.LrsClient;
import org.attc.tracker.xapi.internal.clients.ScopeRules;
import org.attc.tracker.xapi.internal.clients.ScopeRules.Permission;
import org.attc.tracker.xapi.internal.protocol.LimitedBody;
import org.attc.tracker.xapi.internal.protocol.XapiParameters;
import org.attc.tracker.xapi.internal.protocol.XapiProblems.XapiRequestRefused;
import org.attc.tracker.xapi.internal.protocol.XapiResource;
import org.attc.tracker.xapi.internal.validation.StatementValidator;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Statement Resource (xAPI 1.0.3 Communication §2.1; IEEE 9274.1.1 §4.1.6.1):
 * {@code PUT}, {@code POST}, {@code GET} and {@code HEAD} on {@code /xapi/statements},
 * with attachments and signed statements. HTTP in and out only: the rules are in
 * {@link StatementIngestion}, {@link StatementQueryParameters} and
 * {@link StatementReads}.
 */
@RestController
@XapiResource
class StatementsEndpoint {

	private final StatementIngestion ingestion;

	private final StatementReads reads;

	private final XapiProperties properties;

	StatementsEndpoint(StatementIngestion ingestion, StatementReads reads, XapiProperties properties) {
		this.ingestion = ingestion;
		this.reads = reads;
		this.properties = properties;
	}

	/** Communication §2.1.1: store one statement under the given id; 204. */
	@PutMapping("/xapi/statements")
	ResponseEntity<Void> put(HttpServletRequest request, @AuthenticationPrincipal LrsClient client) throws IOException {
		ScopeRules.require(client, Permission.WRITE_STATEMENTS);
		XapiParameters parameters = XapiParameters.of(request);
		parameters.onlyThese(Set.of("statementId"));
		String statementId = parameters.text("statementId");
		if (statementId == null) {
			throw XapiRequestRefused.badRequest("statementId", "PUT needs the statementId parameter");
		}
		if (!StatementValidator.isUuid(statementId)) {
			throw XapiRequestRefused.badRequest("statementId", "statementId must be a UUID");
		}
		this.ingestion.put(statementId, body(request), client, parameters.version());
		return ResponseEntity.noContent().build();
	}

	/**
	 * Communication §2.1.2: store one statement or a batch; 200 with the ids in order.
	 */
	@PostMapping("/xapi/statements")
	void post(HttpServletRequest request, HttpServletResponse response, @AuthenticationPrincipal LrsClient client)
			throws IOException {
		ScopeRules.require(client, Permission.WRITE_STATEMENTS);
		XapiParameters parameters = XapiParameters.of(request);
		parameters.onlyThese(Set.of());
		List<UUID> ids = this.ingestion.post(body(request), client, parameters.version());
		// written here, not through a ResponseEntity: for a single statement, choosing
		// and
		// running a message converter for these few bytes cost the service about a sixth
		// of its CPU per request (JFR, docs/benchmarks/xapi-ingestion.md)
		StringBuilder json = new StringBuilder(ids.size() * 39 + 2).append('[');
		for (int i = 0; i < ids.size(); i++) {
			json.append((i == 0) ? "\"" : ",\"").append(ids.get(i)).append('"');
		}
		response.setStatus(HttpServletResponse.SC_OK);
		response.setContentType("application/json");
		response.getOutputStream().write(json.append(']').toString().getBytes(StandardCharsets.US_ASCII));
	}

	/** Communication §2.1.3: one statement, or a page of a query. HEAD is served too. */
	@GetMapping("/xapi/statements")
	ResponseEntity<?> get(HttpServletRequest request, @AuthenticationPrincipal LrsClient client) {
		ScopeRules.require(client, Permission.READ_OWN_STATEMENTS);
		XapiParameters parameters = XapiParameters.of(request);
		StatementReads.Answer answer = this.reads.answer(parameters, client.readsOnlyStatementsOf(), morePath(request),
				presentation(request, parameters));
		return respond(answer);
	}

	/** The {@code more} link of a query page (Communication §2.1.3, StatementResult). */
	@GetMapping("/xapi/statements/more/{token}")
	ResponseEntity<?> more(@PathVariable String token, HttpServletRequest request,
			@AuthenticationPrincipal LrsClient client) {
		ScopeRules.require(client, Permission.READ_OWN_STATEMENTS);
		return respond(this.reads.page(MoreToken.decode(token, client.readsOnlyStatementsOf()), morePath(request),
				presentation(request, XapiParameters.of(request))));
	}

	private ResponseEntity<?> respond(StatementReads.Answer answer) {
		ResponseEntity.BodyBuilder ok = ResponseEntity.ok();
		if (answer.lastModified() != null) {
			ok.lastModified(answer.lastModified());
		}
		if (!answer.attachments()) {
			return ok.contentType(MediaType.APPLICATION_JSON).body(answer.json());
		}
		MultipartAnswer multipart = this.reads.withAttachments(answer);
		return ok.contentType(MediaType.parseMediaType(multipart.contentType())).body(multipart.body());
	}

	private StatementBody body(HttpServletRequest request) throws IOException {
		return StatementBody.read(request.getContentType(),
				() -> LimitedBody.read(request, this.properties.maxBodySize().toBytes()));
	}

	private static StatementReads.Presentation presentation(HttpServletRequest request, XapiParameters parameters) {
		return StatementReads.Presentation.of(request.getHeader("Accept-Language"), parameters.version());
	}

	private static String morePath(HttpServletRequest request) {
		return request.getContextPath() + "/xapi/statements/more/";
	}

}
