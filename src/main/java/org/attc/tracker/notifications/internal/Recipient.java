package org.attc.tracker.notifications.internal;

import java.util.regex.Pattern;

import org.attc.tracker.shared.LearnerId;

/**
 * Who a message goes to, as stored and signed: {@code learner:<id>} or
 * {@code account:<username>}.
 */
public record Recipient(String key) {

	private static final Pattern KEY = Pattern.compile("learner:[0-9]{1,19}|account:[A-Za-z0-9._@-]{3,100}");

	public Recipient {
		if (key == null || !KEY.matcher(key).matches()) {
			throw new IllegalArgumentException("recipient: not a recipient key");
		}
	}

	public static Recipient learner(LearnerId learner) {
		return new Recipient("learner:" + learner.value());
	}

	public static Recipient account(String username) {
		return new Recipient("account:" + username);
	}

}
