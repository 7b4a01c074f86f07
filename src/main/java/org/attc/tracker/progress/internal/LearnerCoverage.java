package org.attc.tracker.progress.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.attc.tracker.framework.RoleProfile;

/**
 * What one learner holds of what their role profiles require: overall (at the highest
 * tier any of their profiles asks), per domain, and per role profile (at that profile's
 * tier). The national summary adds these up.
 *
 * @param held required capabilities held now
 * @param required capabilities their profiles require
 * @param domains per domain title
 * @param roles per job role code that has a role profile
 */
public record LearnerCoverage(int held, int required, Map<String, Count> domains, Map<String, Count> roles) {

	public LearnerCoverage {
		domains = Map.copyOf(domains);
		roles = Map.copyOf(roles);
	}

	/** Held of required. */
	public record Count(int held, int required) {

		/** Whether every one required is held (and at least one is). */
		public boolean complete() {
			return this.required > 0 && this.held == this.required;
		}

	}

	/** Whether the learner holds everything their profiles require. */
	public boolean meets() {
		return new Count(this.held, this.required).complete();
	}

	/**
	 * Counts a learner's coverage ({@link Rule}).
	 * @param held the tier held now per capability (none held: absent)
	 * @param required the tier required per capability (the highest of their profiles)
	 * @param profiles the role profile of each of their job roles that has one
	 * @param domainOf the domain title a capability counts under
	 */
	public static LearnerCoverage of(Map<String, Integer> held, Map<String, Integer> required,
			Map<String, RoleProfile> profiles, Function<String, String> domainOf) {
		Rule rule = Rule.of(required, profiles, domainOf);
		Tally tally = rule.count(held);
		Map<String, Count> domains = new LinkedHashMap<>();
		for (int d = 0; d < rule.domains.length; d++) {
			domains.put(rule.domains[d], new Count(tally.domainsHeld()[d], rule.domainRequired[d]));
		}
		Map<String, Count> roles = new LinkedHashMap<>();
		for (int r = 0; r < rule.roles.length; r++) {
			roles.put(rule.roles[r], new Count(tally.rolesHeld()[r], rule.roleCapabilities[r].length));
		}
		return new LearnerCoverage(tally.held(), rule.capabilities.length, domains, roles);
	}

	/**
	 * One learner's counts under a {@link Rule}, indexed as the rule's domains and roles.
	 *
	 * @param held required capabilities held now
	 * @param domainsHeld per domain of the rule ({@link Rule#domain}), those held
	 * @param rolesHeld per job role of the rule ({@link Rule#role}), its requirements
	 * held
	 */
	public record Tally(int held, int[] domainsHeld, int[] rolesHeld) {
	}

	/**
	 * The coverage rule for one set of job roles, worked out once for every learner who
	 * shares it (a national summary counts ten thousand learners against a handful of
	 * sets): a required capability counts as held when the tier held reaches the highest
	 * tier any of their profiles asks for it (as the status "achieved" or "expiring soon"
	 * says), and a role profile's requirement when it also reaches that profile's tier.
	 */
	public static final class Rule {

		private final String[] capabilities;

		private final int[] tiers;

		private final int[] domainOf;

		private final String[] domains;

		private final int[] domainRequired;

		private final String[] roles;

		private final String[][] roleCapabilities;

		private final int[][] roleTiers;

		private Rule(Map<String, Integer> required, Map<String, RoleProfile> profiles,
				Function<String, String> domainTitle) {
			this.capabilities = required.keySet().toArray(String[]::new);
			this.tiers = new int[this.capabilities.length];
			this.domainOf = new int[this.capabilities.length];
			List<String> domains = new ArrayList<>();
			List<Integer> domainRequired = new ArrayList<>();
			for (int c = 0; c < this.capabilities.length; c++) {
				this.tiers[c] = required.get(this.capabilities[c]);
				String title = domainTitle.apply(this.capabilities[c]);
				int d = domains.indexOf(title);
				if (d < 0) {
					d = domains.size();
					domains.add(title);
					domainRequired.add(0);
				}
				this.domainOf[c] = d;
				domainRequired.set(d, domainRequired.get(d) + 1);
			}
			this.domains = domains.toArray(String[]::new);
			this.domainRequired = domainRequired.stream().mapToInt(Integer::intValue).toArray();
			this.roles = profiles.keySet().toArray(String[]::new);
			this.roleCapabilities = new String[this.roles.length][];
			this.roleTiers = new int[this.roles.length][];
			for (int r = 0; r < this.roles.length; r++) {
				List<RoleProfile.Requirement> requirements = profiles.get(this.roles[r]).requirements();
				this.roleCapabilities[r] = new String[requirements.size()];
				this.roleTiers[r] = new int[requirements.size()];
				for (int i = 0; i < requirements.size(); i++) {
					RoleProfile.Requirement q = requirements.get(i);
					this.roleCapabilities[r][i] = q.capabilityIdentifier();
					this.roleTiers[r][i] = Math.max(required.getOrDefault(q.capabilityIdentifier(), q.tierRank()),
							q.tierRank());
				}
			}
		}

		/**
		 * @param required the tier required per capability (the highest of the profiles)
		 * @param profiles the role profile of each job role that has one
		 * @param domainOf the domain title a capability counts under
		 */
		public static Rule of(Map<String, Integer> required, Map<String, RoleProfile> profiles,
				Function<String, String> domainOf) {
			return new Rule(required, profiles, domainOf);
		}

		/** One learner's counts, from the tier they hold now per capability. */
		public Tally count(Map<String, Integer> held) {
			int count = 0;
			int[] domainsHeld = new int[this.domains.length];
			for (int c = 0; c < this.capabilities.length; c++) {
				if (reaches(held.get(this.capabilities[c]), this.tiers[c])) {
					count++;
					domainsHeld[this.domainOf[c]]++;
				}
			}
			int[] rolesHeld = new int[this.roles.length];
			for (int r = 0; r < this.roles.length; r++) {
				for (int i = 0; i < this.roleCapabilities[r].length; i++) {
					if (reaches(held.get(this.roleCapabilities[r][i]), this.roleTiers[r][i])) {
						rolesHeld[r]++;
					}
				}
			}
			return new Tally(count, domainsHeld, rolesHeld);
		}

		/** Whether a learner with this tally holds everything required. */
		public boolean meets(Tally tally) {
			return new Count(tally.held(), required()).complete();
		}

		/** How many capabilities are required. */
		public int required() {
			return this.capabilities.length;
		}

		/** How many domains are counted ({@link Tally#domainsHeld()}). */
		public int domainCount() {
			return this.domains.length;
		}

		/** The title of a domain counted. */
		public String domain(int domain) {
			return this.domains[domain];
		}

		/** Per domain, how many capabilities are required in it. */
		public int domainRequired(int domain) {
			return this.domainRequired[domain];
		}

		/**
		 * How many job roles with a role profile are counted ({@link Tally#rolesHeld()}).
		 */
		public int roleCount() {
			return this.roles.length;
		}

		/** The code of a job role counted. */
		public String role(int role) {
			return this.roles[role];
		}

		/** Per role, how many requirements its profile has. */
		public int roleRequired(int role) {
			return this.roleCapabilities[role].length;
		}

		private static boolean reaches(Integer tier, int required) {
			return tier != null && tier >= required;
		}

	}

}
