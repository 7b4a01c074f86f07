package org.attc.tracker.framework;

import java.util.List;

/**
 * A job role and the tier it needs in each capability of a framework.
 *
 * @param frameworkId database id of the framework
 * @param code short code of the role (e.g. {@code CTP})
 * @param name name of the role (e.g. clinical trials pharmacist)
 * @param requirements what the role needs, one entry per capability
 */
public record RoleProfile(long frameworkId, String code, String name, List<Requirement> requirements) {

	/**
	 * The tier a role needs in one capability.
	 *
	 * @param capabilityIdentifier the capability's stable identifier
	 * @param tierRank rank of the required tier on the framework's scale
	 * @param mandatory whether the role must hold it ({@code false}: desirable)
	 */
	public record Requirement(String capabilityIdentifier, int tierRank, boolean mandatory) {

	}

}
