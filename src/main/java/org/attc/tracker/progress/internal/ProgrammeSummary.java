package org.attc.tracker.progress.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.attc.tracker.identity.LearnerProfile;
import org.attc.tracker.identity.OrganisationSummary;
import org.attc.tracker.framework.RoleProfile;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;

/**
 * The national picture (an administrator sees every organisation, a coordinator their
 * own): coverage of required capabilities per organisation, per domain and per role
 * profile, and a league of organisations by the share of staff who fully meet their
 * profiles.
 */
@Service
public class ProgrammeSummary {

	private final Cohort cohort;

	private final ProgressScope scope;

	private final CohortAttainments attainments;

	private final CapabilityCache capabilities;

	ProgrammeSummary(Cohort cohort, ProgressScope scope, CohortAttainments attainments, CapabilityCache capabilities) {
		this.cohort = cohort;
		this.scope = scope;
		this.attainments = attainments;
		this.capabilities = capabilities;
	}

	/**
	 * @param key organisation code, domain title or role profile code
	 * @param name what people read
	 * @param learners learners counted
	 * @param fullyMeeting learners who hold every capability their profiles ask for
	 * @param held required capability-learner pairs held now
	 * @param required required capability-learner pairs
	 */
	public record Coverage(String key, String name, int learners, int fullyMeeting, int held, int required) {

		public int percentHeld() {
			return (this.required == 0) ? 0 : (int) Math.round(100.0 * this.held / this.required);
		}

		public int percentMeeting() {
			return (this.learners == 0) ? 0 : (int) Math.round(100.0 * this.fullyMeeting / this.learners);
		}

	}

	public record Summary(int learners, List<Coverage> organisations, List<Coverage> domains, List<Coverage> roles,
			Instant generatedAt) {
	}

	public Summary of(Authentication caller) {
		return of(caller, Instant.now());
	}

	/**
	 * The summary at {@code now}: crediting's standings of the caller's learners, counted
	 * against the role profiles of their current job roles.
	 */
	public Summary of(Authentication caller, Instant now) {
		List<LearnerProfile> learners = this.scope.cohort(caller, Set.of());
		Map<String, String> orgNames = ProgressScope.namesByCode(this.scope.organisations(caller));
		Map<Long, Map<String, Integer>> held = this.attainments.heldTiers(
				learners.stream().map((l) -> l.id().value()).toList(),
				this.cohort.wholeNetwork(caller, CohortFilter.NONE), now);
		Map<String, String> roleNames = new HashMap<>();
		Set<String> allRoles = new TreeSet<>();
		learners.forEach((l) -> allRoles.addAll(l.jobRoles()));
		this.cohort.roleProfiles(allRoles).forEach((p) -> roleNames.putIfAbsent(p.code(), p.name()));
		Map<Set<String>, LearnerCoverage.Rule> rules = new HashMap<>();
		Map<String, String> domainTitles = new HashMap<>();
		Map<String, int[]> byOrg = new TreeMap<>();
		Map<String, int[]> byDomain = new TreeMap<>();
		Map<String, int[]> byRole = new TreeMap<>();
		for (LearnerProfile learner : learners) {
			LearnerCoverage.Rule rule = rules.computeIfAbsent(learner.jobRoles(),
					(roles) -> LearnerCoverage.Rule.of(this.capabilities.requiredTiers(roles), profiles(roles),
							(c) -> domainTitles.computeIfAbsent(c,
									(k) -> CapabilityCache.domainTitle(this.capabilities.capability(k)))));
			LearnerCoverage.Tally c = rule.count(held.getOrDefault(learner.id().value(), Map.of()));
			boolean meets = rule.meets(c);
			for (String org : learner.organisationCodes()) {
				add(byOrg.computeIfAbsent(org, (k) -> new int[4]), meets, c.held(), rule.required());
			}
			if (learner.organisationCodes().isEmpty()) {
				add(byOrg.computeIfAbsent(OrganisationSummary.NONE, (k) -> new int[4]), meets, c.held(),
						rule.required());
			}
			for (int d = 0; d < rule.domainCount(); d++) {
				int[] counts = byDomain.computeIfAbsent(rule.domain(d), (k) -> new int[4]);
				counts[2] += c.domainsHeld()[d];
				counts[3] += rule.domainRequired(d);
			}
			for (int r = 0; r < rule.roleCount(); r++) {
				int required = rule.roleRequired(r);
				add(byRole.computeIfAbsent(rule.role(r), (k) -> new int[4]), c.rolesHeld()[r] == required,
						c.rolesHeld()[r], required);
			}
		}
		List<Coverage> organisations = new ArrayList<>();
		byOrg.forEach((code, c) -> organisations
			.add(new Coverage(code, orgNames.getOrDefault(code, code), c[0], c[1], c[2], c[3])));
		organisations.sort(Comparator.comparingInt(Coverage::percentMeeting)
			.thenComparingInt(Coverage::percentHeld)
			.reversed()
			.thenComparing(Coverage::key));
		List<Coverage> domains = new ArrayList<>();
		byDomain.forEach((domain, c) -> domains.add(new Coverage(domain, domain, 0, 0, c[2], c[3])));
		List<Coverage> roles = new ArrayList<>();
		byRole.forEach((code, c) -> roles.add(new Coverage(code, roleNames.get(code), c[0], c[1], c[2], c[3])));
		return new Summary(learners.size(), organisations, domains, roles, now);
	}

	/**
	 * The role profile of each job role that has one (the first, as the summary names
	 * them).
	 */
	private Map<String, RoleProfile> profiles(Set<String> jobRoles) {
		Map<String, RoleProfile> profiles = new LinkedHashMap<>();
		if (!jobRoles.isEmpty()) {
			this.capabilities.roleProfiles(jobRoles).forEach((p) -> profiles.putIfAbsent(p.code(), p));
		}
		return profiles;
	}

	private static void add(int[] counts, boolean meets, int held, int required) {
		counts[0]++;
		counts[1] += meets ? 1 : 0;
		counts[2] += held;
		counts[3] += required;
	}

}
