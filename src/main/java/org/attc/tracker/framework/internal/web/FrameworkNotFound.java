package org.attc.tracker.framework.internal.web;

/** No framework (or version) with the id in the request. */
class FrameworkNotFound extends RuntimeException {

	FrameworkNotFound(String what) {
		super(what);
	}

}
