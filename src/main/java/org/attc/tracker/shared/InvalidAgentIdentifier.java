package org.attc.tracker.shared;

/**
 * An actor's inverse functional identifier breaks a rule of xAPI 1.0.3 Data §2.4.2.3 or
 * §2.4.2.4.
 */
public class InvalidAgentIdentifier extends IllegalArgumentException {

	private final String property;

	/**
	 * @param property the faulty property, relative to the actor object (e.g.
	 * {@code account.homePage}; empty for the actor itself)
	 * @param message what is wrong, for a person
	 */
	public InvalidAgentIdentifier(String property, String message) {
		super(message);
		this.property = property;
	}

	/**
	 * @return the faulty property relative to the actor, empty for the actor itself
	 */
	public String property() {
		return this.property;
	}

}
