package org.attc.tracker.lti.internal.services;

import java.util.List;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The courses launches came from and "refresh roster now": administrators for any course,
 * a launched teacher for their own (see {@link CourseRosterRefresh}); problem JSON on
 * errors ({@code LtiApiProblems}).
 */
@RestController
class CourseRosterApi {

	private final CourseRosterRefresh refresh;

	CourseRosterApi(CourseRosterRefresh refresh) {
		this.refresh = refresh;
	}

	@GetMapping("/api/lti/courses")
	List<CourseRosterRefresh.Course> courses(Authentication caller) {
		return this.refresh.courses(caller);
	}

	/** NRPS now: answers the number of members fetched. */
	@PostMapping("/api/lti/courses/roster-refresh")
	CourseRosterRefresh.Refreshed refresh(@RequestBody(required = false) RefreshRequest body, Authentication caller) {
		RefreshRequest request = (body != null) ? body : new RefreshRequest(null, null);
		return this.refresh.refresh(caller, request.platformId(), request.contextId());
	}

	record RefreshRequest(Long platformId, String contextId) {
	}

}
