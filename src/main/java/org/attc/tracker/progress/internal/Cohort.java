package org.attc.tracker.progress.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.attc.tracker.crediting.CapabilityAttainment;
import org.attc.tracker.framework.CapabilityCatalogue;
import org.attc.tracker.framework.RoleProfile;
import org.attc.tracker.framework.PublishedFramework;
import org.attc.tracker.identity.LearnerProfile;
import org.attc.tracker.identity.Learners;
import org.attc.tracker.lti.CourseContexts;
import org.attc.tracker.shared.LearnerId;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;

/**
 * The learners a coordinator may see, narrowed by a filter, each with their attainment
 * now: what the matrix, the expiry lists and the readiness board are computed from.
 */
@Service
public class Cohort {

	private final ProgressScope scope;

	private final CohortAttainments attainments;

	private final CapabilityCatalogue catalogue;

	private final CourseContexts courses;

	private final Learners learners;

	private final CapabilityCache capabilityCache;

	Cohort(ProgressScope scope, CohortAttainments attainments, CapabilityCatalogue catalogue, CourseContexts courses,
			Learners learners, CapabilityCache capabilityCache) {
		this.capabilityCache = capabilityCache;
		this.courses = courses;
		this.learners = learners;
		this.scope = scope;
		this.attainments = attainments;
		this.catalogue = catalogue;
	}

	/** One learner and their standing per capability identifier. */
	public record Member(LearnerProfile learner, Map<String, CapabilityAttainment> attainment) {

		public String displayName() {
			return Cohort.displayName(this.learner);
		}

	}

	/** A learner's name as every cohort view shows it (and sorts by it). */
	public static String displayName(LearnerProfile learner) {
		return (learner.name() != null) ? learner.name()
				: (learner.email() != null) ? learner.email() : "Learner " + learner.id();
	}

	/**
	 * A cohort at one moment, with a capability directory for naming.
	 *
	 * @param frameworkId the framework the filter narrowed the capabilities to, or null
	 * @param matching how many learners passed the filter (members may be a page of them)
	 * @param jobRoles the job roles of every learner that passed the filter
	 */
	public record Snapshot(List<Member> members, Instant now, CapabilityDirectory capabilities, Long frameworkId,
			int matching, Set<String> jobRoles) {

		/** Whether a role profile counts under the filter's framework version. */
		public boolean counts(RoleProfile profile) {
			return this.frameworkId == null || profile.frameworkId() == this.frameworkId;
		}

	}

	/**
	 * The caller's learners that pass the organisation and role parts of the filter (the
	 * status part is applied by each view).
	 */
	public Snapshot of(Authentication caller, CohortFilter filter) {
		return of(caller, filter, UnaryOperator.identity());
	}

	/**
	 * As {@link #of(Authentication, CohortFilter)}, with attainment read only for the
	 * learners {@code only} keeps of those that pass the filter (a page of them, say).
	 */
	public Snapshot of(Authentication caller, CohortFilter filter, UnaryOperator<List<LearnerProfile>> only) {
		Instant now = Instant.now();
		Long frameworkId = frameworkId(filter);
		List<LearnerProfile> matching = learners(caller, filter);
		Set<String> jobRoles = new java.util.TreeSet<>();
		matching.forEach((l) -> jobRoles.addAll(l.jobRoles()));
		return new Snapshot(members(only.apply(matching), now), now, new CapabilityDirectory(this.capabilityCache),
				frameworkId, matching.size(), jobRoles);
	}

	/** These learners with their attainment at {@code now}, by name. */
	public List<Member> members(List<LearnerProfile> learners, Instant now) {
		Map<LearnerId, Set<String>> roles = new LinkedHashMap<>();
		Map<LearnerId, LearnerProfile> profiles = new LinkedHashMap<>();
		for (LearnerProfile learner : learners) {
			roles.put(learner.id(), learner.jobRoles());
			profiles.put(learner.id(), learner);
		}
		List<Member> members = new ArrayList<>();
		this.attainments.of(roles, now).forEach((id, list) -> {
			Map<String, CapabilityAttainment> byCapability = new LinkedHashMap<>();
			for (CapabilityAttainment a : list) {
				byCapability.put(a.capabilityIdentifier(), a);
			}
			members.add(new Member(profiles.get(id), byCapability));
		});
		members.sort(Comparator.comparing(Member::displayName, String.CASE_INSENSITIVE_ORDER));
		return members;
	}

	/**
	 * The caller's learners that pass the organisation, course and role parts of the
	 * filter, by record number, with no attainment read: for views that read attainment
	 * for some of them only.
	 */
	public List<LearnerProfile> learners(Authentication caller, CohortFilter filter) {
		List<LearnerProfile> learners = this.scope.cohort(caller,
				(filter.organisation() != null) ? Set.of(filter.organisation()) : Set.of());
		if (filter.course() != null) {
			Set<LearnerId> inCourse = new HashSet<>();
			this.courses.learnersIn(filter.course()).forEach((l) -> inCourse.add(this.learners.current(l)));
			learners = learners.stream().filter((l) -> inCourse.contains(l.id())).toList();
		}
		return learners.stream().filter((l) -> filter.role() == null || l.jobRoles().contains(filter.role())).toList();
	}

	/**
	 * Whether the learners {@link #learners} gives for this filter can only be every
	 * learner of the network, as far as standings go (an administrator or programme lead
	 * asking for no organisation and no course; a job role narrows the profiles, which
	 * the standings are then read by): such a view reads the standings in one pass, not
	 * learner by learner.
	 */
	public boolean wholeNetwork(Authentication caller, CohortFilter filter) {
		return filter.organisation() == null && filter.course() == null && this.scope.isNational(caller);
	}

	/** Capability codes, titles and tier names, for a view that names capabilities. */
	public CapabilityDirectory capabilities() {
		return new CapabilityDirectory(this.capabilityCache);
	}

	private Long frameworkId(CohortFilter filter) {
		if (filter.framework() == null) {
			return null;
		}
		return this.catalogue.publishedFrameworks()
			.stream()
			.filter((f) -> f.versionId() == filter.framework())
			.map(PublishedFramework::frameworkId)
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException(
					"framework: must be the current version of a published framework, as listed"));
	}

	/**
	 * The courses the caller's learners launched from, for the course filter.
	 * @param cohort the caller's learners when already looked up, else null
	 */
	public List<CourseContexts.Course> courses(Authentication caller, List<LearnerProfile> cohort) {
		if (cohort == null && wholeNetwork(caller, CohortFilter.NONE)) {
			return this.courses.coursesOfEveryone();
		}
		List<LearnerProfile> learners = (cohort != null) ? cohort : this.scope.cohort(caller, Set.of());
		return this.courses.coursesOf(learners.stream().map(LearnerProfile::id).toList());
	}

	/** Published frameworks and their current versions, for the framework filter. */
	public List<PublishedFramework> frameworks() {
		return this.catalogue.publishedFrameworks();
	}

	/** The role profiles of these job role codes, in every published framework. */
	public List<RoleProfile> roleProfiles(java.util.Collection<String> codes) {
		return this.capabilityCache.roleProfiles(codes);
	}

}
