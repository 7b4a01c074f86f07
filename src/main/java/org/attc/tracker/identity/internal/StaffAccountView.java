package org.attc.tracker.identity.internal;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.attc.tracker.identity.AppRole;

/**
 * A local account as administrators see it: never its password.
 *
 * @param organisations codes of the trusts and sites the account is scoped to
 * @param singleSignOn the organisation accounts (OpenID Connect issuer and subject) that
 * sign in as this account (only on a single account)
 * @param audit what was done to the account, newest first (only on a single account)
 */
public record StaffAccountView(long id, String username, String displayName, String email, Set<AppRole> roles,
		List<String> organisations, Long learnerId, boolean enabled, Instant createdAt, Instant updatedAt,
		List<SingleSignOnLink> singleSignOn, List<AuditEntry> audit) {

	/** An organisation account linked at its first sign-in. */
	public record SingleSignOnLink(String issuer, String subject, Instant linkedAt) {

		/** When, for people: minutes in UTC. */
		public String when() {
			return minutes(this.linkedAt);
		}

	}

	/** One change to an account. */
	public record AuditEntry(String action, String actor, Instant at, String detail) {

		/** When, for people: minutes in UTC. */
		public String when() {
			return minutes(this.at);
		}

	}

	/** The role names in a fixed order, for pages. */
	public List<String> roleNames() {
		return this.roles.stream().sorted().map(AppRole::name).toList();
	}

	private static String minutes(Instant at) {
		return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
			.withZone(java.time.ZoneOffset.UTC)
			.format(at);
	}

}
