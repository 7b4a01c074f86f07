package org.attc.tracker.lti.internal.security;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.nimbusds.jwt.JWTClaimsSet;
import org.attc.tracker.lti.internal.platform.PlatformRegistration;
import org.attc.tracker.lti.internal.security.InvalidLaunch.Reason;

/**
 * The LTI message inside a verified id_token, checked against LTI 1.3 Core §5.3 (required
 * message claims) and Deep Linking 2.0 §4.4.
 *
 * @param platformId the registration the launch came through
 * @param issuer {@code iss}
 * @param clientId this tool's client id on the platform
 * @param deploymentId Core §5.3.3, registered for the platform
 * @param messageType {@code LtiResourceLinkRequest} or {@code LtiDeepLinkingRequest}
 * @param subject {@code sub}, the platform's user id
 * @param email {@code email} when sent
 * @param name {@code name} (or given and family name) when sent
 * @param personSourcedId LIS person sourcedId when sent (Moodle)
 * @param roles Core §5.3.7
 * @param contextId Core §5.4.1, may be {@code null}
 * @param contextTitle may be {@code null}
 * @param contextLabel may be {@code null}
 * @param resourceLinkId Core §5.3.5, required for resource link launches
 * @param resourceLinkTitle may be {@code null}
 * @param targetLinkUri Core §5.3.4
 * @param deepLinkReturnUrl Deep Linking §4.4.1, for deep linking requests
 * @param deepLinkData the opaque {@code data} to send back, may be {@code null}
 * @param agsLineItem AGS §3.1 endpoint claim's {@code lineitem}, may be {@code null}
 * @param agsLineItems AGS endpoint claim's {@code lineitems}, may be {@code null}
 * @param agsScopes AGS scopes granted, may be empty
 * @param membershipsUrl NRPS §3.6.1 {@code context_memberships_url}, may be {@code null}
 * @param organisationCode custom parameter {@code organisation} (Core §5.4.5; earlier
 * {@code organisation_code}): an organisation's code or name, may be {@code null}
 * @param jobRoles custom parameter {@code job_role} (earlier {@code job_roles}),
 * comma-separated codes, may be empty
 * @param deepLinkAcceptsLineItem whether a deep-linked link may carry a {@code lineItem}:
 * Deep Linking §4.4.1 {@code accept_lineitem}, or when absent the AGS line-item scope
 * @param view custom parameter {@code view} a deep-linked resource link carries, may be
 * {@code null}
 */
