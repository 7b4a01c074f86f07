package org.attc.tracker.xapi.internal.documents;

import java.io.IOException;
import java.time.Instant;

import jakarta.servlet.http.HttpServletRequest;
import org.attc.tracker.xapi.internal.XapiProperties;
import org.attc.tracker.xapi.internal.clients.LrsClient;
import org.attc.tracker.xapi.internal.clients.ScopeRules;
import org.attc.tracker.xapi.internal.protocol.LimitedBody;
import org.attc.tracker.xapi.internal.protocol.XapiParameters;
import org.attc.tracker.xapi.internal.protocol.XapiProblems.XapiRequestRefused;
import org.attc.tracker.xapi.internal.protocol.XapiResource;
import org.attc.tracker.xapi.internal.store.DocumentStore.Document;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The document resources (xAPI 1.0.3 Communication §2.3 State, §2.6 Activity Profile,
 * §2.7 Agent Profile; IEEE 9274.1.1 §4.1.6.2-4): PUT, POST (JSON merge), GET one, GET
 * ids, DELETE. HTTP in and out only: the rules are in {@link Documents},
 * {@link DocumentResource} and {@link DocumentPreconditions}.
 */
@RestController
@XapiResource
class DocumentsEndpoint {

	private final Documents documents;

	private final XapiProperties properties;

	DocumentsEndpoint(Documents documents, XapiProperties properties) {
		this.documents = documents;
		this.properties = properties;
	}

	@RequestMapping("/xapi/activities/state")
	ResponseEntity<?> state(HttpServletRequest request, @AuthenticationPrincipal LrsClient client) throws IOException {
		return handle(DocumentResource.STATE, request, client);
	}

	@RequestMapping("/xapi/activities/profile")
	ResponseEntity<?> activityProfile(HttpServletRequest request, @AuthenticationPrincipal LrsClient client)
			throws IOException {
		return handle(DocumentResource.ACTIVITY_PROFILE, request, client);
	}

	@RequestMapping("/xapi/agents/profile")
	ResponseEntity<?> agentProfile(HttpServletRequest request, @AuthenticationPrincipal LrsClient client)
			throws IOException {
		return handle(DocumentResource.AGENT_PROFILE, request, client);
	}

	private ResponseEntity<?> handle(DocumentResource resource, HttpServletRequest request, LrsClient client)
			throws IOException {
		String method = request.getMethod();
		boolean reading = method.equals("GET") || method.equals("HEAD");
		ScopeRules.require(client, ScopeRules.forDocuments(resource == DocumentResource.STATE, reading),
				"This client's scopes do not allow the " + resource.name + " resource.");
		XapiParameters parameters = XapiParameters.of(request);
		parameters.onlyThese(resource.parameters());
		byte[] scope = resource.scope(parameters);
		String documentId = parameters.text(resource.idParameter);
		Documents.Conditions conditions = new Documents.Conditions(request.getHeader("If-Match"),
				request.getHeader("If-None-Match"));
		switch (method) {
			case "GET", "HEAD" -> {
				// Communication §3.2: a malformed since is a 400 even beside an id, where
				// it selects nothing
				Instant since = parameters.timestamp("since");
				if (documentId == null) {
					return ResponseEntity.ok()
						.contentType(MediaType.APPLICATION_JSON)
						.body(this.documents.ids(scope, since));
				}
				Document document = this.documents.one(scope, documentId);
				return ResponseEntity.ok()
					.contentType(MediaType.parseMediaType(document.contentType()))
					.eTag("\"" + document.etag() + "\"")
					.lastModified(document.updated())
					.body(document.content());
			}
			case "PUT", "POST" -> {
				parameters.required(resource.idParameter);
				String contentType = (request.getContentType() != null) ? request.getContentType()
						: MediaType.APPLICATION_OCTET_STREAM_VALUE;
				byte[] content = LimitedBody.read(request, this.properties.maxBodySize().toBytes());
				String etag = this.documents.write(resource, scope, documentId, contentType, content,
						method.equals("POST"), conditions, parameters.version());
				return ResponseEntity.noContent().eTag("\"" + etag + "\"").build();
			}
			case "DELETE" -> {
				this.documents.delete(resource, scope, documentId, conditions);
				return ResponseEntity.noContent().build();
			}
			default -> throw new XapiRequestRefused(405, "method-not-allowed", null, method + " is not served here");
		}
	}

}
