package org.attc.tracker.xapi.internal.documents;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.attc.tracker.xapi.internal.XapiJson;
import org.attc.tracker.xapi.internal.protocol.XapiParameters;

/**
 * The three document resources (xAPI 1.0.3 Communication §2.3 State, §2.6 Activity
 * Profile, §2.7 Agent Profile) and the parameters that address their documents.
 */
enum DocumentResource {

	STATE("state", "stateId", true, true, true),

	ACTIVITY_PROFILE("activity-profile", "profileId", true, false, false),

	AGENT_PROFILE("agent-profile", "profileId", false, true, false);

	/** The name stored with each document. */
	final String name;

	/** The parameter naming one document. */
	final String idParameter;

	private final boolean activity;

	private final boolean agent;

	private final boolean registration;

	DocumentResource(String name, String idParameter, boolean activity, boolean agent, boolean registration) {
		this.name = name;
		this.idParameter = idParameter;
		this.activity = activity;
		this.agent = agent;
		this.registration = registration;
	}

	/** Every parameter the resource defines (others are 400). */
	Set<String> parameters() {
		Set<String> names = new HashSet<>(Set.of(this.idParameter, "since"));
		if (this.activity) {
			names.add("activityId");
		}
		if (this.agent) {
			names.add("agent");
		}
		if (this.registration) {
			names.add("registration");
		}
		return names;
	}

	/**
	 * The key of the set of documents the request addresses: the resource, its activity,
	 * agent (by inverse functional identifier) and registration, as each resource has
	 * them. Faulty or missing ones are 400.
	 */
	byte[] scope(XapiParameters parameters) {
		StringBuilder key = new StringBuilder(this.name);
		if (this.activity) {
			parameters.required("activityId");
			key.append('\n').append(parameters.iri("activityId"));
		}
		if (this.agent) {
			parameters.required("agent");
			key.append('\n').append(parameters.agent("agent", "agent must be an Agent as JSON").value());
		}
		if (this.registration) {
			UUID registration = parameters.uuid("registration");
			key.append('\n')
				.append((registration != null) ? parameters.text("registration").toLowerCase(Locale.ROOT) : "");
		}
		return XapiJson.sha1(key.toString());
	}

}
