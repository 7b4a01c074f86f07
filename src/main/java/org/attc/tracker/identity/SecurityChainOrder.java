package org.attc.tracker.identity;

/**
 * The order of every security filter chain of the service, in one place. Spring Security
 * hands a request to the first chain whose matcher matches, so a chain for a narrower
 * path must come before any chain whose paths contain it, and the pages chain, which
 * matches every request, comes last. Each module's chain refers to its constant here with
 * {@code @Order}; no two chains share a value, so the order never depends on bean
 * registration.
 */
public final class SecurityChainOrder {

	/** {@code /xapi/**}: LRS client credentials, stateless; overlaps no other chain. */
	public static final int XAPI = 10;

	/** {@code /ims/case/v1p1/**}: CASE reads; overlaps no other chain. */
	public static final int CASE = 20;

	/**
	 * {@code /api/lti/**}: LTI platform administration and course rosters; before
	 * {@link #API}, which would otherwise take these paths with its own rules.
	 */
	public static final int LTI_API = 30;

	/**
	 * {@code /api/lrs-clients/**}: LRS client administration (ADMIN); before {@link #API}
	 * for the same reason.
	 */
	public static final int LRS_CLIENT_API = 35;

	/**
	 * {@code /lti/**} and {@code /.well-known/jwks.json}: OIDC login, launch, LTI pages;
	 * before {@link #PAGES}, whose form login would answer the platform's cross-site
	 * posts.
	 */
	public static final int LTI = 40;

	/** {@code /api/**}: the JSON API; after the narrower API chains above. */
	public static final int API = 50;

	/** {@code /v3/api-docs/**}: the OpenAPI description, answered like the API. */
	public static final int API_DOCUMENTATION = 55;

	/** {@code /actuator/**}: health is public, the rest ADMIN. */
	public static final int OPERATIONS = 60;

	/** {@code /verify/**}: the public training record check; before {@link #PAGES}. */
	public static final int TRAINING_RECORD_VERIFICATION = 90;

	/** The e-mail opt-out link, signed and public; before {@link #PAGES}. */
	public static final int NOTIFICATION_OPT_OUT = 91;

	/** Every other request: the pages with form login. Last, as it matches everything. */
	public static final int PAGES = 100;

	private SecurityChainOrder() {
	}

}
