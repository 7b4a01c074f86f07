package org.attc.tracker.framework.internal.document;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A role profile as a file states it.
 *
 * @param code short code of the role
 * @param name name of the role
 * @param description what the role does, may be {@code null}
 * @param requirements tier needed per capability
 * @param at where in the source (not stored)
 */
public record RoleProfileSpec(String code, String name, String description, List<RequirementSpec> requirements,
		@JsonIgnore String at) {

	/**
	 * @param capability identifier of the capability
	 * @param tierRank rank of the required tier
	 * @param mandatory must hold ({@code false}: desirable)
	 * @param at where in the source (not stored)
	 */
	public record RequirementSpec(String capability, int tierRank, boolean mandatory, @JsonIgnore String at) {

	}

}
