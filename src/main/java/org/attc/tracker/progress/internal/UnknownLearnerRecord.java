package org.attc.tracker.progress.internal;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** No learner with this id that the caller may see. */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class UnknownLearnerRecord extends RuntimeException {

	public UnknownLearnerRecord(long id) {
		super("No learner " + id + " that you may see");
	}

}
