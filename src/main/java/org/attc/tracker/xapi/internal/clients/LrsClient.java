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

	/**
	 * Whether its scopes grant the permission ({@link ScopeRules}).
	 */
	public boolean may(ScopeRules.Permission permission) {
		return ScopeRules.permits(this.scopes, permission);
	}

	/**
	 * Whether it may void a statement stored by another client. xAPI lets any writer void
	 * (Data §2.2.5), but clients here write for organisations: a client voids what it
	 * stored itself or what clients of its own organisation stored; one with
	 * {@link ScopeRules.Permission#VOID_ANY_STATEMENT} voids anything.
	 * @param storerKey the key of the client that stored the target
	 * @param storerOrganisation that client's organisation, or {@code null}
	 */
	public boolean mayVoidStatementOf(String storerKey, String storerOrganisation) {
		return may(ScopeRules.Permission.VOID_ANY_STATEMENT) || this.key.equals(storerKey)
				|| (this.organisation != null && this.organisation.equals(storerOrganisation));
	}

	/**
	 * The client whose statements a query by this client is limited to: {@code null} for
	 * one that reads every statement, its own key for one with only
	 * {@code statements/read/mine}.
	 */
	public String readsOnlyStatementsOf() {
		return may(ScopeRules.Permission.READ_ANY_STATEMENT) ? null : this.key;
	}

}
