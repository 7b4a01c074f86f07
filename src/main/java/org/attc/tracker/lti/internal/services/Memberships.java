package org.attc.tracker.lti.internal.services;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.attc.tracker.lti.internal.platform.PlatformRegistration;
import org.attc.tracker.lti.internal.platform.PlatformRegistrations;
import org.attc.tracker.lti.internal.security.PlatformHttp;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Names and Role Provisioning Services 2.0: a course's members, page by page following
 * {@code Link: <…>; rel="next"} (§2.4.2), only on the membership service's own origin.
 */
@Component
public class Memberships {

	static final String SCOPE = "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly";

	static final String CONTAINER_TYPE = "application/vnd.ims.lti-nrps.v2.membershipcontainer+json";

	private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;[^,]*rel=\"?next\"?");

	private static final int MAX_PAGES = 500;

	private static final JsonMapper json = JsonMapper.builder().build();

	private final PlatformHttp http;

	private final PlatformTokens tokens;

	Memberships(PlatformHttp http, PlatformTokens tokens) {
		this.http = http;
		this.tokens = tokens;
	}

	/**
	 * One member of a course.
	 *
	 * @param userId the platform's user id (as {@code sub} in launches)
	 * @param name full name, may be {@code null}
	 * @param email e-mail, may be {@code null}
	 * @param roles role URIs or short names (Moodle answers {@code Learner})
	 * @param status Active, Inactive or Deleted
	 */
	public record Member(String userId, String name, String email, List<String> roles, String status) {
	}

	/**
	 * All members of the course behind this membership URL.
	 * @throws ServiceCallFailed when the platform refuses or cannot be reached
	 */
	public List<Member> members(PlatformRegistration platform, String membershipsUrl) {
		String origin = PlatformRegistrations.originOf(membershipsUrl);
		List<Member> members = new ArrayList<>();
		String url = membershipsUrl;
		for (int page = 0; url != null; page++) {
			if (page >= MAX_PAGES) {
				throw new ServiceCallFailed(0, "The roster has more than " + MAX_PAGES + " pages.");
			}
			String token = this.tokens.accessToken(platform, Set.of(SCOPE));
			PlatformHttp.Answer answer;
			try {
				answer = this.http.get(url, Map.of("Accept", CONTAINER_TYPE, "Authorization", "Bearer " + token));
			}
			catch (PlatformHttp.PlatformUnreachable ex) {
				throw new ServiceCallFailed(0, ex.getMessage());
			}
			if (!answer.ok()) {
				throw new ServiceCallFailed(answer.status(), "The membership service " + url + " answered HTTP "
						+ answer.status() + ": " + ServiceCallFailed.abbreviate(answer.body()));
			}
			JsonNode container = json.readTree(answer.body());
			for (JsonNode member : container.path("members")) {
				String userId = member.path("user_id").asString(null);
				if (userId == null) {
					continue;
				}
				List<String> roles = new ArrayList<>();
				member.path("roles").forEach((role) -> roles.add(role.asString("")));
				members.add(new Member(userId, member.path("name").asString(null), member.path("email").asString(null),
						roles, member.path("status").asString("Active")));
			}
			url = next(answer, origin);
		}
		return members;
	}

	private static String next(PlatformHttp.Answer answer, String origin) {
		for (String link : answer.headers().allValues("Link")) {
			Matcher matcher = NEXT.matcher(link);
			if (matcher.find()) {
				String next = matcher.group(1);
				// never let a page send the tool (and its token) to another host
				if (!PlatformRegistrations.originOf(next).equals(origin)) {
					throw new ServiceCallFailed(0, "The roster's next page " + next + " is on another origin.");
				}
				return next;
			}
		}
		return null;
	}

}
