package org.attc.tracker.progress.internal.record;

import org.attc.tracker.progress.internal.ProgressScope;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The training record PDF for API callers (and the OpenAPI description). */
@RestController
class TrainingRecordApi {

	private final ProgressScope scope;

	private final TrainingRecords records;

	TrainingRecordApi(ProgressScope scope, TrainingRecords records) {
		this.scope = scope;
		this.records = records;
	}

	/**
	 * Issues the learner's training record as a PDF with its verification link; a learner
	 * out of the caller's scope answers 404.
	 */
	@GetMapping(path = "/api/progress/learners/{id}/record.pdf", produces = "application/pdf")
	ResponseEntity<byte[]> learner(@PathVariable long id, Authentication caller) {
		return TrainingRecordPages.pdf(this.records.issue(this.scope.visibleLearner(caller, id), caller.getName()));
	}

}
