package org.attc.tracker.identity.internal;

/** No account with that id. */
class UnknownAccount extends RuntimeException {

	UnknownAccount(long id) {
		super("no account " + id);
	}

}
