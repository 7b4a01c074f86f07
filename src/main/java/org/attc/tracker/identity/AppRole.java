package org.attc.tracker.identity;

/**
 * What a person may do in the service. A Spring Security authority is {@code ROLE_} plus
 * the name.
 */
public enum AppRole {

	/** Sees their own capabilities and evidence. */
	LEARNER,
	/** Sees and manages learners of their organisations and courses. */
	COORDINATOR,
	/** Records sign-offs of practical capabilities after observing a learner. */
	ASSESSOR,
	/**
	 * A programme lead: reads every organisation's progress (national summary, matrices,
	 * lists, exports) and changes nothing.
	 */
	PROGRAMME,
	/** Registers platforms, LRS clients and frameworks; manages accounts. */
	ADMIN;

	public String authority() {
		return "ROLE_" + name();
	}

}
