package org.attc.tracker.lti.internal.platform;

/** No platform registration has the given id. */
public class UnknownPlatform extends RuntimeException {

	public UnknownPlatform(long id) {
		super("No LTI platform is registered with id " + id);
	}

}
