package org.attc.tracker.lti.internal.launch;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import com.nimbusds.jwt.JWTClaimsSet;
import org.attc.tracker.lti.internal.platform.PlatformRegistration;
import org.attc.tracker.lti.internal.platform.PlatformRegistrations;
import org.attc.tracker.lti.internal.security.IdTokenVerifier;
import org.attc.tracker.lti.internal.security.InvalidLaunch;
import org.attc.tracker.lti.internal.security.InvalidLaunch.Reason;
import org.attc.tracker.lti.internal.security.LaunchMessage;
import org.attc.tracker.lti.internal.security.LoginStates;
import org.attc.tracker.lti.internal.security.LtiRoles;
import org.attc.tracker.shared.LearnerId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The OIDC third-party initiated login and the launch (LTI 1.3 Core §5.1, Security
 * Framework §5.1.1): the login picks the registration and issues state and nonce; the
 * launch checks the id_token against them.
 */
@Service
class Launches {

	private final PlatformRegistrations registrations;

	private final LoginStates states;

	private final IdTokenVerifier verifier;

	private final PendingLaunches pending;

	private final JdbcClient jdbc;

	Launches(PlatformRegistrations registrations, LoginStates states, IdTokenVerifier verifier, PendingLaunches pending,
			JdbcClient jdbc) {
		this.registrations = registrations;
		this.states = states;
		this.verifier = verifier;
		this.pending = pending;
		this.jdbc = jdbc;
	}

	/** The parameters of a login initiation (Security Framework §5.1.1.1, Core §4.1). */
	record LoginRequest(String issuer, String loginHint, String targetLinkUri, String messageHint, String clientId,
			String deploymentId, String storageTarget) {
	}

	/**
	 * Where to send the browser next.
	 *
	 * @param authRequest the platform's auth endpoint with the OIDC parameters
	 * @param state the state (also set in a cookie, or in platform storage)
	 * @param nonce the nonce (platform storage keeps it too)
	 * @param platformOrigin the platform's origin, the only one postMessages go to
	 * @param storageTarget the platform storage frame, or {@code null}
	 */
	record LoginRedirect(String authRequest, String state, String nonce, String platformOrigin, String storageTarget) {
	}

	LoginRedirect login(LoginRequest request, String redirectUri) {
		// Security Framework §5.1.1.1: iss, login_hint and target_link_uri are required
		if (blank(request.issuer())) {
			throw new InvalidLaunch(Reason.MISSING_PARAMETER, "The login initiation has no iss parameter.");
		}
		if (blank(request.loginHint())) {
			throw new InvalidLaunch(Reason.MISSING_PARAMETER, "The login initiation has no login_hint parameter.");
		}
		if (blank(request.targetLinkUri())) {
			throw new InvalidLaunch(Reason.MISSING_PARAMETER, "The login initiation has no target_link_uri parameter.");
		}
		PlatformRegistration platform = platformFor(request.issuer(), request.clientId());
		// Core §4.1.2: lti_deployment_id, when sent, must be one of ours
		if (!blank(request.deploymentId()) && !platform.hasDeployment(request.deploymentId())) {
			throw new InvalidLaunch(Reason.UNKNOWN_DEPLOYMENT, "The deployment id '" + request.deploymentId()
					+ "' is not registered for platform " + platform.issuer() + ".");
		}
		String storageTarget = blank(request.storageTarget()) ? null : request.storageTarget();
		if (storageTarget != null && storageTarget.length() > 200) {
			storageTarget = null;
		}
		LoginStates.Issued issued = this.states.issue(platform.id(), storageTarget);
		// Security Framework §5.1.1.2: the authentication request; Moodle needs
		// response_mode=form_post, the redirect_uri exactly as registered and both hints
		// back unchanged (its lti_message_hint is JSON)
		String authRequest = new AuthenticationRequest(platform.authUrl()).with("scope", "openid")
			.with("response_type", "id_token")
			.with("response_mode", "form_post")
			.with("prompt", "none")
			.with("client_id", platform.clientId())
			.with("redirect_uri", redirectUri)
			.with("login_hint", request.loginHint())
			.with("state", issued.state())
			.with("nonce", issued.nonce())
			.with("lti_message_hint", request.messageHint())
			.uri();
		return new LoginRedirect(authRequest, issued.state(), issued.nonce(),
				PlatformRegistrations.originOf(platform.authUrl()), storageTarget);
	}

	/** The outcome of a launch: accepted, or waiting for the platform storage check. */
	sealed interface Outcome permits Accepted, AwaitingStorageCheck {

	}

	record Accepted(LaunchMessage message) implements Outcome {
	}

	record AwaitingStorageCheck(String pendingId, String state, String platformOrigin,
			String storageTarget) implements Outcome {
	}

