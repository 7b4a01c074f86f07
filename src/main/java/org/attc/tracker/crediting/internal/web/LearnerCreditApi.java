package org.attc.tracker.crediting.internal.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.attc.tracker.crediting.Attainments;
import org.attc.tracker.crediting.CapabilityAttainment;
import org.attc.tracker.crediting.internal.engine.SignOffs;
import org.attc.tracker.crediting.internal.ledger.EvidenceLedger;
import org.attc.tracker.crediting.internal.ledger.EvidenceRow;
import org.attc.tracker.identity.Learners;
import org.attc.tracker.shared.LearnerId;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A learner's attainment and the evidence that explains it; assessor sign-offs. */
@RestController
@RequestMapping("/api/learners/{id}")
class LearnerCreditApi {

	private final Attainments attainments;

	private final EvidenceLedger ledger;

	private final Learners learners;

	private final SignOffs signOffs;

	LearnerCreditApi(Attainments attainments, EvidenceLedger ledger, Learners learners, SignOffs signOffs) {
		this.attainments = attainments;
		this.ledger = ledger;
		this.learners = learners;
		this.signOffs = signOffs;
	}

	@GetMapping("/attainment")
	Map<String, Object> attainment(@PathVariable long id, Authentication caller) {
		LearnerId learner = visible(id, caller);
		List<Map<String, Object>> capabilities = this.attainments.forLearner(learner)
			.stream()
			.map(LearnerCreditApi::json)
			.toList();
		return Map.of("learner", learner.value(), "capabilities", capabilities);
	}

	/**
	 * Every row of the ledger for the learner, retractions included, each with its
	 * reason.
	 */
	@GetMapping("/evidence")
	Map<String, Object> evidence(@PathVariable long id, Authentication caller) {
		LearnerId learner = visible(id, caller);
		List<Map<String, Object>> rows = this.ledger.history(learner.value())
			.stream()
			.map(LearnerCreditApi::json)
			.toList();
		return Map.of("learner", learner.value(), "evidence", rows);
	}

	record SignOffRequest(String capability, String tier, String comment, Instant achievedAt, Integer validityMonths) {
	}

	/** An assessor records that they observed the learner perform the capability. */
	@PostMapping("/sign-offs")
	@ResponseStatus(HttpStatus.CREATED)
	@PreAuthorize("hasRole('ASSESSOR')")
	Map<String, Object> signOff(@PathVariable long id, @RequestBody(required = false) SignOffRequest request,
			Authentication caller) {
		LearnerId learner = visible(id, caller);
		if (request == null) {
			throw new IllegalArgumentException("body: capability, tier and comment are required");
		}
		EvidenceRow row = this.signOffs.record(learner, request.capability(), request.tier(), request.comment(),
				request.achievedAt(), request.validityMonths(), caller.getName());
		return json(row);
	}

	private LearnerId visible(long id, Authentication caller) {
		if (id <= 0 || !this.learners.canSee(caller, new LearnerId(id))) {
			throw new UnknownLearnerRecord(id);
		}
		return this.learners.current(new LearnerId(id));
	}

	static Map<String, Object> json(CapabilityAttainment a) {
		Map<String, Object> capability = new LinkedHashMap<>();
		capability.put("identifier", a.capabilityIdentifier());
		capability.put("code", a.capabilityCode());
		capability.put("title", a.capabilityTitle());
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("capability", capability);
		json.put("tier", a.tier());
		json.put("requiredTier", a.requiredTier());
		json.put("status", a.status().json());
		json.put("achievedAt", a.achievedAt());
		json.put("expiresAt", a.expiresAt());
		return json;
	}

	static Map<String, Object> json(EvidenceRow row) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("id", row.id());
		json.put("kind", row.kind().name().toLowerCase());
		json.put("capability", row.capabilityIdentifier());
		json.put("tier", row.tierRank());
		Map<String, Object> source = new LinkedHashMap<>();
		if (row.statementId() != null) {
			source.put("statementId", row.statementId());
		}
		if (row.mappingId() != null) {
			source.put("mappingId", row.mappingId());
		}
		if (row.recordedBy() != null) {
			source.put("recordedBy", row.recordedBy());
		}
		json.put("source", source);
		json.put("activityId", row.activityId());
		json.put("verb", row.verb());
		json.put("score", row.score());
		json.put("points", row.points());
		json.put("reason", row.reason());
		json.put("achievedAt", row.achievedAt());
		json.put("expiresAt", row.expiresAt());
		json.put("expired", row.expiresAt() != null && row.expiresAt().isBefore(Instant.now()));
		json.put("recordedAt", row.recordedAt().atOffset(ZoneOffset.UTC).toInstant());
		json.put("retracted", row.retracted());
		json.put("retracts", row.retractsId());
		return json;
	}

}
