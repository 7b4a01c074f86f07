package org.attc.tracker.identity.internal;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Staff accounts, for administrators only. */
@RestController
@RequestMapping("/api/users")
@PreAuthorize("hasRole('ADMIN')")
class StaffAccountApi {

	private final StaffAccounts accounts;

	StaffAccountApi(StaffAccounts accounts) {
		this.accounts = accounts;
	}

	/**
	 * Creates an account. The answer carries its first password: the only time it is
	 * shown.
	 */
	@PostMapping
	ResponseEntity<Map<String, Object>> create(@RequestBody(required = false) StaffAccountRequest request,
			Authentication caller) {
		StaffAccounts.Created created = this.accounts.create(required(request), caller);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("account", created.account());
		body.put("password", created.password());
		return ResponseEntity.created(URI.create("/api/users/" + created.account().id())).body(body);
	}

	@GetMapping
	List<StaffAccountView> list() {
		return this.accounts.list();
	}

	@GetMapping("/{id}")
	StaffAccountView get(@PathVariable long id) {
		return this.accounts.get(id);
	}

	/**
	 * Replaces display name, e-mail, roles, organisations and learner link; with
	 * {@code "enabled": true} also enables a disabled account.
	 */
	@PutMapping("/{id}")
	StaffAccountView update(@PathVariable long id, @RequestBody(required = false) UpdateRequest request,
			Authentication caller) {
		if (request == null) {
			throw new IllegalArgumentException("body: a JSON account is required");
		}
		return this.accounts.update(id, request.account(), request.enabled(), caller);
	}

	/** Disables the account (never deletes it). */
	@DeleteMapping("/{id}")
	StaffAccountView disable(@PathVariable long id, Authentication caller) {
		return this.accounts.disable(id, caller);
	}

	/** A new password for the account, answered once. */
	@PostMapping("/{id}/password")
	Map<String, Object> resetPassword(@PathVariable long id, Authentication caller) {
		return Map.of("id", id, "password", this.accounts.resetPassword(id, caller));
	}

	/**
	 * Removes the account's single sign-on links, so its next sign-in through a provider
	 * links afresh by the configured claim (a person whose provider account was
	 * recreated).
	 */
	@DeleteMapping("/{id}/sso-links")
	Map<String, Object> unlinkSingleSignOn(@PathVariable long id, Authentication caller) {
		return Map.of("id", id, "removed", this.accounts.unlinkSingleSignOn(id, caller));
	}

	private static StaffAccountRequest required(StaffAccountRequest request) {
		if (request == null) {
			throw new IllegalArgumentException("body: a JSON account is required");
		}
		return request;
	}

	record UpdateRequest(String displayName, String email, List<String> roles, List<String> organisations,
			Long learnerId, Boolean enabled) {

		StaffAccountRequest account() {
			return new StaffAccountRequest(null, this.displayName, this.email, this.roles, this.organisations,
					this.learnerId);
		}

	}

}
