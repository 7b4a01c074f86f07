package org.attc.tracker.identity.internal;

/**
 * A change that the accounts as they stand do not allow (a taken username, an
 * administrator locking themselves out). The message names the field.
 */
class AccountConflict extends RuntimeException {

	AccountConflict(String message) {
		super(message);
	}

}
