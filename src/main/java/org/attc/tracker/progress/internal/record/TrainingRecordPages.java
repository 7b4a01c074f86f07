package org.attc.tracker.progress.internal.record;

import org.attc.tracker.progress.internal.ProgressScope;
import org.attc.tracker.shared.LearnerId;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The printable training record: a learner's own (from "My capabilities"), or one of a
 * learner the caller may see (a coordinator's, in scope); and the public page that
 * verifies an issued record by its link.
 */
@Controller
class TrainingRecordPages {

	private final ProgressScope scope;

	private final TrainingRecords records;

	TrainingRecordPages(ProgressScope scope, TrainingRecords records) {
		this.scope = scope;
		this.records = records;
	}

	@GetMapping("/my/capabilities/record.pdf")
	ResponseEntity<byte[]> mine(Authentication caller) {
		LearnerId self = this.scope.self(caller)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "not signed in as a learner"));
		return pdf(this.records.issue(self, caller.getName()));
	}

	@GetMapping("/learners/{id}/capabilities/record.pdf")
	ResponseEntity<byte[]> learner(@PathVariable long id, Authentication caller) {
		// the same scope rule as the learner's page: out of scope answers as unknown
		LearnerId learner = this.scope.visibleLearner(caller, id);
		return pdf(this.records.issue(learner, caller.getName()));
	}

	/** Public: confirms an issued record; anything but an issued token is not found. */
	@GetMapping("/verify/{token}")
	String verify(@PathVariable String token, Model model) {
		TrainingRecords.Verified verified = this.records.verify(token)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no such record"));
		model.addAttribute("verified", verified);
		model.addAttribute("issued", TrainingRecordPdf.day(verified.issuedAt()));
		return "progress/verify";
	}

	static ResponseEntity<byte[]> pdf(IssuedRecord issued) {
		String url = ServletUriComponentsBuilder.fromCurrentContextPath()
			.path("/verify/{token}")
			.buildAndExpand(issued.token())
			.toUriString();
		byte[] body = TrainingRecordPdf.render(issued.record(), url);
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_PDF)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename("training-record.pdf").build().toString())
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.body(body);
	}

}
