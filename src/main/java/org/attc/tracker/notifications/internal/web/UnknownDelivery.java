package org.attc.tracker.notifications.internal.web;

/** No failed delivery with this id (to retry). */
class UnknownDelivery extends RuntimeException {

	UnknownDelivery(long id) {
		super("no failed delivery " + id);
	}

}
