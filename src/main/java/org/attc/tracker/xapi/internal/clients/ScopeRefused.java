package org.attc.tracker.xapi.internal.clients;

/**
 * The client's scopes do not permit the request ({@link ScopeRules}); answered with 403
 * (xAPI 1.0.3 Communication §3.2).
 */
public class ScopeRefused extends RuntimeException {

	public ScopeRefused(String message) {
		super(message);
	}

}
