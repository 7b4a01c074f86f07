package org.attc.tracker.identity.internal;

import java.util.Collection;
import java.util.Map;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * The short-lived result of an OpenID Connect sign-in: the provider's verified user and
 * the local account it maps to. {@link SingleSignOnSessions} replaces it at once with the
 * account's own principal, the one the login form produces.
 */
class SingleSignOnUser implements OidcUser {

	private final OidcUser verified;

	private final UserDetails account;

	SingleSignOnUser(OidcUser verified, UserDetails account) {
		this.verified = verified;
		this.account = account;
	}

	/** The local account's principal, without its password hash. */
	UserDetails account() {
		return this.account;
	}

	@Override
	public String getName() {
		return this.account.getUsername();
	}

	@Override
	public Collection<? extends GrantedAuthority> getAuthorities() {
		return this.account.getAuthorities();
	}

	@Override
	public Map<String, Object> getAttributes() {
		return this.verified.getAttributes();
	}

	@Override
	public Map<String, Object> getClaims() {
		return this.verified.getClaims();
	}

	@Override
	public OidcUserInfo getUserInfo() {
		return this.verified.getUserInfo();
	}

	@Override
	public OidcIdToken getIdToken() {
		return this.verified.getIdToken();
	}

}
