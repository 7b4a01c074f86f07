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
 * message claims) and Deep Linking 2.0 §4.4. The claims come in small groups, each its
 * own type, so that two of them cannot be swapped by position unnoticed.
 *
 * @param origin the registration and deployment the launch came through
 * @param messageType {@code LtiResourceLinkRequest} or {@code LtiDeepLinkingRequest}
 * @param person the platform's user
 * @param context Core §5.4.1, the course; its id is {@code null} when the platform sent
 * none
 * @param resourceLink Core §5.3.5 and §5.3.4
 * @param deepLinkSettings Deep Linking §4.4.1, {@link DeepLinkSettings#NONE} for resource
 * link launches
 * @param services the AGS and NRPS endpoints the platform offers this launch
 * @param custom the custom parameters this tool reads (Core §5.4.5)
 */
public record LaunchMessage(Origin origin, String messageType, Person person, Context context,
		ResourceLink resourceLink, DeepLinkSettings deepLinkSettings, Services services, Custom custom) {

	/**
	 * @param platformId the registration the launch came through
	 * @param issuer {@code iss}
	 * @param clientId this tool's client id on the platform
	 * @param deploymentId Core §5.3.3, registered for the platform
	 */
	public record Origin(long platformId, String issuer, String clientId, String deploymentId) {
	}

	/**
	 * @param subject {@code sub}, the platform's user id
	 * @param email {@code email} when sent
	 * @param name {@code name} (or given and family name) when sent
	 * @param sourcedId LIS person sourcedId when sent (Moodle)
	 * @param roles Core §5.3.7
	 */
	public record Person(String subject, String email, String name, String sourcedId, List<String> roles) {

		public Person {
			roles = List.copyOf(roles);
		}

	}

	/**
	 * @param id Core §5.4.1, {@code null} without a context claim
	 * @param title may be {@code null}
	 * @param label may be {@code null}
	 */
	public record Context(String id, String title, String label) {

		static final Context NONE = new Context(null, null, null);

	}

	/**
	 * @param id Core §5.3.5, required for resource link launches
	 * @param title may be {@code null}
	 * @param targetLinkUri Core §5.3.4
	 */
	public record ResourceLink(String id, String title, String targetLinkUri) {
	}

	/**
	 * @param returnUrl Deep Linking §4.4.1 {@code deep_link_return_url}
	 * @param data the opaque {@code data} to send back, may be {@code null}
	 * @param acceptsLineItem whether a deep-linked link may carry a {@code lineItem}:
	 * Deep Linking §4.4.1 {@code accept_lineitem}, or when absent the AGS line-item scope
	 */
	public record DeepLinkSettings(String returnUrl, String data, boolean acceptsLineItem) {

		/** A resource link launch has no deep linking settings. */
		public static final DeepLinkSettings NONE = new DeepLinkSettings(null, null, false);

	}

	/**
	 * @param agsLineItem AGS §3.1 endpoint claim's {@code lineitem}, may be {@code null}
	 * @param agsLineItems AGS endpoint claim's {@code lineitems}, may be {@code null}
	 * @param agsScopes AGS scopes granted, may be empty
	 * @param membershipsUrl NRPS §3.6.1 {@code context_memberships_url}, may be
	 * {@code null}
	 */
	public record Services(String agsLineItem, String agsLineItems, List<String> agsScopes, String membershipsUrl) {

		public Services {
			agsScopes = List.copyOf(agsScopes);
		}

	}

	/**
	 * @param organisationCode custom parameter {@code organisation} (Core §5.4.5; earlier
	 * {@code organisation_code}): an organisation's code or name, may be {@code null}
	 * @param jobRoles custom parameter {@code job_role} (earlier {@code job_roles}),
	 * comma-separated codes, may be empty
	 * @param view custom parameter {@code view} a deep-linked resource link carries, may
	 * be {@code null}
	 */
	public record Custom(String organisationCode, List<String> jobRoles, String view) {

		public Custom {
			jobRoles = List.copyOf(jobRoles);
		}

	}

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
		Origin origin = new Origin(platform.id(), platform.issuer(), platform.clientId(), deploymentId);
		Person person = new Person(subject, string(claims, "email"), name,
				(lis != null) ? asString(lis.get("person_sourcedid")) : null, roles);
		Context course = (context != null)
				? new Context(contextId, asString(context.get("title")), asString(context.get("label"))) : Context.NONE;
		ResourceLink link = new ResourceLink(resourceLinkId,
				(resourceLink != null) ? asString(resourceLink.get("title")) : null, targetLinkUri);
		DeepLinkSettings deepLinkSettings = (returnUrl != null) ? new DeepLinkSettings(returnUrl, data, acceptsLineItem)
				: DeepLinkSettings.NONE;
		Services services = new Services((ags != null) ? asString(ags.get("lineitem")) : null,
				(ags != null) ? asString(ags.get("lineitems")) : null,
				(ags != null && ags.get("scope") instanceof List<?> scopes)
						? scopes.stream().map(String::valueOf).toList() : List.of(),
				(nrps != null) ? asString(nrps.get("context_memberships_url")) : null);
		Custom customParameters = new Custom(organisationCode, jobRoles,
				(custom != null) ? asString(custom.get("view")) : null);
		return new LaunchMessage(origin, messageType, person, course, link, deepLinkSettings, services,
				customParameters);
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
