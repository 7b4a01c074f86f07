package org.attc.tracker.notifications.internal;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/** E-mail addresses as messages need them. */
final class MessageAddresses {

	private MessageAddresses() {
	}

	/** A From address (with or without a name), checked (RFC 5322 syntax). */
	static String checkSender(String sender) {
		if (sender == null || sender.isBlank() || sender.length() > 320) {
			throw new IllegalArgumentException("sender: an e-mail address, e.g. Capability Tracker <no-reply@nhs.net>");
		}
		try {
			InternetAddress address = new InternetAddress(sender.strip(), true);
			address.validate();
			return address.toString();
		}
		catch (AddressException ex) {
			throw new IllegalArgumentException("sender: not an e-mail address (" + ex.getMessage() + ")");
		}
	}

	/** Whether a learner's or account's address can be written to. */
	static boolean usable(String address) {
		if (address == null || address.isBlank()) {
			return false;
		}
		try {
			new InternetAddress(address.strip(), true).validate();
			return true;
		}
		catch (AddressException ex) {
			return false;
		}
	}

}
