package org.attc.tracker.lti.internal.keys;

import java.time.Duration;
import java.util.Map;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The tool's public keys (RFC 7517 JWK Set), which platforms use to check the tool's
 * signed messages (Security Framework §6.3).
 */
@RestController
class JwksEndpoint {

	private final ToolKeys keys;

	JwksEndpoint(ToolKeys keys) {
		this.keys = keys;
	}

	@GetMapping(path = "/.well-known/jwks.json", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, Object>> jwks() {
		// public keys only: toJSONObject(true) leaves every private member out
		return ResponseEntity.ok()
			.cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
			.body(this.keys.publicKeys().toJSONObject(true));
	}

}
