package org.attc.tracker.identity.internal.learner;

import java.util.List;
import java.util.Map;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Organisation rules: the default organisation of an LTI platform or deployment, and the
 * organisation and job roles of an LMS course. Each change places the learners concerned
 * again and answers how many changed.
 */
@RestController
@RequestMapping("/api/organisation-rules")
@PreAuthorize("hasAnyRole('COORDINATOR','ADMIN')")
class PlacementRuleApi {

	private final PlacementRules rules;

	PlacementRuleApi(PlacementRules rules) {
		this.rules = rules;
	}

	/** The rules (a coordinator's: those for their organisations). */
	@GetMapping
	@PreAuthorize("hasAnyRole('COORDINATOR','PROGRAMME','ADMIN')")
	List<PlacementRule> list(Authentication caller) {
		return this.rules.visibleTo(caller);
	}

	record RuleRequest(String platformIssuer, String deploymentId, String contextId, String organisation,
			List<String> jobRoles) {
	}

	/**
	 * Creates or replaces the rule for a platform ({@code platformIssuer} alone), a
	 * deployment (with {@code deploymentId}) or a course (with {@code contextId}).
	 */
	@PutMapping
	Map<String, Object> set(@RequestBody RuleRequest request, Authentication caller) {
		if (request == null) {
			throw new IllegalArgumentException("platformIssuer: platformIssuer and organisation are required");
		}
		PlacementRules.Change change = this.rules.set(request.platformIssuer(), request.deploymentId(),
				request.contextId(), request.organisation(), request.jobRoles(), caller);
		return Map.of("rule", change.rule(), "learnersChanged", change.learnersChanged());
	}

	@DeleteMapping("/{id}")
	Map<String, Object> remove(@PathVariable long id, Authentication caller) {
		PlacementRules.Change change = this.rules.remove(id, caller);
		return Map.of("removed", change.rule(), "learnersChanged", change.learnersChanged());
	}

}