public record LaunchMessage(long platformId, String issuer, String clientId, String deploymentId, String messageType,
		String subject, String email, String name, String personSourcedId, List<String> roles, String contextId,
		String contextTitle, String contextLabel, String resourceLinkId, String resourceLinkTitle, String targetLinkUri,
		String deepLinkReturnUrl, String deepLinkData, String agsLineItem, String agsLineItems, List<String> agsScopes,
		String membershipsUrl, String organisationCode, List<String> jobRoles, boolean deepLinkAcceptsLineItem,
		String view) {

	public static final String RESOURCE_LINK_REQUEST = "LtiResourceLinkRequest";

	public static final String DEEP_LINKING_REQUEST = "LtiDeepLinkingRequest";

	static final String LTI = "https://purl.imsglobal.org/spec/lti/claim/";

	static final String DEEP_LINKING_SETTINGS = "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings";

	static final String AGS_ENDPOINT = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint";

	static final String NRPS = "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice";

	static final String LINE_ITEM_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem";

	public boolean deepLinking() {
		return DEEP_LINKING_REQUEST.equals(this.messageType);
	}

	/**
	 * Reads and checks the LTI claims of a token whose signature and OIDC claims are
	 * verified.
	 * @throws InvalidLaunch naming the rule broken
	 */
	public static LaunchMessage of(JWTClaimsSet claims, PlatformRegistration platform) {
		// Core §5.3.1: message type
		String messageType = string(claims, LTI + "message_type");
		if (messageType == null) {
			throw missing(LTI + "message_type");
		}
		if (!messageType.equals(RESOURCE_LINK_REQUEST) && !messageType.equals(DEEP_LINKING_REQUEST)) {
			throw new InvalidLaunch(Reason.WRONG_MESSAGE_TYPE, "The message type '" + messageType
					+ "' is not one this tool takes (LtiResourceLinkRequest, LtiDeepLinkingRequest).");
		}
		// Core §5.3.2: version 1.3.0 exactly
		String version = string(claims, LTI + "version");
		if (version == null) {
			throw missing(LTI + "version");
		}
		if (!version.equals("1.3.0")) {
			throw new InvalidLaunch(Reason.WRONG_VERSION, "The LTI version is '" + version + "', not 1.3.0.");
		}
		// Core §5.3.3: a deployment of this tool the platform registered with us
		String deploymentId = string(claims, LTI + "deployment_id");
		if (deploymentId == null) {
			throw missing(LTI + "deployment_id");
		}
		if (!platform.hasDeployment(deploymentId)) {
			throw new InvalidLaunch(Reason.UNKNOWN_DEPLOYMENT,
					"The deployment id '" + deploymentId + "' is not registered for platform " + platform.issuer()
							+ ". Add it to the platform registration if this deployment is yours.");
		}
		// Core §5.3.6: sub may be absent only for anonymous launches, which this tool
		// cannot
		// credit
		String subject = claims.getSubject();
		if (subject == null || subject.isBlank()) {
			throw missing("sub");
		}
		// Core §5.3.7: roles is required (it may be empty)
		List<String> roles = stringList(claims, LTI + "roles");
		if (roles == null) {
			throw missing(LTI + "roles");
		}
		Map<String, Object> context = object(claims, LTI + "context");
		String contextId = (context != null) ? asString(context.get("id")) : null;
		if (context != null && contextId == null) {
			throw missing(LTI + "context.id");
		}
		Map<String, Object> resourceLink = object(claims, LTI + "resource_link");
		String resourceLinkId = (resourceLink != null) ? asString(resourceLink.get("id")) : null;
		String targetLinkUri = string(claims, LTI + "target_link_uri");
		String returnUrl = null;
		String data = null;
		boolean acceptsLineItem = false;
		if (messageType.equals(RESOURCE_LINK_REQUEST)) {
			// Core §5.3.5 and §5.3.4
			if (resourceLinkId == null) {
				throw missing(LTI + "resource_link.id");
			}
			if (targetLinkUri == null) {
				throw missing(LTI + "target_link_uri");
			}
		}
		else {
			// Deep Linking §4.4.1
			Map<String, Object> settings = object(claims, DEEP_LINKING_SETTINGS);
			returnUrl = (settings != null) ? asString(settings.get("deep_link_return_url")) : null;
			if (returnUrl == null) {
				throw missing(DEEP_LINKING_SETTINGS + ".deep_link_return_url");
			}
			data = asString(settings.get("data"));
			acceptsLineItem = acceptsLineItem(settings, object(claims, AGS_ENDPOINT));
		}
		Map<String, Object> ags = object(claims, AGS_ENDPOINT);
		Map<String, Object> nrps = object(claims, NRPS);
		Map<String, Object> lis = object(claims, LTI + "lis");
		Map<String, Object> custom = object(claims, LTI + "custom");
		// Core §5.4.5 custom parameters: organisation and job_role (docs/identity.md), or
		// the
		// earlier names organisation_code and job_roles; a substitution variable the
		// platform
		// could not fill arrives as sent ("$…") and is ignored
		String organisationCode = customValue(custom, "organisation", "organisation_code");
		String jobRolesText = customValue(custom, "job_role", "job_roles");
		List<String> jobRoles = (jobRolesText == null) ? List.of()
				: Arrays.stream(jobRolesText.split(",")).map(String::strip).filter((r) -> !r.isEmpty()).toList();
		String name = string(claims, "name");
		if (name == null) {
			String given = string(claims, "given_name");
			String family = string(claims, "family_name");
			name = (given == null && family == null) ? null
					: String.join(" ", given == null ? "" : given, family == null ? "" : family).strip();
		}
		return new LaunchMessage(platform.id(), platform.issuer(), platform.clientId(), deploymentId, messageType,
				subject, string(claims, "email"), name, (lis != null) ? asString(lis.get("person_sourcedid")) : null,
				roles, contextId, (context != null) ? asString(context.get("title")) : null,
				(context != null) ? asString(context.get("label")) : null, resourceLinkId,
				(resourceLink != null) ? asString(resourceLink.get("title")) : null, targetLinkUri, returnUrl, data,
				(ags != null) ? asString(ags.get("lineitem")) : null,
				(ags != null) ? asString(ags.get("lineitems")) : null,
				(ags != null && ags.get("scope") instanceof List<?> scopes)
						? scopes.stream().map(String::valueOf).toList() : List.of(),
				(nrps != null) ? asString(nrps.get("context_memberships_url")) : null, organisationCode, jobRoles,
				acceptsLineItem, (custom != null) ? asString(custom.get("view")) : null);
	}

	private static String customValue(Map<String, Object> custom, String name, String earlierName) {
		if (custom == null) {
			return null;
		}
		String value = asString(custom.get(name));
		if (value == null || value.isBlank()) {
			value = asString(custom.get(earlierName));
		}
		return (value == null || value.isBlank() || value.startsWith("$")) ? null : value.strip();
	}

	/**
	 * Deep Linking §4.4.1: {@code accept_lineitem} true means the platform creates a line
	 * item from a link's {@code lineItem}, false that it ignores one. Absent, the spec
	 * says to assume nothing; then the AGS claim decides: a platform that grants this
	 * launch the line-item scope (AGS §3.1, §3.2) manages line items for the tool. Moodle
	 * 4.5 sends no {@code accept_lineitem} but grants that scope, and creates the grade
	 * item from {@code lineItem} (fixtures/moodle-4.5-lti, "Deep linking").
	 */
	static boolean acceptsLineItem(Map<String, Object> settings, Map<String, Object> ags) {
		Object accept = settings.get("accept_lineitem");
		if (accept != null) {
			return Boolean.TRUE.equals(accept) || "true".equals(accept);
		}
		return ags != null && ags.get("scope") instanceof List<?> scopes && scopes.contains(LINE_ITEM_SCOPE);
	}

	private static InvalidLaunch missing(String claim) {
		return new InvalidLaunch(Reason.MISSING_CLAIM, "The id_token has no " + claim + " claim.");
	}

	private static String string(JWTClaimsSet claims, String name) {
		return asString(claims.getClaim(name));
	}

	private static String asString(Object value) {
		return (value instanceof String s && !s.isEmpty()) ? s : null;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> object(JWTClaimsSet claims, String name) {
		Object value = claims.getClaim(name);
		return (value instanceof Map<?, ?> map) ? (Map<String, Object>) map : null;
	}

	private static List<String> stringList(JWTClaimsSet claims, String name) {
		Object value = claims.getClaim(name);
		if (!(value instanceof List<?> list)) {
			return null;
		}
		List<String> out = new ArrayList<>();
		for (Object item : list) {
			if (item instanceof String s) {
				out.add(s);
			}
		}
		return out;
	}

	/** For callers that keep the raw claims around. */
	static JWTClaimsSet parse(String json) {
		try {
			return JWTClaimsSet.parse(json);
		}
		catch (ParseException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
