package org.attc.tracker.lti.internal.launch;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.attc.tracker.identity.AppRole;
import org.attc.tracker.identity.LaunchFraming;
import org.attc.tracker.lti.LaunchedUser;
import org.attc.tracker.lti.internal.LtiProperties;
import org.attc.tracker.lti.internal.ToolUrls;
import org.attc.tracker.lti.internal.deeplinking.DeepLinkingPage;
import org.attc.tracker.lti.internal.deeplinking.DeepLinkingRequest;
import org.attc.tracker.lti.internal.security.InvalidLaunch;
import org.attc.tracker.lti.internal.security.LaunchMessage;
import org.attc.tracker.lti.internal.security.LoginStates;
import org.attc.tracker.lti.internal.grades.GradePublishing;
import org.attc.tracker.lti.internal.platform.PlatformRegistrations;
import org.attc.tracker.lti.internal.services.PlatformUsers;
import org.attc.tracker.lti.internal.services.RosterSync;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.view.RedirectView;

/**
 * The two steps a platform drives: the OIDC third-party initiated login
 * ({@code /lti/login}, GET or POST: Security Framework §5.1.1.1) and the launch
 * ({@code POST /lti/launch}, the redirect URI: §5.1.1.3), plus the cookie-less
 * confirmation through platform storage.
 */
@Controller
class LaunchEndpoints {

	private static final Log logger = LogFactory.getLog(LaunchEndpoints.class);

	static final String STATE_COOKIE_PREFIX = "lti_state_";

	private final Launches launches;

	private final LaunchSessions sessions;

	private final ToolUrls urls;

	private final LtiProperties properties;

	private final RosterSync rosters;

	private final PlatformUsers users;

	private final GradePublishing grades;

	private final LtiHome home;

	private final PlatformRegistrations registrations;

	LaunchEndpoints(Launches launches, LaunchSessions sessions, ToolUrls urls, LtiProperties properties,
			RosterSync rosters, PlatformUsers users, GradePublishing grades, LtiHome home,
			PlatformRegistrations registrations) {
		this.registrations = registrations;
		this.rosters = rosters;
		this.home = home;
		this.users = users;
		this.grades = grades;
		this.launches = launches;
		this.sessions = sessions;
		this.urls = urls;
		this.properties = properties;
	}

	@RequestMapping(path = "/lti/login", method = { RequestMethod.GET, RequestMethod.POST })
	ModelAndView login(@RequestParam(name = "iss", required = false) String issuer,
			@RequestParam(name = "login_hint", required = false) String loginHint,
			@RequestParam(name = "target_link_uri", required = false) String targetLinkUri,
			@RequestParam(name = "lti_message_hint", required = false) String messageHint,
			@RequestParam(name = "client_id", required = false) String clientId,
			@RequestParam(name = "lti_deployment_id", required = false) String deploymentId,
			@RequestParam(name = "lti_storage_target", required = false) String storageTarget,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		Launches.LoginRedirect redirect = this.launches.login(new Launches.LoginRequest(issuer, loginHint,
				targetLinkUri, messageHint, clientId, deploymentId, storageTarget), this.urls.launchUrl(request));
		// the state cookie binds the state to this browser; SameSite=None because the
		// launch is a cross-site POST from the platform, Partitioned (CHIPS) so that
		// browsers that block third-party cookies still keep it inside the LMS's iframe
		response.addHeader(HttpHeaders.SET_COOKIE,
				STATE_COOKIE_PREFIX + cookieSuffix(redirect.state()) + "=" + redirect.state() + "; Path=/lti; Max-Age="
						+ this.properties.loginStateTtl().toSeconds()
						+ "; HttpOnly; Secure; SameSite=None; Partitioned");
		if (redirect.storageTarget() == null) {
			return new ModelAndView(authRedirect(redirect.authRequest()));
		}
		// LTI Client Side postMessages (Platform Storage): keep the state in the
		// platform's
		// frame too, in case the cookie does not survive, then go to the platform
		model.addAttribute("redirect", redirect);
		return new ModelAndView("lti/storage-login", model.asMap());
	}

	/**
	 * A plain 302 to the finished, encoded URI: no URI template expansion (a "redirect:"
	 * view reads braces as URI variables) and no model attributes appended.
	 */
	private static RedirectView authRedirect(String uri) {
		RedirectView view = new RedirectView(uri);
		view.setExpandUriTemplateVariables(false);
		view.setExposeModelAttributes(false);
		view.setPropagateQueryParams(false);
		return view;
	}

