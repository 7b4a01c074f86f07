package org.attc.tracker.lti.internal.platform;

/** A platform with this issuer and client id is registered already. */
public class PlatformConflict extends RuntimeException {

	public PlatformConflict(String issuer, String clientId) {
		super("A platform with issuer " + issuer + " and client id " + clientId + " is registered already");
	}

}
