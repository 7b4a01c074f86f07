package org.attc.tracker.identity.internal.learner;

/** No organisation rule has this id. */
class UnknownPlacementRule extends RuntimeException {

	UnknownPlacementRule(long id) {
		super("no organisation rule " + id);
	}

}
