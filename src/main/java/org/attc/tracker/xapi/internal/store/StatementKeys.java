package org.attc.tracker.xapi.internal.store;

import java.nio.ByteBuffer;
import java.util.LinkedHashSet;
import java.util.Set;

import org.attc.tracker.xapi.internal.XapiJson;

/**
 * The keys a statement is found by in {@code xapi_statement_key}: one kind per range a
 * query of xAPI 1.0.3 Communication §2.1.3 can read (the table's migration lists them),
 * and how each key is hashed. The write path and the query path both ask here.
 */
final class StatementKeys {

	/** Every statement: the range for no filter, and for {@code verb} alone. */
	static final int ALL = 0;

	/** An agent as actor or object. */
	static final int AGENT = 1;

	/** Any agent of the statement ({@code related_agents}). */
	static final int RELATED_AGENT = 2;

	/** The object activity. */
	static final int ACTIVITY = 3;

	/** Any activity of the statement ({@code related_activities}). */
	static final int RELATED_ACTIVITY = 4;

	/**
	 * An agent as actor or object with the object activity (rows written before V29 also
	 * pair it with the context activities: a query reading this kind checks the
	 * activity).
	 */
	static final int AGENT_ACTIVITY = 5;

	static final int REGISTRATION = 6;

	/**
	 * Bytes of a key's SHA-1 kept (V29). Two different keys sharing them would mix their
	 * statements: among 10⁸ distinct agents and activities the chance that any two do is
	 * about 10⁻¹³ (birthday bound, 2⁻⁹⁷ · 10¹⁶), far below a disk's undetected error
	 * rate. 20 bytes cost the table a third more per row.
	 */
	static final int KEY_BYTES = 12;

	/** Bytes of the verb's SHA-1 kept: verbs number in the hundreds, not millions. */
	static final int VERB_BYTES = 8;

	private static final byte[] NO_HASH = new byte[KEY_BYTES];

	private StatementKeys() {
	}

	/** A key: its kind and hash ({@link #KEY_BYTES} long). */
	record Key(int kind, byte[] hash) {

		Key {
			if (hash.length > KEY_BYTES) {
				hash = java.util.Arrays.copyOf(hash, KEY_BYTES);
			}
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof Key that && this.kind == that.kind && java.util.Arrays.equals(this.hash, that.hash);
		}

		@Override
		public int hashCode() {
			return 31 * this.kind + java.util.Arrays.hashCode(this.hash);
		}

	}

	static Key all() {
		return new Key(ALL, NO_HASH);
	}

	static Key agent(byte[] agentHash, boolean related) {
		return new Key(related ? RELATED_AGENT : AGENT, agentHash);
	}

	static Key activity(byte[] activityHash, boolean related) {
		return new Key(related ? RELATED_ACTIVITY : ACTIVITY, activityHash);
	}

	static Key agentActivity(byte[] agentHash, byte[] activityHash) {
		byte[] both = ByteBuffer.allocate(40).put(agentHash).put(activityHash).array();
		try {
			return new Key(AGENT_ACTIVITY, java.security.MessageDigest.getInstance("SHA-1").digest(both));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static Key registration(String registration) {
		return new Key(REGISTRATION, XapiJson.sha1(registration.toLowerCase()));
	}

	/** The verb as the key table holds it. */
	static byte[] verb(byte[] verbHash) {
		return java.util.Arrays.copyOf(verbHash, VERB_BYTES);
	}

	/** Every key of one statement (its own, not those its StatementRef chain reaches). */
	static Set<Key> of(IncomingStatement statement) {
		Set<Key> keys = new LinkedHashSet<>();
		keys.add(all());
		for (IncomingStatement.Key agent : statement.agents) {
			byte[] hash = agent.hash();
			if (agent.direct()) {
				keys.add(agent(hash, false));
				for (IncomingStatement.Key activity : statement.activities) {
					// `agent` + `activity` without related_activities: the object only
					// (with them, the agent's range is read and the activity checked)
					if (activity.direct()) {
						keys.add(agentActivity(hash, activity.hash()));
					}
				}
			}
			keys.add(agent(hash, true));
		}
		for (IncomingStatement.Key activity : statement.activities) {
			if (activity.direct()) {
				keys.add(activity(activity.hash(), false));
			}
			keys.add(activity(activity.hash(), true));
		}
		if (statement.registration != null) {
			keys.add(registration(statement.registration));
		}
		return keys;
	}

}
