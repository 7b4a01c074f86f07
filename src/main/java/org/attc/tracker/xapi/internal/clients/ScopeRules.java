package org.attc.tracker.xapi.internal.clients;

import java.util.EnumSet;
import java.util.Set;

import org.attc.tracker.xapi.internal.clients.LrsClient.Scope;

/**
 * What each scope permits on this LRS: the one table every xAPI endpoint asks (xAPI 1.0.3
 * Communication §4.2, scope table; kept in IEEE 9274.1.1).
 * <table>
 * <caption>scopes and what they permit</caption>
 * <tr>
 * <th>scope</th>
 * <th>permits</th>
 * </tr>
 * <tr>
 * <td>{@code statements/write}</td>
 * <td>store statements (PUT, POST)</td>
 * </tr>
 * <tr>
 * <td>{@code statements/read/mine}</td>
 * <td>read the statements this client stored; the Activities and Agents resources</td>
 * </tr>
 * <tr>
 * <td>{@code statements/read}</td>
 * <td>read every statement; the Activities and Agents resources</td>
 * </tr>
 * <tr>
 * <td>{@code state}</td>
 * <td>read and write the State resource; read the profile resources; the Activities and
 * Agents resources</td>
 * </tr>
 * <tr>
 * <td>{@code profile}</td>
 * <td>read and write the Activity and Agent Profile resources; read the State resource;
 * the Activities and Agents resources</td>
 * </tr>
 * <tr>
 * <td>{@code all/read}</td>
 * <td>read everything: statements, documents, activities, agents</td>
 * </tr>
 * <tr>
 * <td>{@code all}</td>
 * <td>everything, including voiding statements stored by clients of other
 * organisations</td>
 * </tr>
 * </table>
 * The spec's {@code define} scope is not offered: this LRS builds its canonical activity
 * definitions from every stored statement (Data §2.4.4.1 lets it), so there is nothing
 * for {@code define} to grant; asking for it is refused as an unknown scope.
 */
public final class ScopeRules {

	/** Something a request asks to do, and the scopes that grant it. */
	public enum Permission {

		/** Communication §2.1.1 and §2.1.2: PUT and POST of statements. */
		WRITE_STATEMENTS("This client may not write statements.", Scope.STATEMENTS_WRITE, Scope.ALL),

		/** Every stored statement; without it a reader sees only its own. */
		READ_ANY_STATEMENT("This client may not read statements.", Scope.STATEMENTS_READ, Scope.ALL_READ, Scope.ALL),

		/** Communication §2.1.3: GET of statements, at least those it stored itself. */
		READ_OWN_STATEMENTS("This client may not read statements.", Scope.STATEMENTS_READ_MINE, Scope.STATEMENTS_READ,
				Scope.ALL_READ, Scope.ALL),

		/** Communication §2.3: PUT, POST and DELETE of State documents. */
		WRITE_STATE("This client's scopes do not allow the state resource.", Scope.STATE, Scope.ALL),

		/** Communication §2.6 and §2.7: PUT, POST and DELETE of profile documents. */
		WRITE_PROFILES("This client's scopes do not allow the profile resources.", Scope.PROFILE, Scope.ALL),

		/**
		 * GET of any document resource: either document scope reads all three, as does
		 * {@code all/read}.
		 */
		READ_DOCUMENTS("This client's scopes do not allow reading documents.", Scope.STATE, Scope.PROFILE,
				Scope.ALL_READ, Scope.ALL),

		/**
		 * Communication §2.4 and §2.5: the Activities and Agents resources, open to any
		 * scope that reads something.
		 */
		READ_ACTIVITIES_AND_AGENTS("This client may not read.", Scope.STATEMENTS_READ_MINE, Scope.STATEMENTS_READ,
				Scope.STATE, Scope.PROFILE, Scope.ALL_READ, Scope.ALL),

		/**
		 * Void a statement stored by a client of another organisation (Data §2.2.5 lets
		 * any writer void; here clients write for organisations, see
		 * {@link LrsClient#mayVoidStatementOf}).
		 */
		VOID_ANY_STATEMENT("This client may void only statements of its own organisation.", Scope.ALL);

		private final String refusal;

		private final Set<Scope> grantedBy;

		Permission(String refusal, Scope first, Scope... others) {
			this.refusal = refusal;
			this.grantedBy = EnumSet.of(first, others);
		}

		/**
		 * @return the problem detail of a request refused for want of this permission
		 */
		public String refusal() {
			return this.refusal;
		}

	}

	private ScopeRules() {
	}

	/**
	 * @return whether any of these scopes grants the permission
	 */
	public static boolean permits(Set<Scope> scopes, Permission permission) {
		return scopes.stream().anyMatch(permission.grantedBy::contains);
	}

	/**
	 * @throws ScopeRefused (403) when the client's scopes do not grant the permission
	 */
	public static void require(LrsClient client, Permission permission) {
		require(client, permission, permission.refusal());
	}

	/**
	 * @param refusal the problem detail when refused
	 * @throws ScopeRefused (403) when the client's scopes do not grant the permission
	 */
	public static void require(LrsClient client, Permission permission, String refusal) {
		if (!permits(client.scopes(), permission)) {
			throw new ScopeRefused(refusal);
		}
	}

	/**
	 * The permission a document request needs: reading any document resource needs
	 * {@link Permission#READ_DOCUMENTS}; writing needs the resource's own scope.
	 * @param state whether the request is for the State resource (else a profile one)
	 * @param reading whether it is a GET or HEAD
	 */
	public static Permission forDocuments(boolean state, boolean reading) {
		if (reading) {
			return Permission.READ_DOCUMENTS;
		}
		return state ? Permission.WRITE_STATE : Permission.WRITE_PROFILES;
	}

}
