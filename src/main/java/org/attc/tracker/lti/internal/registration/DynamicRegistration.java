package org.attc.tracker.lti.internal.registration;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.attc.tracker.lti.internal.LtiProperties;
import org.attc.tracker.lti.internal.platform.InvalidPlatformField;
import org.attc.tracker.lti.internal.platform.PlatformConflict;
import org.attc.tracker.lti.internal.platform.PlatformDetails;
import org.attc.tracker.lti.internal.platform.PlatformRegistration;
import org.attc.tracker.lti.internal.platform.PlatformRegistrations;
import org.attc.tracker.lti.internal.security.PlatformHttp;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;

/**
 * LTI Dynamic Registration 1.0: the platform opens the tool with its OpenID configuration
 * URL and a registration token; the tool reads the configuration (§3.4), checks it
 * (§3.5.1), registers itself as an OAuth client with the messages and scopes it needs
 * (§3.5.2, §3.6) and keeps the client id and deployment id the platform answers (§3.6.2).
 */
@Service
class DynamicRegistration {

	static final String PLATFORM_CONFIGURATION = "https://purl.imsglobal.org/spec/lti-platform-configuration";

	static final String TOOL_CONFIGURATION = "https://purl.imsglobal.org/spec/lti-tool-configuration";

	static final List<String> SCOPES = List.of("https://purl.imsglobal.org/spec/lti-ags/scope/lineitem",
			"https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly",
			"https://purl.imsglobal.org/spec/lti-ags/scope/score",
			"https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly");

	private static final JsonMapper json = JsonMapper.builder().build();

	private final PlatformHttp http;

	private final PlatformRegistrations registrations;

	private final LtiProperties properties;

	DynamicRegistration(PlatformHttp http, PlatformRegistrations registrations, LtiProperties properties) {
		this.http = http;
		this.registrations = registrations;
		this.properties = properties;
	}

	/** What was registered, for the page the platform's administrator sees. */
	record Registered(PlatformRegistration platform, String productFamily, List<String> scopes, List<String> messages,
			String deploymentId) {
	}

	/** The tool's own URLs, as the platform must call them. */
	record ToolEndpoints(String base, String login, String launch, String jwks) {
	}

	/**
	 * Runs the whole registration.
	 * @throws RegistrationFailed with a message for the platform's administrator
	 */
	Registered register(String openidConfigurationUrl, String registrationToken, ToolEndpoints tool) {
		URI configUri = checkedUrl("openid_configuration", openidConfigurationUrl);
		Map<String, String> auth = new LinkedHashMap<>();
		auth.put("Accept", "application/json");
		if (registrationToken != null && !registrationToken.isBlank()) {
			// Canvas asks for the token on this call too; Moodle ignores it
			auth.put("Authorization", "Bearer " + registrationToken);
		}
		JsonNode config = fetchJson(openidConfigurationUrl, auth);
		String issuer = text(config, "issuer");
		// §3.5.1: the issuer must be on the domain the configuration was fetched from
		URI issuerUri = checkedUrl("issuer", issuer);
		if (!sameOrParentDomain(configUri.getHost(), issuerUri.getHost())) {
			throw new RegistrationFailed("The platform's issuer " + issuer
					+ " is not on the domain of its OpenID configuration URL " + configUri.getHost() + ".");
		}
		String registrationEndpoint = text(config, "registration_endpoint");
		String authUrl = text(config, "authorization_endpoint");
		String tokenUrl = text(config, "token_endpoint");
		String jwksUrl = text(config, "jwks_uri");
		for (String url : List.of(registrationEndpoint, authUrl, tokenUrl, jwksUrl)) {
			checkedUrl("platform endpoint", url);
		}
		JsonNode platformConfig = config.path(PLATFORM_CONFIGURATION);
		String productFamily = platformConfig.path("product_family_code").asString("");
		List<String> supported = new ArrayList<>();
		platformConfig.path("messages_supported").forEach((m) -> supported.add(m.path("type").asString("")));
		boolean deepLinking = supported.isEmpty() || supported.contains("LtiDeepLinkingRequest");
		List<String> scopes = new ArrayList<>();
		JsonNode offeredScopes = config.path("scopes_supported");
		for (String scope : SCOPES) {
			if (offeredScopes.isMissingNode() || contains(offeredScopes, scope)) {
				scopes.add(scope);
			}
		}
		Map<String, Object> request = clientRegistration(tool, scopes, deepLinking);
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Accept", "application/json");
		if (registrationToken != null && !registrationToken.isBlank()) {
			headers.put("Authorization", "Bearer " + registrationToken);
		}
		PlatformHttp.Answer answer;
		try {
			answer = this.http.post(registrationEndpoint, "application/json", json.writeValueAsString(request),
					headers);
		}
		catch (PlatformHttp.PlatformUnreachable ex) {
			throw new RegistrationFailed(ex.getMessage());
		}
		if (!answer.ok()) {
			throw new RegistrationFailed("The platform refused the registration (HTTP " + answer.status() + "): "
					+ abbreviate(answer.body()));
		}
		JsonNode response = parse(answer.body(), registrationEndpoint);
		String clientId = text(response, "client_id");
		String deploymentId = response.path(TOOL_CONFIGURATION).path("deployment_id").asString(null);
		String name = productFamily.isBlank() ? issuerUri.getHost() : productFamily + " " + issuerUri.getHost();
		PlatformRegistration platform;
		try {
			platform = this.registrations.register(
					new PlatformDetails(name, issuer, clientId,
							(deploymentId == null) ? List.of() : List.of(deploymentId), authUrl, tokenUrl, jwksUrl),
					PlatformRegistration.Origin.DYNAMIC);
		}
		catch (InvalidPlatformField | PlatformConflict ex) {
			throw new RegistrationFailed(ex.getMessage());
		}
		List<String> messages = deepLinking ? List.of("LtiResourceLinkRequest", "LtiDeepLinkingRequest")
				: List.of("LtiResourceLinkRequest");
		return new Registered(platform, productFamily, scopes, messages, deploymentId);
	}

