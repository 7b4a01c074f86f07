package org.attc.tracker.crediting.internal.web;

/** No learner with this id that the caller may see. */
class UnknownLearnerRecord extends RuntimeException {

	UnknownLearnerRecord(long id) {
		super("No learner " + id + " that you may see");
	}

}
