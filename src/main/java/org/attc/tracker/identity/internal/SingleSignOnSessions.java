package org.attc.tracker.identity.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.util.UrlUtils;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * What happens around an OpenID Connect sign-in in the page chain: the session gets the
 * local account's own principal (the one the login form gives, so every role and scope
 * check treats both alike); a refusal goes back to the sign-in page with a message a
 * person understands; the provider's access token is not kept (nothing here calls the
 * provider's APIs).
 */
@Component
class SingleSignOnSessions {

	/** Session attribute: the provider sign-in behind this session, if any. */
	static final String PROVIDER_SESSION = SingleSignOnSessions.class.getName() + ".PROVIDER_SESSION";

	/** The provider and id_token of an organisation sign-in. */
	record ProviderSession(String registrationId, String idToken) implements java.io.Serializable {
	}

	/** Session attribute: the message for the sign-in page after a refused sign-in. */
	static final String PROBLEM = SingleSignOnSessions.class.getName() + ".PROBLEM";

	static final String UNAVAILABLE = "This sign-in option is not available at the moment: your organisation's"
			+ " sign-in service could not be reached. Try again later, or sign in with your username and password.";

	static final String NOT_VERIFIED = "Signing in through your organisation did not work: the sign-in was"
			+ " cancelled or its answer could not be verified. Try again, or sign in with your username and password.";

	private static final Log log = LogFactory.getLog(SingleSignOnSessions.class);

	private final SecurityContextRepository contexts = new DelegatingSecurityContextRepository(
			new RequestAttributeSecurityContextRepository(), new HttpSessionSecurityContextRepository());

	private final SavedRequestAwareAuthenticationSuccessHandler next = new SavedRequestAwareAuthenticationSuccessHandler();

	/**
	 * Replaces the OAuth2 authentication with the account's principal, keeping Spring
	 * Security's record of how the person proved who they are (the factor authority).
	 */
	AuthenticationSuccessHandler success() {
		return (request, response, authentication) -> {
			if (!(authentication.getPrincipal() instanceof SingleSignOnUser user)) {
				throw new IllegalStateException("an OpenID Connect sign-in without a mapped account");
			}
			UserDetails account = user.account();
			if (authentication instanceof OAuth2AuthenticationToken oauth) {
				// kept for signing out of the provider too (RP-Initiated Logout 1.0 §2)
				request.getSession()
					.setAttribute(PROVIDER_SESSION, new ProviderSession(oauth.getAuthorizedClientRegistrationId(),
							user.getIdToken().getTokenValue()));
			}
			List<GrantedAuthority> authorities = new ArrayList<>(account.getAuthorities());
			authentication.getAuthorities()
				.stream()
				.filter(FactorGrantedAuthority.class::isInstance)
				.forEach(authorities::add);
			Authentication signedIn = UsernamePasswordAuthenticationToken.authenticated(account, null, authorities);
			SecurityContext context = SecurityContextHolder.createEmptyContext();
			context.setAuthentication(signedIn);
			SecurityContextHolder.setContext(context);
			this.contexts.saveContext(context, request, response);
			this.next.onAuthenticationSuccess(request, response, signedIn);
		};
	}

	/**
	 * Signing out: runs before the session is invalidated and carries its provider
	 * sign-in, if any, over to {@link #signedOut}.
	 */
	LogoutHandler rememberProviderSession() {
		return (request, response, authentication) -> {
			HttpSession session = request.getSession(false);
			Object provider = (session != null) ? session.getAttribute(PROVIDER_SESSION) : null;
			if (provider != null) {
				request.setAttribute(PROVIDER_SESSION, provider);
			}
		};
	}

	/**
	 * After signing out: a person who signed in through their organisation is signed out
	 * there too when its provider offers RP-initiated logout (OpenID Connect RP-Initiated
	 * Logout 1.0 §2: {@code end_session_endpoint} with {@code id_token_hint},
	 * {@code client_id} and {@code post_logout_redirect_uri}, which the provider must
	 * have registered); otherwise, and after the provider, the sign-in page.
	 */
	LogoutSuccessHandler signedOut(SingleSignOnProviders providers) {
		return (request, response, authentication) -> {
			String signInPage = UriComponentsBuilder.fromUriString(UrlUtils.buildFullRequestUrl(request))
				.replacePath(request.getContextPath() + "/login")
				.replaceQuery("logout")
				.build()
				.toUriString();
			String target = request.getContextPath() + "/login?logout";
			if (request.getAttribute(PROVIDER_SESSION) instanceof ProviderSession provider) {
				ClientRegistration registration = endingSessions(providers, provider.registrationId());
				if (registration != null) {
					target = UriComponentsBuilder
						.fromUriString((String) registration.getProviderDetails()
							.getConfigurationMetadata()
							.get("end_session_endpoint"))
						.queryParam("id_token_hint", provider.idToken())
						.queryParam("client_id", registration.getClientId())
						.queryParam("post_logout_redirect_uri", signInPage)
						.encode()
						.build()
						.toUriString();
				}
			}
			response.sendRedirect(target);
		};
	}