	/**
	 * Checks a launch.
	 * @param idToken the id_token form parameter
	 * @param state the state form parameter
	 * @param stateCookie the value of this state's cookie in the browser, or {@code null}
	 * @throws InvalidLaunch naming the first rule broken
	 */
	Outcome launch(String idToken, String state, String stateCookie) {
		if (blank(idToken)) {
			throw new InvalidLaunch(Reason.MISSING_PARAMETER, "The launch has no id_token parameter.");
		}
		if (blank(state)) {
			throw new InvalidLaunch(Reason.MISSING_PARAMETER, "The launch has no state parameter.");
		}
		// Security Framework §5.1.1.5 and §7.3.1: the state must be the one this
		// browser's
		// login was given (login CSRF)
		if (stateCookie != null && !constantTimeEquals(stateCookie, state)) {
			throw new InvalidLaunch(Reason.WRONG_STATE, "The state does not match the one this browser was given.");
		}
		LoginStates.Login login = this.states.consume(state)
			.orElseThrow(() -> new InvalidLaunch(Reason.STATE_UNKNOWN,
					"The state is not one this tool issued, was used already (a replayed launch), or expired. "
							+ "Start the launch again from the platform."));
		if (stateCookie == null && login.storageTarget() == null) {
			throw new InvalidLaunch(Reason.WRONG_STATE,
					"The browser did not send the login's state cookie and the platform offered no platform storage "
							+ "(lti_storage_target). The browser may block third-party cookies: open the tool in a "
							+ "new window from the platform.");
		}
		PlatformRegistration platform = this.registrations.find(login.platformId())
			.orElseThrow(() -> new InvalidLaunch(Reason.UNKNOWN_PLATFORM,
					"The platform this login was for is no longer registered."));
		JWTClaimsSet claims = this.verifier.verify(idToken, platform);
		// Security Framework §5.1.3 step 9: the nonce is the one issued with this state,
		// which was just consumed, so a replay of the same token cannot pass again
		if (!constantTimeEquals(login.nonce(), String.valueOf(claims.getClaim("nonce")))) {
			throw new InvalidLaunch(Reason.WRONG_NONCE,
					"The id_token nonce is not the one issued for this login (replayed or mixed-up launch).");
		}
		LaunchMessage message = LaunchMessage.of(claims, platform);
		if (stateCookie == null) {
			String pendingId = this.pending.hold(state, platform.id(), claims.toString());
			return new AwaitingStorageCheck(pendingId, state, PlatformRegistrations.originOf(platform.authUrl()),
					login.storageTarget());
		}
		return new Accepted(message);
	}

	/** The cookie-less path: the browser read the state back from platform storage. */
	LaunchMessage confirm(String pendingId, String storedState) {
		if (blank(pendingId)) {
			throw new InvalidLaunch(Reason.MISSING_PARAMETER, "The launch confirmation has no launch id.");
		}
		PendingLaunches.Pending held = this.pending.release(pendingId, storedState)
			.orElseThrow(() -> new InvalidLaunch(Reason.WRONG_STATE,
					"The state in platform storage does not match this launch, or the launch was confirmed already "
							+ "or expired."));
		PlatformRegistration platform = this.registrations.find(held.platformId())
			.orElseThrow(() -> new InvalidLaunch(Reason.UNKNOWN_PLATFORM,
					"The platform this login was for is no longer registered."));
		LaunchMessage message;
		try {
			message = LaunchMessage.of(JWTClaimsSet.parse(held.claimsJson()), platform);
		}
		catch (java.text.ParseException ex) {
			throw new IllegalStateException(ex);
		}
		return message;
	}

	/** Records an accepted launch: who, from where, in which course and link. */
	void record(LaunchMessage message, LearnerId learner) {
		this.jdbc
			.sql("INSERT INTO lti_launch (platform_id, deployment_id, subject, learner_id, message_type, context_id, "
					+ "context_title, context_label, resource_link_id, app_role, launched_at) "
					+ "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(message.origin().platformId(), message.origin().deploymentId(), message.person().subject(),
					learner.value(), message.messageType(), message.context().id(),
					truncate(message.context().title(), 500), truncate(message.context().label(), 255),
					message.resourceLink().id(), LtiRoles.appRole(message.person().roles()).name(),
					Timestamp.from(Instant.now()))
			.update();
	}

	private PlatformRegistration platformFor(String issuer, String clientId) {
		if (!blank(clientId)) {
			return this.registrations.find(issuer, clientId)
				.orElseThrow(() -> new InvalidLaunch(Reason.UNKNOWN_PLATFORM, "No platform is registered with issuer '"
						+ issuer + "' and client id '" + clientId + "'. Register it under LTI platforms."));
		}
		List<PlatformRegistration> candidates = this.registrations.findByIssuer(issuer);
		if (candidates.isEmpty()) {
			throw new InvalidLaunch(Reason.UNKNOWN_PLATFORM,
					"No platform is registered with issuer '" + issuer + "'. Register it under LTI platforms.");
		}
		if (candidates.size() > 1) {
			throw new InvalidLaunch(Reason.MISSING_PARAMETER, "Several registrations share issuer '" + issuer
					+ "' and the login initiation sent no client_id to choose between them.");
		}
		return candidates.get(0);
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

	private static String truncate(String value, int max) {
		return (value == null || value.length() <= max) ? value : value.substring(0, max);
	}

	private static boolean constantTimeEquals(String a, String b) {
		return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
	}

}
