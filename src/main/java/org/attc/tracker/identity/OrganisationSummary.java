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
}