	/** §3.6: the tool's client registration request. */
	Map<String, Object> clientRegistration(ToolEndpoints tool, List<String> scopes, boolean deepLinking) {
		Map<String, Object> configuration = new LinkedHashMap<>();
		configuration.put("domain", URI.create(tool.base()).getRawAuthority());
		configuration.put("target_link_uri", tool.launch());
		configuration.put("description",
				"Capability progress against the Advanced Therapy Clinical Trials Capability Framework");
		configuration.put("claims", List.of("iss", "sub", "name", "given_name", "family_name", "email"));
		List<Map<String, Object>> messages = new ArrayList<>();
		messages.add(Map.of("type", "LtiResourceLinkRequest", "target_link_uri", tool.launch(), "label",
				this.properties.toolName()));
		if (deepLinking) {
			messages.add(Map.of("type", "LtiDeepLinkingRequest", "target_link_uri", tool.launch(), "label",
					"Add capability progress", "placements", List.of("ContentArea")));
		}
		configuration.put("messages", messages);
		Map<String, Object> request = new LinkedHashMap<>();
		request.put("application_type", "web");
		request.put("response_types", List.of("id_token"));
		request.put("grant_types", List.of("implicit", "client_credentials"));
		request.put("initiate_login_uri", tool.login());
		request.put("redirect_uris", List.of(tool.launch()));
		request.put("client_name", this.properties.toolName());
		request.put("jwks_uri", tool.jwks());
		request.put("token_endpoint_auth_method", "private_key_jwt");
		request.put("scope", String.join(" ", scopes));
		request.put(TOOL_CONFIGURATION, configuration);
		return request;
	}

	private JsonNode fetchJson(String url, Map<String, String> headers) {
		PlatformHttp.Answer answer;
		try {
			answer = this.http.get(url, headers);
		}
		catch (PlatformHttp.PlatformUnreachable ex) {
			throw new RegistrationFailed(ex.getMessage());
		}
		if (!answer.ok()) {
			throw new RegistrationFailed(
					"The platform's OpenID configuration at " + url + " answered HTTP " + answer.status() + ".");
		}
		return parse(answer.body(), url);
	}

	private static JsonNode parse(String body, String url) {
		try {
			JsonNode node = json.readTree(body);
			if (node == null || !node.isObject()) {
				throw new RegistrationFailed("The answer from " + url + " is not a JSON object.");
			}
			return node;
		}
		catch (JacksonException ex) {
			throw new RegistrationFailed("The answer from " + url + " is not JSON.");
		}
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		if (value == null || !value.isString() || value.asString().isBlank()) {
			throw new RegistrationFailed("The platform's answer has no " + field + ".");
		}
		return value.asString();
	}

	private URI checkedUrl(String what, String url) {
		if (url == null || url.isBlank()) {
			throw new RegistrationFailed("The " + what + " URL is missing.");
		}
		URI uri;
		try {
			uri = new URI(url);
		}
		catch (Exception ex) {
			throw new RegistrationFailed("The " + what + " is not a URL.");
		}
		String scheme = (uri.getScheme() == null) ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
		if (uri.getHost() == null || !(scheme.equals("https")
				|| (scheme.equals("http") && this.properties.allowInsecurePlatformUrls()))) {
			throw new RegistrationFailed("The " + what + " URL " + url + " is not https.");
		}
		return uri;
	}

	private static boolean sameOrParentDomain(String configHost, String issuerHost) {
		String config = configHost.toLowerCase(Locale.ROOT);
		String issuer = issuerHost.toLowerCase(Locale.ROOT);
		return config.equals(issuer) || config.endsWith("." + issuer);
	}

	private static boolean contains(JsonNode array, String value) {
		for (JsonNode item : array) {
			if (value.equals(item.asString(null))) {
				return true;
			}
		}
		return false;
	}

	private static String abbreviate(String body) {
		String text = (body == null) ? "" : body.strip();
		return (text.length() > 300) ? text.substring(0, 300) + "…" : text;
	}

	/** The registration could not be completed; the message is for the administrator. */
	static class RegistrationFailed extends RuntimeException {

		RegistrationFailed(String message) {
			super(message);
		}

	}

}
