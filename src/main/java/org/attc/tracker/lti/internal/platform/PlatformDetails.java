package org.attc.tracker.lti.internal.platform;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What an administrator (or dynamic registration) says about a platform, checked field by
 * field so a bad value is named.
 *
 * @param name a label for people
 * @param issuer the platform's {@code iss}
 * @param clientId the client id the platform issued to this tool
 * @param deploymentIds the deployment ids of this tool on the platform
 * @param authUrl OIDC authorization endpoint
 * @param tokenUrl OAuth 2 token endpoint (services)
 * @param jwksUrl the platform's public key set
 */
public record PlatformDetails(String name, String issuer, String clientId, List<String> deploymentIds, String authUrl,
		String tokenUrl, String jwksUrl) {

	public PlatformDetails {
		deploymentIds = (deploymentIds == null) ? List.of() : List.copyOf(deploymentIds);
	}

	/**
	 * Checks every field and returns it normalised.
	 * @param allowHttp whether {@code http:} URLs are accepted (tests, local trials)
	 * @param deploymentRequired whether at least one deployment id must be given (dynamic
	 * registration may learn it only at the first launch's configuration)
	 * @return the checked details
	 * @throws InvalidPlatformField naming the first field that is not right
	 */
	public PlatformDetails checked(boolean allowHttp, boolean deploymentRequired) {
		String issuer = url("issuer", this.issuer, allowHttp);
		String clientId = text("clientId", this.clientId, 255);
		if (deploymentRequired && this.deploymentIds.isEmpty()) {
			throw new InvalidPlatformField("deploymentIds", "at least one deployment id is needed");
		}
		Set<String> deployments = new LinkedHashSet<>();
		for (String deploymentId : this.deploymentIds) {
			deployments.add(text("deploymentIds", deploymentId, 255));
		}
		String name = (this.name == null || this.name.isBlank()) ? URI.create(issuer).getHost()
				: text("name", this.name, 200);
		return new PlatformDetails(name, issuer, clientId, new ArrayList<>(deployments),
				url("authUrl", this.authUrl, allowHttp), url("tokenUrl", this.tokenUrl, allowHttp),
				url("jwksUrl", this.jwksUrl, allowHttp));
	}

	private static String text(String field, String value, int max) {
		if (value == null || value.isBlank()) {
			throw new InvalidPlatformField(field, "is required");
		}
		String trimmed = value.strip();
		if (trimmed.length() > max) {
			throw new InvalidPlatformField(field, "is longer than " + max + " characters");
		}
		return trimmed;
	}

	private static String url(String field, String value, boolean allowHttp) {
		String text = text(field, value, (field.equals("issuer")) ? 255 : 1000);
		URI uri;
		try {
			uri = new URI(text);
		}
		catch (Exception ex) {
			throw new InvalidPlatformField(field, "is not a URL");
		}
		String scheme = (uri.getScheme() == null) ? "" : uri.getScheme().toLowerCase();
		if (uri.getHost() == null || !(scheme.equals("https") || (allowHttp && scheme.equals("http")))) {
			throw new InvalidPlatformField(field, "must be an https URL");
		}
		if (uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
			throw new InvalidPlatformField(field, "must not carry a fragment or user info");
		}
		// Security Framework §5.1.2: the issuer is a case-sensitive URL without query or
		// fragment
		if (field.equals("issuer") && uri.getRawQuery() != null) {
			throw new InvalidPlatformField(field, "must not carry a query");
		}
		return text;
	}

}
