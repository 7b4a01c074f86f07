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

	/** An agent as actor or object with any activity of the same statement. */
	static final int AGENT_ACTIVITY = 5;

	static final int REGISTRATION = 6;

	private static final byte[] NO_HASH = new byte[20];

	private StatementKeys() {
	}

	/** A key: its kind and hash. */
	record Key(int kind, byte[] hash) {

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

	/** Every key of one statement (its own, not those its StatementRef chain reaches). */
	static Set<Key> of(IncomingStatement statement) {
		Set<Key> keys = new LinkedHashSet<>();
		keys.add(all());
		for (IncomingStatement.Key agent : statement.agents) {
			byte[] hash = agent.hash();
			if (agent.direct()) {
				keys.add(agent(hash, false));
				for (IncomingStatement.Key activity : statement.activities) {
					keys.add(agentActivity(hash, activity.hash()));
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
