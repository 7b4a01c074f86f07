package org.attc.tracker.progress.internal.web;

import org.attc.tracker.progress.internal.standing.Standings;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The progress read model for operators: its size, and a rebuild from crediting's
 * evidence (after a bulk load, or when in doubt). Administrators only.
 */
@RestController
@RequestMapping("/api/progress/read-model")
@PreAuthorize("hasRole('ADMIN')")
class ReadModelApi {

	private final Standings standings;

	ReadModelApi(Standings standings) {
		this.standings = standings;
	}

	@GetMapping
	Standings.State state() {
		return this.standings.state();
	}

	/**
	 * Rebuilds from scratch and answers when done, with how many learners it computed.
	 */
	@PostMapping("/rebuild")
	Rebuilt rebuild() {
		long learners = this.standings.rebuild();
		return new Rebuilt(learners, this.standings.state());
	}

	record Rebuilt(long learners, Standings.State state) {
	}

}
