package org.attc.tracker.framework;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Framework module settings ({@code app.framework.*}).
 *
 * @param loadSample load the illustrative ATTC sample framework on the first start
 * @param casePublicRead serve published frameworks at the CASE REST paths without
 * authentication (CASE consumers commonly read public frameworks openly); when
 * {@code false} a coordinator or administrator account is needed
 * @param baseUri absolute base of the CASE URIs minted for items that arrive without one
 * (Moodle CSV, the native format)
 */
@ConfigurationProperties("app.framework")
public record FrameworkProperties(@DefaultValue("true") boolean loadSample,
		@DefaultValue("false") boolean casePublicRead,
		@DefaultValue("https://capability-tracker.attc.nhs.uk") String baseUri) {

	public FrameworkProperties {
		if (baseUri == null || baseUri.isBlank()) {
			baseUri = "https://capability-tracker.attc.nhs.uk";
		}
		if (!baseUri.matches("https?://[^\\s?#]+")) {
			throw new IllegalArgumentException(
					"app.framework.base-uri: an http(s) address without query or fragment, was " + baseUri);
		}
		baseUri = baseUri.endsWith("/") ? baseUri.substring(0, baseUri.length() - 1) : baseUri;
	}

}
