package org.attc.tracker.notifications.internal.web;

/** No organisation with this code that the caller may see. */
class UnknownOrganisation extends RuntimeException {

	UnknownOrganisation(String code) {
		super("organisation: no organisation '" + code + "' that you may see");
	}

}
