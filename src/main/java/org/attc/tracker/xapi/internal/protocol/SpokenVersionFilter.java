package org.attc.tracker.xapi.internal.protocol;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.attc.tracker.xapi.internal.clients.LrsClient;
import org.attc.tracker.xapi.internal.validation.XapiVersion;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Runs after Spring Security on {@code /xapi}: notes the version an authenticated client
 * declares, and answers a request that {@link XapiProtocolFilter} found without a served
 * version with 400 (Communication §3.3) and the version header in the version this client
 * last spoke. ADL's 1.0.3 suite expects {@code 1.0.3} on that 400 and its 2.0 suite
 * {@code 2.0.0}, for the same request; the client's own history is what tells them apart.
 */
class SpokenVersionFilter extends OncePerRequestFilter {

	private final SpokenVersions versions;

	SpokenVersionFilter(SpokenVersions versions) {
		this.versions = versions;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		String client = (authentication != null && authentication.getPrincipal() instanceof LrsClient lrsClient)
				? lrsClient.key() : null;
		if (request.getAttribute(XapiProtocolFilter.UNVERSIONED_ATTRIBUTE) instanceof String detail) {
			XapiVersion answer = (client != null) ? this.versions.lastSpokenBy(client).orElse(XapiVersion.V1_0_3)
					: XapiVersion.V1_0_3;
			response.setHeader(XapiProtocolFilter.VERSION_HEADER, answer.header());
			XapiProblems.write(request, response, 400, "xapi-version", "Bad request", detail,
					XapiProtocolFilter.VERSION_HEADER);
			return;
		}
		if (client != null && request.getAttribute(XapiProtocolFilter.DECLARED_ATTRIBUTE) != null) {
			this.versions.spoke(client, (XapiVersion) request.getAttribute(XapiProtocolFilter.VERSION_ATTRIBUTE));
		}
		chain.doFilter(request, response);
	}

}