	/**
	 * The provider's registration if its sessions can be ended from here: it has an
	 * {@code end_session_endpoint} at its issuer's origin, where the pages' CSP
	 * form-action lets the sign-out form's redirect go.
	 */
	private static ClientRegistration endingSessions(SingleSignOnProviders providers, String registrationId) {
		try {
			ClientRegistration registration = providers.findByRegistrationId(registrationId);
			Object endpoint = (registration != null)
					? registration.getProviderDetails().getConfigurationMetadata().get("end_session_endpoint") : null;
			if (!(endpoint instanceof String text) || !text.startsWith("http")) {
				return null;
			}
			if (!providers.issuerOrigins().contains(SingleSignOnProviders.origin(text))) {
				log.info("signed out without ending the provider session: its end_session_endpoint " + text
						+ " is not at the issuer's origin");
				return null;
			}
			return registration;
		}
		catch (SingleSignOnProviders.ProviderUnavailable ex) {
			// signed out here at least; the provider's session ends when it expires
			log.info("signed out without ending the provider session: " + ex.getMessage());
			return null;
		}
	}

	AuthenticationFailureHandler failure() {
		return (request, response, exception) -> {
			request.getSession().setAttribute(PROBLEM, message(exception));
			response.sendRedirect(request.getContextPath() + "/login?sso-error");
		};
	}

	private static String message(AuthenticationException exception) {
		if (exception instanceof SingleSignOnRefused refused) {
			return refused.personMessage();
		}
		// the technical reason (invalid_id_token, invalid_nonce, the provider's
		// error=access_denied, …) is for the log, never for the page
		String reason = (exception instanceof OAuth2AuthenticationException oauth)
				? oauth.getError().getErrorCode() + ": " + oauth.getError().getDescription() : exception.getMessage();
		log.info("single sign-on failed: " + reason);
		return NOT_VERIFIED;
	}

	/**
	 * Before the redirect to a provider: when its discovery document cannot be read, back
	 * to the sign-in page with a message instead of an error page.
	 */
	OncePerRequestFilter availability(SingleSignOnProviders providers) {
		return new OncePerRequestFilter() {

			@Override
			protected boolean shouldNotFilter(HttpServletRequest request) {
				return !request.getRequestURI().startsWith(request.getContextPath() + "/oauth2/authorization/");
			}

			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
					throws ServletException, IOException {
				String id = request.getRequestURI()
					.substring((request.getContextPath() + "/oauth2/authorization/").length());
				try {
					if (providers.findByRegistrationId(id) == null) {
						response.sendError(HttpServletResponse.SC_NOT_FOUND);
						return;
					}
				}
				catch (SingleSignOnProviders.ProviderUnavailable ex) {
					log.warn(ex.getMessage());
					request.getSession().setAttribute(PROBLEM, UNAVAILABLE);
					response.sendRedirect(request.getContextPath() + "/login?sso-error");
					return;
				}
				chain.doFilter(request, response);
			}

		};
	}

	/**
	 * Keeps no authorized client: the access token is used for the UserInfo call during
	 * sign-in only.
	 */
	static OAuth2AuthorizedClientRepository noAuthorizedClients() {
		return new OAuth2AuthorizedClientRepository() {

			@Override
			public <T extends OAuth2AuthorizedClient> T loadAuthorizedClient(String clientRegistrationId,
					Authentication principal, HttpServletRequest request) {
				return null;
			}

			@Override
			public void saveAuthorizedClient(OAuth2AuthorizedClient authorizedClient, Authentication principal,
					HttpServletRequest request, HttpServletResponse response) {
			}

			@Override
			public void removeAuthorizedClient(String clientRegistrationId, Authentication principal,
					HttpServletRequest request, HttpServletResponse response) {
			}

		};
	}

}
