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

import org.attc.tracker.crediting.CapabilityAttainment;
import org.attc.tracker.framework.RoleProfile;
import org.attc.tracker.identity.OrganisationSummary;
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

	ProgrammeSummary(Cohort cohort, ProgressScope scope) {
		this.cohort = cohort;
		this.scope = scope;
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
		Cohort.Snapshot snapshot = this.cohort.of(caller, CohortFilter.of(null, null, null));
		Map<String, String> orgNames = new HashMap<>();
		for (OrganisationSummary o : this.scope.organisations(caller)) {
			orgNames.put(o.code(), o.name());
		}
		Map<String, RoleProfile> profiles = new HashMap<>();
		Set<String> allRoles = new java.util.TreeSet<>();
		snapshot.members().forEach((m) -> allRoles.addAll(m.learner().jobRoles()));
		this.cohort.roleProfiles(allRoles).forEach((p) -> profiles.putIfAbsent(p.code(), p));
		Map<String, int[]> byOrg = new TreeMap<>();
		Map<String, int[]> byDomain = new LinkedHashMap<>();
		Map<String, int[]> byRole = new TreeMap<>();
		for (Cohort.Member member : snapshot.members()) {
			int held = 0;
			int required = 0;
			for (CapabilityAttainment a : member.attainment().values()) {
				if (a.requiredTier() == null) {
					continue;
				}
				boolean has = StatusDisplay.held(a.status());
				required++;
				held += has ? 1 : 0;
				int[] d = byDomain.computeIfAbsent(snapshot.capabilities().domain(a.capabilityIdentifier()),
						(k) -> new int[4]);
				d[2] += has ? 1 : 0;
				d[3]++;
			}
			boolean meets = required > 0 && held == required;
			for (String org : member.learner().organisationCodes()) {
				add(byOrg.computeIfAbsent(org, (k) -> new int[4]), meets, held, required);
			}
			for (String role : member.learner().jobRoles()) {
				RoleProfile profile = profiles.get(role);
				if (profile == null) {
					continue;
				}
				int roleHeld = 0;
				for (RoleProfile.Requirement r : profile.requirements()) {
					CapabilityAttainment a = member.attainment().get(r.capabilityIdentifier());
					if (a != null && StatusDisplay.held(a.status()) && a.tier() != null && a.tier() >= r.tierRank()) {
						roleHeld++;
					}
				}
				add(byRole.computeIfAbsent(role, (k) -> new int[4]), roleHeld == profile.requirements().size(),
						roleHeld, profile.requirements().size());
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
		domains.sort(Comparator.comparing(Coverage::key));
		List<Coverage> roles = new ArrayList<>();
		byRole.forEach((code, c) -> roles.add(new Coverage(code, profiles.get(code).name(), c[0], c[1], c[2], c[3])));
		return new Summary(snapshot.members().size(), organisations, domains, roles, snapshot.now());
	}

	private static void add(int[] counts, boolean meets, int held, int required) {
		counts[0]++;
		counts[1] += meets ? 1 : 0;
		counts[2] += held;
		counts[3] += required;
	}

}
