package org.attc.tracker.crediting.internal.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * No learner with this id that the caller may see. Pages answer 404 (the API, problem
 * JSON): the same for a learner out of scope as for one that does not exist.
 */
@ResponseStatus(HttpStatus.NOT_FOUND)
class UnknownLearnerRecord extends RuntimeException {

	UnknownLearnerRecord(long id) {
		super("No learner " + id + " that you may see");
	}

}
