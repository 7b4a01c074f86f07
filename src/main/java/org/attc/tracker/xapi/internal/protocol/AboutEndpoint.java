package org.attc.tracker.xapi.internal.protocol;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /xapi/about} (xAPI 1.0.3 Communication §2.8): public, no version header
 * needed.
 */
@RestController
@XapiResource
class AboutEndpoint {

	@GetMapping("/xapi/about")
	Map<String, Object> about() {
		Map<String, Object> about = new LinkedHashMap<>();
		about.put("version", List.of("1.0.3", "2.0.0"));
		about.put("extensions", Map.of());
		return about;
	}

}
