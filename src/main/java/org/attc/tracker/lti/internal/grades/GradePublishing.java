package org.attc.tracker.lti.internal.grades;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.attc.tracker.crediting.AttainmentChanged;
import org.attc.tracker.crediting.AttainmentStatus;
import org.attc.tracker.crediting.Attainments;
import org.attc.tracker.crediting.CapabilityAttainment;
import org.attc.tracker.crediting.CreditingRoute;
import org.attc.tracker.crediting.CreditingRoutes;
import org.attc.tracker.identity.AppRole;
import org.attc.tracker.identity.Learners;
import org.attc.tracker.lti.internal.platform.PlatformRegistration;
import org.attc.tracker.lti.internal.platform.PlatformRegistrations;
import org.attc.tracker.lti.internal.security.LaunchMessage;
import org.attc.tracker.lti.internal.security.LtiRoles;
import org.attc.tracker.lti.internal.services.PlatformUsers;
import org.attc.tracker.shared.LearnerId;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Grades back (AGS 2.0): when learners' attainment changes, every line item of a course
 * mapped to that capability gets the learner's score queued, if the learner is known on
 * that platform. The score is how many of the course's mapped capabilities the learner
 * holds at the required tier. Runs after crediting commits (a durable module listener),
 * and only queues: sending is {@link ScoreSender}'s.
 */
@Component
public class GradePublishing {

	static final String COMPLETED = "Completed";

	static final String IN_PROGRESS = "InProgress";

	static final String INITIALIZED = "Initialized";

	/**
	 * AGS §3.4.6: FullyGraded means the score is final for now. Always so, because the
	 * attainment is exact when computed, and Moodle drops scoreGiven of any score that is
	 * not FullyGraded (its gradebook would lose a partial result).
	 */
	static final String FULLY_GRADED = "FullyGraded";

	private final CreditingRoutes routes;

	private final Attainments attainments;

	private final Learners learners;

	private final PlatformUsers users;

	private final PlatformRegistrations registrations;

	private final ResourceLinks links;

	private final ScoreDeliveries deliveries;

	GradePublishing(CreditingRoutes routes, Attainments attainments, Learners learners, PlatformUsers users,
			PlatformRegistrations registrations, ResourceLinks links, ScoreDeliveries deliveries) {
		this.routes = routes;
		this.attainments = attainments;
		this.learners = learners;
		this.users = users;
		this.registrations = registrations;
		this.links = links;
		this.deliveries = deliveries;
	}

	/** An LMS course, as crediting's mappings name it. */
	record Course(String issuer, String contextId) {
	}

	@ApplicationModuleListener
	void on(AttainmentChanged changed) {
		Map<Course, Set<String>> courses = coursesByCapability();
		Set<String> graded = new HashSet<>();
		courses.values().forEach(graded::addAll);
		// each learner once, with the capabilities of theirs that changed
		Map<LearnerId, Set<String>> byLearner = new LinkedHashMap<>();
		for (AttainmentChanged.Change change : changed.changes()) {
			if (graded.contains(change.capabilityIdentifier())) {
				byLearner.computeIfAbsent(change.learner(), (l) -> new HashSet<>()).add(change.capabilityIdentifier());
			}
		}
		byLearner.forEach((learner, capabilities) -> grade(this.learners.current(learner), capabilities, courses));
	}

	/** Queues the learner's score on every course mapped to any of the capabilities. */
	private void grade(LearnerId learner, Set<String> capabilities, Map<Course, Set<String>> courses) {
		Standing standing = new Standing(learner);
		for (PlatformUsers.PlatformUser user : this.users.of(learner)) {
			PlatformRegistration platform = this.registrations.find(user.platformId()).orElse(null);
			if (platform == null) {
				continue;
			}
			for (Map.Entry<Course, Set<String>> course : courses.entrySet()) {
				if (!Collections.disjoint(course.getValue(), capabilities)
						&& CreditingRoutes.sameIssuer(course.getKey().issuer(), platform.issuer())) {
					queue(platform, course.getKey().contextId(), course.getValue(), user.subject(), standing);
				}
			}
		}
	}

