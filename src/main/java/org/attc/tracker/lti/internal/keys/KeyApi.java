package org.attc.tracker.lti.internal.keys;

import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Tool key rotation for administrators. */
@RestController
class KeyApi {

	private final ToolKeys keys;

	KeyApi(ToolKeys keys) {
		this.keys = keys;
	}

	@PostMapping("/api/lti/keys/rotate")
	ResponseEntity<Map<String, String>> rotate() {
		return ResponseEntity.ok(Map.of("kid", this.keys.rotate()));
	}

}
