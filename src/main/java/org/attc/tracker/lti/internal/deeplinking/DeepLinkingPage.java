package org.attc.tracker.lti.internal.deeplinking;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.attc.tracker.lti.internal.ToolUrls;
import org.attc.tracker.lti.internal.platform.PlatformRegistrations;
import org.attc.tracker.lti.internal.security.LtiContentSecurityPolicy;
import org.attc.tracker.lti.internal.security.LoginStates;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Deep Linking 2.0: after a deep linking launch the teacher picks what to place in the
 * course; the answer goes back to the platform as a signed JWT, auto-posted to
 * {@code deep_link_return_url} (§4.5).
 */
@Controller
public class DeepLinkingPage {

	static final String SESSION_KEY = DeepLinkingPage.class.getName() + ".requests";

	/** The views a link can open, with their titles. */
	static final Map<String, String> VIEWS = Map.of("course-progress", "Course capability progress", "my-progress",
			"My capability progress");

	private final DeepLinkingResponses responses;

	private final ToolUrls urls;

	DeepLinkingPage(DeepLinkingResponses responses, ToolUrls urls) {
		this.responses = responses;
		this.urls = urls;
	}

	/**
	 * Keeps a deep linking request in the (new) session and fills the model for the
	 * picker.
	 * @return the view name
	 */
	public static String start(DeepLinkingRequest request, HttpSession session, Model model) {
		String id = LoginStates.randomToken();
		Map<String, DeepLinkingRequest> requests = requests(session);
		requests.put(id, request);
		session.setAttribute(SESSION_KEY, requests);
		model.addAttribute("deepLinkingId", id);
		model.addAttribute("acceptsLineItem", request.acceptsLineItem());
		return "lti/deep-link";
	}

	@PostMapping("/lti/deep-link/{id}")
	String respond(@PathVariable String id, @RequestParam(name = "view", required = false) List<String> views,
			@RequestParam(name = "grades", required = false) String grades, HttpServletRequest http, Model model) {
		Map<String, DeepLinkingRequest> requests = requests(http.getSession());
		DeepLinkingRequest request = requests.remove(id);
		http.getSession().setAttribute(SESSION_KEY, requests);
		if (request == null) {
			model.addAttribute("error", "This choice was sent already or has expired. Start again from the course.");
			return "lti/deep-link-gone";
		}
		List<DeepLinkingResponses.Item> items = new ArrayList<>();
		for (String view : (views == null) ? List.<String>of() : views) {
			if (VIEWS.containsKey(view)) {
				items.add(new DeepLinkingResponses.Item(view, VIEWS.get(view),
						"Progress against the Advanced Therapy Clinical Trials Capability Framework",
						(request.acceptsLineItem() && "yes".equals(grades) && view.equals("my-progress")) ? 100
								: null));
			}
		}
		String jwt = this.responses.sign(request, items, this.urls.launchUrl(http));
		// CSP form-action: this page may post to the platform's return URL, and only
		// there
		http.setAttribute(LtiContentSecurityPolicy.FORM_ACTION_ORIGIN,
				PlatformRegistrations.originOf(request.returnUrl()));
		model.addAttribute("returnUrl", request.returnUrl());
		model.addAttribute("jwt", jwt);
		model.addAttribute("count", items.size());
		return "lti/deep-link-response";
	}

	/**
	 * A copy of the session's pending requests: a change is stored only by setting the
	 * attribute again (the session lives in the database, and changing the object in
	 * place would reach neither it nor the other nodes).
	 */
	@SuppressWarnings("unchecked")
	private static Map<String, DeepLinkingRequest> requests(HttpSession session) {
		Object existing = session.getAttribute(SESSION_KEY);
		if (existing instanceof Map<?, ?> map) {
			return new HashMap<>((Map<String, DeepLinkingRequest>) map);
		}
		return new HashMap<>();
	}

}
