package org.attc.tracker.lti.internal;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The tool's own public URLs, as platforms must see them. */
@Component
public class ToolUrls {

	private final LtiProperties properties;

	ToolUrls(LtiProperties properties) {
		this.properties = properties;
	}

	/**
	 * The configured base URL, else the request's (after the proxy's forwarded headers).
	 */
	public String base(HttpServletRequest request) {
		String configured = this.properties.baseUrl();
		if (configured != null && !configured.isBlank()) {
			return configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
		}
		return ServletUriComponentsBuilder.fromContextPath(request).replaceQuery(null).build().toUriString();
	}

	public String loginUrl(HttpServletRequest request) {
		return base(request) + "/lti/login";
	}

	/** The redirect URI: where the platform posts the id_token. */
	public String launchUrl(HttpServletRequest request) {
		return base(request) + "/lti/launch";
	}

	public String jwksUrl(HttpServletRequest request) {
		return base(request) + "/.well-known/jwks.json";
	}

	public String registrationUrl(HttpServletRequest request) {
		return base(request) + "/lti/register";
	}

}
