package org.attc.tracker.lti.internal.registration;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.attc.tracker.lti.internal.ToolUrls;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /lti/register}: the URL a platform administrator gives the platform (Moodle:
 * "Tool URL" under Manage tools). The platform opens it in a frame or window with
 * {@code openid_configuration} and {@code registration_token}; the page shows what was
 * registered and closes the platform's dialog with the {@code org.imsglobal.lti.close}
 * postMessage (Dynamic Registration §3.7).
 */
@Controller
class RegistrationPage {

	private static final Log logger = LogFactory.getLog(RegistrationPage.class);

	private final DynamicRegistration registration;

	private final ToolUrls urls;

	RegistrationPage(DynamicRegistration registration, ToolUrls urls) {
		this.registration = registration;
		this.urls = urls;
	}

	@GetMapping("/lti/register")
	String register(@RequestParam(name = "openid_configuration", required = false) String openidConfiguration,
			@RequestParam(name = "registration_token", required = false) String registrationToken,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		if (openidConfiguration == null || openidConfiguration.isBlank()) {
			response.setStatus(400);
			model.addAttribute("error",
					"This address is for LTI Dynamic Registration: give it to your learning platform (in Moodle: "
							+ "Site administration, Plugins, Activity modules, External tool, Manage tools, Tool URL). "
							+ "It was opened without the platform's openid_configuration parameter.");
			return "lti/registration-failed";
		}
		try {
			DynamicRegistration.Registered registered = this.registration.register(openidConfiguration,
					registrationToken, new DynamicRegistration.ToolEndpoints(this.urls.base(request),
							this.urls.loginUrl(request), this.urls.launchUrl(request), this.urls.jwksUrl(request)));
			logger.info("LTI dynamic registration: " + registered.platform().issuer() + " client "
					+ registered.platform().clientId());
			model.addAttribute("registered", registered);
			return "lti/registered";
		}
		catch (DynamicRegistration.RegistrationFailed ex) {
			logger.warn("LTI dynamic registration failed: " + ex.getMessage());
			response.setStatus(400);
			model.addAttribute("error", ex.getMessage());
			return "lti/registration-failed";
		}
	}

}
