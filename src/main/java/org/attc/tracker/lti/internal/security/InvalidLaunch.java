package org.attc.tracker.lti.internal.security;

/**
 * A login initiation or launch that is refused, with the rule it broke. The message is
 * written for the administrator who has to fix the platform or the registration; it never
 * echoes a token.
 */
public class InvalidLaunch extends RuntimeException {

	/** The rules a launch can break, each with a title a person understands. */
	public enum Reason {

		MISSING_PARAMETER("A required parameter is missing"), UNKNOWN_PLATFORM("The platform is not registered"),
		UNKNOWN_DEPLOYMENT("The deployment is not registered"), MALFORMED_TOKEN("The id_token is not a signed JWT"),
		ALGORITHM_NOT_ALLOWED("The id_token is not signed with RS256"),
		UNKNOWN_KEY("The platform key that signed the id_token is not in its key set"),
		BAD_SIGNATURE("The id_token signature does not verify"), WRONG_ISSUER("The id_token issuer is not right"),
		WRONG_AUDIENCE("The id_token is not meant for this tool"),
		WRONG_AUTHORIZED_PARTY("The id_token authorized party (azp) is not this tool"),
		EXPIRED("The id_token has expired"), ISSUED_IN_FUTURE("The id_token was issued in the future"),
		WRONG_NONCE("The id_token nonce is not the one this login sent"),
		WRONG_STATE("The state does not belong to this browser"),
		STATE_UNKNOWN("The login state is unknown, used already or expired"),
		WRONG_MESSAGE_TYPE("The LTI message type is not supported"), WRONG_VERSION("The LTI version is not 1.3.0"),
		MISSING_CLAIM("A required LTI claim is missing"),
		PLATFORM_UNREACHABLE("The platform's key set could not be fetched");

		private final String title;

		Reason(String title) {
			this.title = title;
		}

		public String title() {
			return this.title;
		}

	}

	private final Reason reason;

	public InvalidLaunch(Reason reason, String detail) {
		super(detail);
		this.reason = reason;
	}

	public Reason reason() {
		return this.reason;
	}

}