	/**
	 * A launch: remembers the link and its line item, and queues the learner's current
	 * score on it, so a grade shows before their attainment next changes.
	 */
	public void launched(LaunchMessage message, LearnerId learner) {
		this.links.record(message);
		// a teacher's launch records the link; Moodle would refuse a teacher's score
		// (400)
		if (message.deepLinking() || message.context().id() == null || message.services().agsLineItem() == null
				|| LtiRoles.appRole(message.person().roles()) != AppRole.LEARNER) {
			return;
		}
		Set<String> capabilities = coursesByCapability()
			.get(new Course(withoutSlash(message.origin().issuer()), message.context().id()));
		if (capabilities == null) {
			return;
		}
		PlatformRegistration platform = this.registrations.find(message.origin().platformId()).orElse(null);
		if (platform != null) {
			queue(platform, message.context().id(), capabilities, message.person().subject(),
					new Standing(this.learners.current(learner)));
		}
	}

	private void queue(PlatformRegistration platform, String contextId, Set<String> capabilities, String subject,
			Standing standing) {
		List<ResourceLinks.ResourceLink> graded = this.links.withLineItem(platform.id(), contextId)
			.stream()
			.filter(ResourceLinks.ResourceLink::canScore)
			.toList();
		if (graded.isEmpty()) {
			return;
		}
		for (ResourceLinks.ResourceLink link : graded) {
			// a link mapped on its own grades its own capabilities; otherwise the
			// course's
			Set<String> linked = new LinkedHashSet<>();
			this.routes.ofLink(platform.issuer(), contextId, link.resourceLinkId())
				.forEach((r) -> linked.add(r.capabilityIdentifier()));
			if (linked.isEmpty()) {
				continue;
			}
			Result result = Result.of(linked, standing.attainment());
			this.deliveries.enqueue(link.id(), subject, standing.learner.value(), result.held(), result.linked(),
					result.activityProgress(), FULLY_GRADED);
		}
	}

	/** A learner's attainment, read once and only when a score needs it. */
	private final class Standing {

		private final LearnerId learner;

		private Map<String, CapabilityAttainment> attainment;

		Standing(LearnerId learner) {
			this.learner = learner;
		}

		Map<String, CapabilityAttainment> attainment() {
			if (this.attainment == null) {
				this.attainment = new LinkedHashMap<>();
				for (CapabilityAttainment a : GradePublishing.this.attainments.forLearner(this.learner)) {
					this.attainment.put(a.capabilityIdentifier(), a);
				}
			}
			return this.attainment;
		}

	}

	/**
	 * A learner's standing on a course's capabilities.
	 *
	 * @param held capabilities held at the required tier (achieved or expiring)
	 * @param linked capabilities the course is mapped to
	 * @param activityProgress Completed when all are held, InProgress when any has
	 * evidence or attempts, else Initialized (AGS §3.4.5)
	 */
	record Result(int held, int linked, String activityProgress) {

		static Result of(Set<String> capabilities, Map<String, CapabilityAttainment> attainment) {
			int held = 0;
			boolean started = false;
			for (String capability : capabilities) {
				CapabilityAttainment a = attainment.get(capability);
				AttainmentStatus status = (a != null) ? a.status() : AttainmentStatus.NOT_STARTED;
				if (status == AttainmentStatus.ACHIEVED || status == AttainmentStatus.EXPIRING) {
					held++;
				}
				started |= status != AttainmentStatus.NOT_STARTED;
			}
			String progress = (held == capabilities.size()) ? COMPLETED : started ? IN_PROGRESS : INITIALIZED;
			return new Result(held, capabilities.size(), progress);
		}

	}

	/** The LMS courses crediting maps, each with the capabilities it credits. */
	private Map<Course, Set<String>> coursesByCapability() {
		Map<Course, Set<String>> courses = new LinkedHashMap<>();
		for (CreditingRoute route : this.routes.all()) {
			if ("lms_course".equals(route.match()) && route.platformIssuer() != null) {
				courses
					.computeIfAbsent(new Course(withoutSlash(route.platformIssuer()), route.target()),
							(c) -> new LinkedHashSet<>())
					.add(route.capabilityIdentifier());
			}
		}
		return courses;
	}

	private static String withoutSlash(String issuer) {
		return issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
	}

}
