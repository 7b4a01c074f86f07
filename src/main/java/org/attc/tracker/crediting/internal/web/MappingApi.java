package org.attc.tracker.crediting.internal.web;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.attc.tracker.crediting.internal.engine.MappingAdministration;
import org.attc.tracker.crediting.internal.mapping.ActivityMapping;
import org.attc.tracker.crediting.internal.mapping.MappingDefinition;
import org.attc.tracker.crediting.internal.mapping.MappingRequest;
import org.attc.tracker.crediting.internal.rule.ActivityMatch;
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

/** Activity mappings: which activity credits which capability, on what rule. */
@RestController
@RequestMapping("/api/mappings")
@PreAuthorize("hasAnyRole('COORDINATOR','ADMIN')")
class MappingApi {

	private final MappingAdministration administration;

	private final MappingEditors editors;

	MappingApi(MappingAdministration administration, MappingEditors editors) {
		this.editors = editors;
		this.administration = administration;
	}

	record MappingView(long id, String activityId, String match, String platformIssuer, String contextId,
			String resourceLinkId, String cmi5CourseId, Map<String, String> capability, int tier, Set<String> verbs,
			boolean requireSuccess, Double minScaledScore, String moveOn, Integer points, Integer threshold,
			Integer validityMonths, String createdBy, Instant createdAt, Instant updatedAt, String organisation) {

		static MappingView of(ActivityMapping mapping) {
			MappingDefinition d = mapping.definition();
			String match = switch (d.match().kind()) {
				case EXACT -> "exact";
				case PREFIX -> "prefix";
				case LMS_COURSE -> "lms-course";
				case CMI5 -> "cmi5";
			};
			Map<String, String> capability = new java.util.LinkedHashMap<>();
			capability.put("identifier", d.capabilityIdentifier());
			capability.put("code", d.capabilityCode());
			return new MappingView(mapping.id(),
					(d.match().kind() == ActivityMatch.Kind.EXACT || d.match().kind() == ActivityMatch.Kind.PREFIX)
							? d.match().value() : d.activityId(),
					match, d.platformIssuer(), d.contextId(), d.resourceLinkId(), d.cmi5CourseId(), capability,
					d.tierRank(), d.verbs(), d.requireSuccess(), d.minScore(),
					(d.moveOn() != null) ? d.moveOn().name() : null, d.points(), d.threshold(), d.validityMonths(),
					mapping.createdBy(), mapping.createdAt(), mapping.updatedAt(), mapping.ownerOrganisation());
		}

	}

	@GetMapping
	List<MappingView> list() {
		return this.administration.list().stream().map(MappingView::of).toList();
	}

	@GetMapping("/{id}")
	MappingView get(@PathVariable long id) {
		return MappingView.of(this.administration.find(id));
	}

	@PostMapping
	ResponseEntity<Map<String, Object>> create(@RequestBody(required = false) MappingRequest request,
			Authentication caller) {
		this.editors.checkMayWrite(caller, request);
		MappingAdministration.Saved saved = this.administration.create(request, MappingEditors.who(caller),
				this.editors.ownerFor(caller));
		return ResponseEntity.created(URI.create("/api/mappings/" + saved.mapping().id()))
			.body(Map.of("mapping", MappingView.of(saved.mapping()), "recomputeJob", saved.recomputeJobId()));
	}

	@PutMapping("/{id}")
	Map<String, Object> update(@PathVariable long id, @RequestBody(required = false) MappingRequest request,
			Authentication caller) {
		this.editors.checkMayChange(caller, this.administration.find(id));
		this.editors.checkMayWrite(caller, request);
		MappingAdministration.Saved saved = this.administration.update(id, request, MappingEditors.who(caller));
		return Map.of("mapping", MappingView.of(saved.mapping()), "recomputeJob", saved.recomputeJobId());
	}

	/**
	 * 202: the mapping is gone at once, and the evidence it gave is retracted by the
	 * recompute job named in the body (and in {@code Location}).
	 */
	@DeleteMapping("/{id}")
	ResponseEntity<Map<String, Object>> delete(@PathVariable long id, Authentication caller) {
		this.editors.checkMayChange(caller, this.administration.find(id));
		long job = this.administration.delete(id, MappingEditors.who(caller));
		return ResponseEntity.accepted()
			.location(URI.create("/api/recompute-jobs/" + job))
			.body(Map.of("recomputeJob", job));
	}

	/** "This mapping would credit N learners now", judged on every stored statement. */
	@PostMapping("/preview")
	Map<String, Object> preview(@RequestBody(required = false) MappingRequest request, Authentication caller) {
		MappingAdministration.Preview preview = this.administration.preview(request, caller);
		return Map.of("learners", preview.learners(), "statements", preview.statements(), "message",
				"This mapping would credit " + preview.learners() + " learner" + ((preview.learners() == 1) ? "" : "s")
						+ " now (" + preview.statements() + " statement" + ((preview.statements() == 1) ? "" : "s")
						+ " meet its rule).");
	}

}
