package org.attc.tracker.xapi.internal.clients;

import java.util.Set;

/**
 * An LRS client credential as the request sees it (the secret is never held here).
 *
 * @param key the HTTP Basic user name
 * @param name a label for people, also the authority's name
 * @param scopes what it may do (xAPI 1.0.3 Communication §4.2 scope names)
 * @param organisation the organisation it writes for, if any
 */
public record LrsClient(String key, String name, Set<Scope> scopes, String organisation) {

	/** Scopes of xAPI 1.0.3 Communication §4.2 (OAuth scope table). */
	public enum Scope {

		STATEMENTS_WRITE("statements/write"), STATEMENTS_READ("statements/read"),
		STATEMENTS_READ_MINE("statements/read/mine"), ALL_READ("all/read"), ALL("all"), STATE("state"),
		PROFILE("profile");

		private final String text;

		Scope(String text) {
			this.text = text;
		}

		public String text() {
			return this.text;
		}

		public static Scope of(String text) {
			for (Scope scope : values()) {
				if (scope.text.equals(text)) {
					return scope;
				}
			}
			throw new IllegalArgumentException("unknown scope " + text + "; known: statements/write, "
					+ "statements/read, statements/read/mine, all/read, all, state, profile");
		}

	}

	public boolean mayWriteStatements() {
		return this.scopes.contains(Scope.ALL) || this.scopes.contains(Scope.STATEMENTS_WRITE);
	}

	/**
	 * Whether it may void a statement stored by another client. xAPI lets any writer void
	 * (Data §2.2.5), but clients here write for organisations: a client voids what it
	 * stored itself or what clients of its own organisation stored; one with the
	 * {@code all} scope (full access to the LRS) voids anything.
	 * @param storerKey the key of the client that stored the target
	 * @param storerOrganisation that client's organisation, or {@code null}
	 */
	public boolean mayVoidStatementOf(String storerKey, String storerOrganisation) {
		return this.scopes.contains(Scope.ALL) || this.key.equals(storerKey)
				|| (this.organisation != null && this.organisation.equals(storerOrganisation));
	}

	/**
	 * @return whether it reads every statement (otherwise only its own, or none)
	 */
	public boolean mayReadAllStatements() {
		return this.scopes.contains(Scope.ALL) || this.scopes.contains(Scope.ALL_READ)
				|| this.scopes.contains(Scope.STATEMENTS_READ);
	}

	public boolean mayReadOwnStatements() {
		return mayReadAllStatements() || this.scopes.contains(Scope.STATEMENTS_READ_MINE);
	}

	public boolean mayUseState() {
		return this.scopes.contains(Scope.ALL) || this.scopes.contains(Scope.STATE);
	}

	public boolean mayUseProfiles() {
		return this.scopes.contains(Scope.ALL) || this.scopes.contains(Scope.PROFILE);
	}

	public boolean mayReadDocuments() {
		return mayUseState() || mayUseProfiles() || this.scopes.contains(Scope.ALL_READ);
	}

}
