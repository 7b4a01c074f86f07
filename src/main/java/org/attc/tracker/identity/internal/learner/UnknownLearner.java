package org.attc.tracker.identity.internal.learner;

/** No learner with this id, or none the caller may see. */
class UnknownLearner extends RuntimeException {

	UnknownLearner(Object id) {
		super("No learner " + id + " that you may see");
	}

}
