package org.attc.tracker.crediting.internal.web;

import java.util.List;

import org.attc.tracker.crediting.internal.engine.RecomputeJob;
import org.attc.tracker.crediting.internal.engine.RecomputeJobs;
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

/** Recompute jobs and their progress. */
@RestController
@RequestMapping("/api/recompute-jobs")
@PreAuthorize("hasAnyRole('COORDINATOR','ADMIN')")
class RecomputeApi {

	private final RecomputeJobs jobs;

	RecomputeApi(RecomputeJobs jobs) {
		this.jobs = jobs;
	}

	@GetMapping
	List<RecomputeJob> recent() {
		return this.jobs.recent();
	}

	@GetMapping("/{id}")
	RecomputeJob get(@PathVariable long id) {
		return this.jobs.find(id).orElseThrow(() -> new IllegalArgumentException("id: no recompute job " + id));
	}

	record RecomputeRequest(Long mappingId) {
	}

	/** Re-credits every stored statement (or one mapping's) from scratch. */
	@PostMapping
	@ResponseStatus(HttpStatus.ACCEPTED)
	@PreAuthorize("hasRole('ADMIN')")
	RecomputeJob start(@RequestBody(required = false) RecomputeRequest request, Authentication caller) {
		Long mapping = (request != null) ? request.mappingId() : null;
		long id = this.jobs.request("requested by " + caller.getName(), mapping, caller.getName());
		return this.jobs.find(id).orElseThrow();
	}

}
