package org.attc.tracker.xapi.internal.protocol;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import org.attc.tracker.shared.AgentIdentifier;
import org.attc.tracker.shared.InvalidAgentIdentifier;
import org.attc.tracker.xapi.internal.XapiJson;
import org.attc.tracker.xapi.internal.protocol.XapiProblems.XapiRequestRefused;
import org.attc.tracker.xapi.internal.validation.StatementValidator;
import org.attc.tracker.xapi.internal.validation.Timestamps;
import org.attc.tracker.xapi.internal.validation.XapiVersion;

/**
 * The query parameters of an xAPI request and the version it declared, with the value
 * rules every resource shares (xAPI 1.0.3 Communication §2; a value that breaks them is
 * 400, §3.2). Plain values, so that the rules are testable without HTTP.
 */
public final class XapiParameters {

	private final Map<String, String[]> values;

	private final XapiVersion version;

	public XapiParameters(Map<String, String[]> values, XapiVersion version) {
		this.values = values;
		this.version = version;
	}

	/**
	 * The parameters of a request that passed {@link XapiProtocolFilter} (1.0.3 where it
	 * declared no version, as on {@code /xapi/about}).
	 */
	public static XapiParameters of(HttpServletRequest request) {
		Object version = request.getAttribute(XapiProtocolFilter.VERSION_ATTRIBUTE);
		return new XapiParameters(request.getParameterMap(),
				(version instanceof XapiVersion v) ? v : XapiVersion.V1_0_3);
	}

	public XapiVersion version() {
		return this.version;
	}

	public Set<String> names() {
		return this.values.keySet();
	}

	/**
	 * Communication §2.1.3 (and each resource's parameter table): a parameter the
	 * resource does not define is refused with 400.
	 */
	public void onlyThese(Set<String> allowed) {
		for (String name : this.values.keySet()) {
			if (!allowed.contains(name)) {
				throw XapiRequestRefused.badRequest(name, "unknown parameter " + name);
			}
		}
	}

	/**
	 * @return the first value, or {@code null} when absent
	 */
	public String text(String name) {
		String[] given = this.values.get(name);
		return (given != null && given.length > 0) ? given[0] : null;
	}

	public String required(String name) {
		String value = text(name);
		if (value == null) {
			throw XapiRequestRefused.badRequest(name, name + " is required");
		}
		return value;
	}

	/**
	 * @return the value, an IRI, or {@code null}
	 */
	public String iri(String name) {
		String value = text(name);
		if (value != null && !StatementValidator.isIri(value)) {
			throw XapiRequestRefused.badRequest(name, name + " must be an IRI");
		}
		return value;
	}

	/**
	 * @return the value, a UUID in the spec's form, or {@code null}
	 */
	public UUID uuid(String name) {
		String value = text(name);
		if (value == null) {
			return null;
		}
		if (!StatementValidator.isUuid(value)) {
			throw XapiRequestRefused.badRequest(name, name + " must be a UUID");
		}
		return UUID.fromString(value);
	}

	/** {@code true} or {@code false}, nothing else; absent is false. */
	public boolean bool(String name) {
		String value = text(name);
		if (value == null || value.equals("false")) {
			return false;
		}
		if (value.equals("true")) {
			return true;
		}
		throw XapiRequestRefused.badRequest(name, name + " must be true or false");
	}

	/**
	 * An ISO 8601 timestamp; IEEE 9274.1.1 has a 2.0 timestamp carry its zone offset.
	 * @return the instant, or {@code null}
	 */
	public Instant timestamp(String name) {
		String value = text(name);
		if (value == null) {
			return null;
		}
		try {
			return Timestamps.parse(value, this.version == XapiVersion.V2_0_0);
		}
		catch (DateTimeParseException | IllegalArgumentException ex) {
			throw XapiRequestRefused.badRequest(name, name + " must be an ISO 8601 timestamp: " + ex.getMessage());
		}
	}

	/**
	 * An Agent (or identified Group) as JSON, by its inverse functional identifier.
	 * @param notJson the problem detail when the value is no such JSON object
	 * @return the identifier, or {@code null}
	 */
	public AgentIdentifier agent(String name, String notJson) {
		String value = text(name);
		return (value != null) ? agent(name, value, notJson) : null;
	}

	static AgentIdentifier agent(String name, String value, String notJson) {
		try {
			return AgentIdentifier.fromActor(XapiJson.MAPPER.readTree(value));
		}
		catch (InvalidAgentIdentifier ex) {
			throw XapiRequestRefused.badRequest(name, name + ": " + ex.getMessage());
		}
		catch (RuntimeException ex) {
			throw XapiRequestRefused.badRequest(name, notJson);
		}
	}

}