	@RequestMapping(path = "/lti/launch", method = RequestMethod.POST)
	String launch(@RequestParam(name = "id_token", required = false) String idToken,
			@RequestParam(name = "state", required = false) String state, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		String cookie = (state == null) ? null : stateCookie(request, state);
		Launches.Outcome outcome = this.launches.launch(idToken, state, cookie);
		if (cookie != null) {
			response.addHeader(HttpHeaders.SET_COOKIE, STATE_COOKIE_PREFIX + cookieSuffix(state)
					+ "=; Path=/lti; Max-Age=0; HttpOnly; Secure; SameSite=None; Partitioned");
		}
		if (outcome instanceof Launches.AwaitingStorageCheck check) {
			model.addAttribute("check", check);
			return "lti/storage-check";
		}
		return land(((Launches.Accepted) outcome).message(), request, response, model);
	}

	@RequestMapping(path = "/lti/launch/confirm", method = RequestMethod.POST)
	String confirm(@RequestParam(name = "launch", required = false) String pendingId,
			@RequestParam(name = "state", required = false) String storedState, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		return land(this.launches.confirm(pendingId, storedState), request, response, model);
	}

	private String land(LaunchMessage message, HttpServletRequest request, HttpServletResponse response, Model model) {
		LaunchedUser user = this.sessions.userOf(message);
		this.launches.record(message, user.learnerId());
		this.sessions.signIn(user, request, response);
		// every page this session may see can be shown in this platform's frame, and
		// only in its frame (besides the configured ancestors)
		LaunchFraming.allow(request.getSession(), this.registrations.origins(message.origin().platformId()));
		remember(message, user);
		// NRPS: a teacher's launch refreshes the course roster, in the background
		if (user.appRole() == AppRole.COORDINATOR && message.services().membershipsUrl() != null
				&& message.context().id() != null) {
			this.rosters.syncLater(message.origin().platformId(), message.context().id(),
					message.services().membershipsUrl());
		}
		if (message.deepLinking()) {
			return DeepLinkingPage.start(
					new DeepLinkingRequest(message.origin().issuer(), message.origin().clientId(),
							message.origin().deploymentId(), message.deepLinkSettings().returnUrl(),
							message.deepLinkSettings().data(), message.deepLinkSettings().acceptsLineItem()),
					request.getSession(), model);
		}
		logger.info("LTI launch accepted: " + message.messageType() + " from " + message.origin().issuer()
				+ " deployment " + message.origin().deploymentId() + " as " + user.appRole());
		return this.home.render(user, message, request.getSession(),
				org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication(),
				model);
	}

	/**
	 * What later grades and rosters need: who the user is on this platform, the course
	 * and its membership service, the link and its line item. A failure here is logged
	 * and never spoils the launch.
	 */
	private void remember(LaunchMessage message, LaunchedUser user) {
		try {
			this.users.remember(message.origin().platformId(), message.person().subject(), user.learnerId());
			if (message.context().id() != null) {
				this.rosters.rememberCourse(message.origin().platformId(), message.context().id(),
						message.context().title(), message.services().membershipsUrl());
			}
			this.grades.launched(message, user.learnerId());
		}
		catch (RuntimeException ex) {
			logger
				.warn("Could not record the launch's link, course or user for grades and rosters: " + ex.getMessage());
		}
	}

	@ExceptionHandler
	String refused(InvalidLaunch ex, HttpServletResponse response, Model model) {
		logger.warn("LTI launch refused (" + ex.reason() + "): " + ex.getMessage());
		response.setStatus(400);
		model.addAttribute("reason", ex.reason());
		model.addAttribute("detail", ex.getMessage());
		return "lti/launch-error";
	}

	private static String stateCookie(HttpServletRequest request, String state) {
		if (request.getCookies() == null) {
			return null;
		}
		String name = STATE_COOKIE_PREFIX + cookieSuffix(state);
		for (Cookie cookie : request.getCookies()) {
			if (cookie.getName().equals(name)) {
				return cookie.getValue();
			}
		}
		return null;
	}

	/**
	 * One cookie per login, so launches in two iframes at once do not clobber each other.
	 */
	static String cookieSuffix(String state) {
		return LoginStates.hash(state).substring(0, 16);
	}

}
