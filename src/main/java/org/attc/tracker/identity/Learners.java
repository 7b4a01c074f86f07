package org.attc.tracker.identity;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.attc.tracker.identity.internal.learner.CourseMembership;
import org.attc.tracker.identity.internal.learner.LearnerDirectory;
import org.attc.tracker.identity.internal.learner.LearnerResolution;
import org.attc.tracker.identity.internal.learner.LearnerRoster;
import org.attc.tracker.identity.internal.learner.LearnerSearch;
import org.attc.tracker.identity.internal.learner.Placements;
import org.attc.tracker.shared.AgentIdentifier;
import org.attc.tracker.shared.LearnerId;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;

/**
 * Every statement actor and every LTI user resolves to exactly one learner, created on
 * first sight and linked to an existing one where a rule says it is the same person (see
 * {@link LinkRule}).
 */
@Service
public class Learners {

	private final LearnerResolution resolution;

	private final LearnerDirectory directory;

	private final LearnerRoster roster;

	private final CourseMembership courses;

	private final Placements placements;

	private final LearnerSearch search;

	Learners(LearnerResolution resolution, LearnerDirectory directory, LearnerRoster roster, CourseMembership courses,
			Placements placements, LearnerSearch search) {
		this.search = search;
		this.courses = courses;
		this.placements = placements;
		this.resolution = resolution;
		this.directory = directory;
		this.roster = roster;
	}

	/**
	 * The organisations a staff member may see: all for an administrator, a coordinator's
	 * own trusts and sites (a trust with its sites).
	 * @throws org.springframework.security.access.AccessDeniedException for anyone else
	 */
	public List<OrganisationSummary> organisationsVisibleTo(Authentication caller) {
		return this.roster.organisationsVisibleTo(caller);
	}

	/**
	 * The learners (not merged away) a staff member may see, optionally only those of
	 * some organisations (a trust's code includes its sites), ordered by id.
	 * @param caller the signed-in staff member
	 * @param organisationCodes codes to narrow to; empty or null for all visible ones
	 * @throws org.springframework.security.access.AccessDeniedException for anyone but
	 * administrators and coordinators
	 */
	public List<LearnerProfile> learnersVisibleTo(Authentication caller,
			java.util.Collection<String> organisationCodes) {
		return this.roster.learnersVisibleTo(caller, organisationCodes);
	}

	/**
	 * The job role codes held by the learners a staff member may see, in order.
	 * @throws org.springframework.security.access.AccessDeniedException as for
	 * {@link #learnersVisibleTo}
	 */
	public List<String> jobRolesVisibleTo(Authentication caller) {
		return this.roster.jobRolesVisibleTo(caller);
	}

	/**
	 * The learners (not merged away) a staff member may see who hold any of these job
	 * roles, by record number, each with all their job roles.
	 * @throws org.springframework.security.access.AccessDeniedException as for
	 * {@link #learnersVisibleTo}
	 */
	public Map<LearnerId, java.util.Set<String>> learnersWithJobRoles(Authentication caller,
			java.util.Collection<String> jobRoles) {
		return this.roster.learnersWithJobRoles(caller, jobRoles);
	}

	/**
	 * The first 50 learners (by record number) a staff member may see whom {@code text}
	 * finds, as the learners list searches: the start of a name or of any word of it, of
	 * an e-mail address or an identifier's label (any case), or a record number. Chosen
	 * in SQL, each through its own index.
	 */
	public List<LearnerProfile> search(Authentication caller, String text) {
		return profiles(this.search.find(caller, text, null).rows().stream().map(LearnerSearch.Row::id).toList());
	}

	/** These learners' profiles (those not merged away), by record number. */
	public List<LearnerProfile> profiles(java.util.Collection<Long> learners) {
		return learners.isEmpty() ? List.of() : this.roster.profiles(learners);
	}

	/** The learner an xAPI actor (Agent) is, created on first sight. */
	public LearnerId resolveActor(AgentIdentifier identifier, String name) {
		return this.resolution.resolveActor(identifier, name);
	}

	/**
	 * The current learners (merges followed) of many xAPI actors (Agents), each created
	 * on first sight as {@link #resolveActor} does: one query for the actors already
	 * known, one transaction for the others.
	 * @param actors each identifier with the name the statement gave (null for none)
	 * @return the learner of every identifier
	 */
	public Map<AgentIdentifier, LearnerId> resolveActors(Map<AgentIdentifier, String> actors) {
		return this.resolution.resolveActors(actors);
	}

