package org.attc.tracker.identity;

/**
 * An organisation as other modules see it.
 *
 * @param code unique short code
 * @param name name people read
 * @param kind trust or site
 * @param parentCode the trust of a site; null for a trust
 */
public record OrganisationSummary(String code, String name, OrganisationKind kind, String parentCode) {

	/**
	 * The filter value that asks for learners who hold no organisation (administrators
	 * and programme leads only): no organisation code can be spelled so.
	 */
	public static final String NONE = "(none)";

	/** How the learners without an organisation are shown in views and exports. */
	public static final String NONE_NAME = "No organisation";

}
