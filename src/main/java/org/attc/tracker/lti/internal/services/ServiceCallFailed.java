package org.attc.tracker.lti.internal.services;

/** A platform service (token, AGS, NRPS) refused a call or could not be reached. */
public class ServiceCallFailed extends RuntimeException {

	private final int status;

	public ServiceCallFailed(int status, String message) {
		super(message);
		this.status = status;
	}

	/** The HTTP status, or 0 when the platform could not be reached. */
	public int status() {
		return this.status;
	}

	/** Worth another try later: unreachable, rate-limited or a server error. */
	public boolean transientFailure() {
		return this.status == 0 || this.status == 429 || this.status >= 500;
	}

	static String abbreviate(String body) {
		String text = (body == null) ? "" : body.strip();
		return (text.length() > 300) ? text.substring(0, 300) + "…" : text;
	}

}
