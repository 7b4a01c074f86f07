package org.attc.tracker.lti.internal.grades;

/** No failed score delivery with this id can be retried. */
public class UnknownDelivery extends RuntimeException {

	UnknownDelivery(long id) {
		super("No failed score delivery " + id + " that a newer score has not replaced.");
	}

}
