package org.attc.tracker.lti.internal.security;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.attc.tracker.identity.IdentityProperties;
import org.attc.tracker.lti.internal.platform.PlatformRegistrations;
import org.attc.tracker.lti.internal.platform.PlatformsChanged;

import org.springframework.context.event.EventListener;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.stereotype.Component;

/**
 * The Content-Security-Policy of the LTI pages: the service's strict policy, except that
 * registered platforms may frame the pages ({@code frame-ancestors}), and a page that
 * auto-posts to a platform (deep linking response) may name that one origin in
 * {@code form-action}.
 */
@Component
public class LtiContentSecurityPolicy implements HeaderWriter {

	/** Request attribute: an origin a page's form may post to, besides this service. */
	public static final String FORM_ACTION_ORIGIN = LtiContentSecurityPolicy.class.getName() + ".formAction";

	private static final Duration ORIGINS_CACHE = Duration.ofSeconds(30);

	private final PlatformRegistrations registrations;

	private final IdentityProperties identity;

	private volatile Set<String> platformOrigins = Set.of();

	private volatile Instant originsLoaded = Instant.EPOCH;

	LtiContentSecurityPolicy(PlatformRegistrations registrations, IdentityProperties identity) {
		this.registrations = registrations;
		this.identity = identity;
	}

	@Override
	public void writeHeaders(HttpServletRequest request, HttpServletResponse response) {
		if (response.containsHeader("Content-Security-Policy")) {
			return;
		}
		Set<String> ancestors = new LinkedHashSet<>(this.identity.frameAncestors());
		ancestors.addAll(platformOrigins());
		String formAction = "'self'";
		Object extra = request.getAttribute(FORM_ACTION_ORIGIN);
		if (extra instanceof String origin && origin.matches("https?://[A-Za-z0-9.\\-:\\[\\]]+")) {
			formAction += " " + origin;
		}
		response.setHeader("Content-Security-Policy",
				"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
						+ "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; "
						+ "form-action " + formAction + "; frame-ancestors " + String.join(" ", ancestors));
	}

	/** Forget the cached platform origins (a registration changed). */
	@EventListener(PlatformsChanged.class)
	public void refresh() {
		this.originsLoaded = Instant.EPOCH;
	}

	private Set<String> platformOrigins() {
		Instant now = Instant.now();
		if (this.originsLoaded.plus(ORIGINS_CACHE).isBefore(now)) {
			this.platformOrigins = Set.copyOf(this.registrations.origins());
			this.originsLoaded = now;
		}
		return this.platformOrigins;
	}

}