	/**
	 * The learner an LTI launch's user is, created on first sight, and placed in
	 * organisations and job roles by the rules (the platform's or deployment's default,
	 * what the launch claims, the rules of their courses) unless a coordinator chose
	 * them.
	 */
	public LearnerId resolveLtiUser(LtiUser user) {
		LearnerId learner = this.resolution.resolveLtiUser(user);
		this.placements.arrived(learner, user.issuer(), user.deploymentId(), user.organisationCode(), user.jobRoles());
		return learner;
	}

	/**
	 * The actors of statements an LRS client stored (created on first sight as
	 * {@link #resolveActors} does) join the client's organisation, unless something
	 * stronger (a coordinator, a course, a launch, a platform or deployment default)
	 * places them.
	 * @param organisation the client's organisation code
	 */
	public void placeActorsOfLrsClient(Map<AgentIdentifier, String> actors, String clientKey, String clientName,
			String organisation) {
		java.util.Set<LearnerId> placed = new java.util.LinkedHashSet<>(this.resolution.resolveActors(actors).values());
		for (LearnerId learner : placed) {
			this.placements.arrivedThroughLrsClient(learner, clientKey, organisation);
		}
	}

	/** The learner already known by this identifier, if any; creates nothing. */
	public Optional<LearnerId> find(AgentIdentifier identifier) {
		return this.resolution.find(identifier);
	}

	/** The learner's profile; a learner merged into another answers the survivor's. */
	public Optional<LearnerProfile> profile(LearnerId learner) {
		return this.directory.profile(learner);
	}

	/**
	 * The xAPI identifiers (mbox, mbox_sha1sum, openid, account) the learner is known by.
	 */
	public List<AgentIdentifier> agentIdentifiers(LearnerId learner) {
		return this.directory.agentIdentifiers(learner);
	}

	/**
	 * Whether the caller may see the learner's records: an administrator always, a
	 * coordinator for learners of their organisations, a learner only their own.
	 */
	public boolean canSee(Authentication caller, LearnerId learner) {
		return this.directory.canSee(caller, current(learner));
	}

	/**
	 * Whether the learner (merges followed) is in the organisation, a trust including its
	 * sites: what an organisation's own mapping may credit.
	 */
	public boolean inOrganisation(LearnerId learner, String organisationCode) {
		return this.directory.inOrganisation(current(learner), organisationCode);
	}

	/** The learner that {@code learner} now is: itself, or the survivor of a merge. */
	public LearnerId current(LearnerId learner) {
		return this.directory.current(learner);
	}

	/**
	 * Records that a learner is in an LMS course (seen at a launch, or on the platform's
	 * roster): a teacher who arrives by LTI sees the course's members.
	 * @param teaching whether they teach it (teachers are not counted as its learners)
	 * @param source {@code launch} or {@code roster}
	 */
	public void recordCourseMember(LearnerId learner, String issuer, String contextId, boolean teaching,
			String source) {
		this.courses.record(learner, issuer, contextId, teaching, source);
		// a course's rule places its learners
		this.placements.placeNow(current(learner));
	}

	/**
	 * How many learners (merges followed) hold no organisation: shown to administrators
	 * and programme leads, who see them as "No organisation"; null for anyone else.
	 */
	public Long unassignedCount(Authentication caller) {
		return this.roster.unassignedCount(caller);
	}

	/** The learners (merges followed, teachers left out) known to be in an LMS course. */
	public List<LearnerId> courseMembers(String issuer, String contextId) {
		return this.courses.members(issuer, contextId).stream().map(LearnerId::new).toList();
	}

	/**
	 * Current learners who have a job role (so their role profiles may require
	 * capabilities), {@code limit} at a time by id after {@code afterId}: for the
	 * service's own work on every learner, such as expiry reminders. Not scoped to a
	 * caller; never answer a request with it.
	 */
	public List<LearnerProfile> withJobRoles(long afterId, int limit) {
		return this.roster.withJobRoles(afterId, limit);
	}

	/** Every organisation (trusts and sites); not scoped to a caller. */
	public List<OrganisationSummary> allOrganisations() {
		return this.roster.allOrganisations();
	}

}
