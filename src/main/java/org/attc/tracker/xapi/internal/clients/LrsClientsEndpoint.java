package org.attc.tracker.xapi.internal.clients;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.attc.tracker.xapi.internal.clients.LrsClient.Scope;
import org.attc.tracker.xapi.internal.protocol.XapiProblems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admin API for LRS client credentials (ADMIN role, see {@code XapiSecurity}). The secret
 * is in the creation answer only.
 */
@RestController
@RequestMapping("/api/lrs-clients")
class LrsClientsEndpoint {

	private final LrsClients clients;

	LrsClientsEndpoint(LrsClients clients) {
		this.clients = clients;
	}

	/** What an admin sends to create a client. */
	record NewClient(String name, List<String> scopes, String organisation) {
	}

	@PostMapping
	ResponseEntity<?> create(@RequestBody NewClient request) {
		if (request.name() == null || request.name().isBlank() || request.name().length() > 255) {
			return problem("name", "name is required (at most 255 characters)");
		}
		if (request.scopes() == null || request.scopes().isEmpty()) {
			return problem("scopes", "scopes is required, e.g. [\"statements/write\", \"statements/read/mine\"]");
		}
		Set<Scope> scopes;
		try {
			scopes = LrsClients.scopes(request.scopes());
		}
		catch (IllegalArgumentException ex) {
			return problem("scopes", ex.getMessage());
		}
		LrsClients.Created created = this.clients.create(request.name().trim(), scopes, request.organisation());
		Map<String, Object> body = view(created.client());
		body.put("secret", created.secret());
		return ResponseEntity.created(URI.create("/api/lrs-clients/" + created.client().key())).body(body);
	}

	@GetMapping
	List<Map<String, Object>> list() {
		return this.clients.all().stream().map(LrsClientsEndpoint::view).toList();
	}

	@DeleteMapping("/{key}")
	ResponseEntity<?> delete(@PathVariable String key) {
		if (this.clients.delete(key)) {
			return ResponseEntity.noContent().build();
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No LRS client with that key.");
		problem.setType(URI.create(XapiProblems.TYPE + "lrs-client-not-found"));
		return ResponseEntity.status(404).body(problem);
	}

	private static Map<String, Object> view(LrsClient client) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("key", client.key());
		view.put("name", client.name());
		view.put("scopes", client.scopes().stream().map(Scope::text).toList());
		view.put("organisation", client.organisation());
		return view;
	}

	private static ResponseEntity<ProblemDetail> problem(String field, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
		problem.setType(URI.create(XapiProblems.TYPE + "invalid-lrs-client"));
		problem.setTitle("Invalid LRS client");
		problem.setProperty("field", field);
		return ResponseEntity.badRequest().body(problem);
	}

}
