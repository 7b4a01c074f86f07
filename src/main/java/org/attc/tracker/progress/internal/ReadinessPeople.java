package org.attc.tracker.progress.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.attc.tracker.crediting.CapabilityAttainment;
import org.attc.tracker.crediting.CreditingRoute;
import org.attc.tracker.crediting.CreditingRoutes;
import org.attc.tracker.framework.RoleProfile;
import org.attc.tracker.identity.LearnerProfile;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;

/**
 * The people behind a readiness count: who does or does not meet a role profile (every
 * role profile of their job roles when none is chosen), now and by a date, and per person
 * the capabilities missing or lapsing with the activities that close each gap.
 */
@Service
public class ReadinessPeople {

	private final Cohort cohort;

	private final CreditingRoutes routes;

	private final CohortAttainments attainments;

	ReadinessPeople(Cohort cohort, CreditingRoutes routes, CohortAttainments attainments) {
		this.attainments = attainments;
		this.cohort = cohort;
		this.routes = routes;
	}

	/** Which of the staff a count stands for. */
	public enum Selection {

		NOT_READY("not-ready", "Not meeting it now"), LAPSING("lapsing", "Meeting it now, lapsing by the date"),
		MEET_NOW("meet-now", "Meeting it now"), MEET_BY("meet-by", "Meeting it on the date"), ALL("all", "Everyone"),
		/** As the programme summary counts: every requirement, desirable ones too. */
		FULLY_MEETING("fully-meeting", "Holding everything their role profiles ask for"),
		NOT_FULLY_MEETING("not-fully-meeting", "Not holding everything their role profiles ask for");

		private final String key;

		private final String text;

		Selection(String key, String text) {
			this.key = key;
			this.text = text;
		}

		public String key() {
			return this.key;
		}

		public String text() {
			return this.text;
		}

		/**
		 * @throws IllegalArgumentException naming {@code state} for anything not listed
		 */
		public static Selection of(String value) {
			if (value == null || value.isBlank()) {
				return NOT_READY;
			}
			for (Selection s : values()) {
				if (s.key.equals(value.strip().toLowerCase(Locale.ROOT))) {
					return s;
				}
			}
			throw new IllegalArgumentException(
					"state: must be one of not-ready, lapsing, meet-now, meet-by, all, fully-meeting, "
							+ "not-fully-meeting");
		}

		/** Whether it counts desirable requirements too (the summary's rule). */
		boolean everyRequirement() {
			return this == FULLY_MEETING || this == NOT_FULLY_MEETING;
		}

		boolean includes(SiteReadiness.Shortfall s) {
			if (s == null) {
				// nothing is required of them: only everyone, and "not fully meeting" as
				// the summary counts them
				return this == ALL || this == NOT_FULLY_MEETING;
			}
			return switch (this) {
				case FULLY_MEETING -> s.meetsNow();
				case NOT_FULLY_MEETING -> !s.meetsNow();
				case NOT_READY -> !s.meetsNow();
				case LAPSING -> s.meetsNow() && !s.meetsBy();
				case MEET_NOW -> s.meetsNow();
				case MEET_BY -> s.meetsBy();
				case ALL -> true;
			};
		}

	}

	/**
	 * One capability a person lacks now or loses by the date.
	 *
	 * @param code capability code
	 * @param title capability title
	 * @param requiredTier the tier asked, by name
	 * @param heldTier the tier held now, by name; null when none
	 * @param status status now
	 * @param expiresAt when a held tier stops counting (lapsing ones)
	 * @param lapsing held now, but not on the date
	 * @param routes the mapped activities that would close it
	 */
	public record Gap(String code, String title, String requiredTier, String heldTier, StatusDisplay status,
			Instant expiresAt, boolean lapsing, List<CreditingRoute> routes) {
	}

	public record Person(long learnerId, String name, List<String> organisations, List<String> jobRoles,
			List<Gap> gaps) {
	}

	/**
	 * @param organisation the organisation asked (a trust includes its sites), or null
	 * @param role the role profile code asked, or null for each person's own
	 * @param roleName its name
	 * @param state which people
	 * @param by the date readiness is asked for
	 * @param page this page of the people, in name order
	 */
	public record People(String organisation, String role, String roleName, Selection state, LocalDate by,
			KeysetPage<Person> page, Instant generatedAt) {

		/** No one yet: a national view waiting for an organisation to be chosen. */
		public static People none(String role, Selection state, LocalDate by) {
			return new People(null, role, null, state, by, new KeysetPage<>(List.of(), 0, null, KeysetPage.SIZE),
					Instant.now());
		}

	}

	/**
	 * Who is chosen is decided from the readiness holdings of every learner in scope (two
	 * narrow reads, as the board counts them); attainment in full, for the gaps, is read
	 * for the page's people only.
	 */
	public People of(Authentication caller, String organisation, String role, Selection state, LocalDate by,
			String after) {
		by = SiteReadiness.readyBy(by);
		Instant now = Instant.now();
		Instant at = by.atStartOfDay(ZoneOffset.UTC).toInstant();
		CohortFilter filter = CohortFilter.of(organisation, role, null);
		List<LearnerProfile> learners = this.cohort.learners(caller, filter);
		String roleName = null;
		if (filter.role() != null) {
			List<RoleProfile> profiles = this.cohort.roleProfiles(Set.of(filter.role()));
			if (profiles.isEmpty()) {
				throw new IllegalArgumentException(
						"role: no role profile '" + filter.role() + "' in a published framework");
			}
			roleName = profiles.get(0).name();
		}
		List<LearnerProfile> inOrganisation = learners.stream()
			.filter((l) -> directlyIn(l, filter.organisation()))
			.toList();
		ReadinessHoldings holdings = ReadinessHoldings.of(this.attainments,
				inOrganisation.stream().map((l) -> l.id().value()).toList(), this.cohort.wholeNetwork(caller, filter),
				now, at);
		Map<Set<String>, List<RoleProfile.Requirement>> neededByRoles = new HashMap<>();
		List<LearnerProfile> chosen = new ArrayList<>();
		Map<Long, SiteReadiness.Shortfall> shortfalls = new HashMap<>();
		for (LearnerProfile learner : inOrganisation) {
			Set<String> roles = (filter.role() != null) ? Set.of(filter.role()) : learner.jobRoles();
			List<RoleProfile.Requirement> needed = neededByRoles.computeIfAbsent(roles,
					(r) -> needed(this.cohort.roleProfiles(r), state.everyRequirement()));
			SiteReadiness.Shortfall shortfall = (needed == null) ? null
					: holdings.shortfall(learner.id().value(), needed);
			if (state.includes(shortfall)) {
				chosen.add(learner);
				if (shortfall != null) {
					shortfalls.put(learner.id().value(), shortfall);
				}
			}
		}
		KeysetPage<LearnerProfile> page = KeysetPage.of(chosen,
				(l) -> new KeysetPage.Key(Cohort.displayName(l), l.id().value(), null), after, KeysetPage.SIZE);
		CapabilityDirectory capabilities = this.cohort.capabilities();
		Map<String, List<CreditingRoute>> closing = new HashMap<>();
		List<Person> people = new ArrayList<>();
		for (Cohort.Member m : this.cohort.members(page.items(), now)) {
			people.add(new Person(m.learner().id().value(), m.displayName(), m.learner().organisationCodes(),
					m.learner().jobRoles().stream().sorted().toList(),
					gaps(m, shortfalls.get(m.learner().id().value()), capabilities, closing)));
		}
		return new People(filter.organisation(), filter.role(), roleName, state, by,
				new KeysetPage<>(people, page.total(), page.next(), page.size()), now);
	}

	/**
	 * As the readiness board and the summary count an organisation: its own members (a
	 * trust's row does not count its sites' staff), or those in none for "No
	 * organisation".
	 */
	private static boolean directlyIn(LearnerProfile learner, String organisation) {
		if (organisation == null) {
			return true;
		}
		return org.attc.tracker.identity.OrganisationSummary.NONE.equals(organisation)
				? learner.organisationCodes().isEmpty() : learner.organisationCodes().contains(organisation);
	}

	/**
	 * Across several role profiles: a capability is needed at the highest tier any of
	 * them asks; null when no role profile applies (nothing is asked of them).
	 * @param everyRequirement desirable requirements too, not only mandatory ones
	 */
	private static List<RoleProfile.Requirement> needed(List<RoleProfile> profiles, boolean everyRequirement) {
		if (profiles.isEmpty()) {
			return null;
		}
		Map<String, RoleProfile.Requirement> needed = new LinkedHashMap<>();
		for (RoleProfile profile : profiles) {
			for (RoleProfile.Requirement r : everyRequirement ? profile.requirements()
					: SiteReadiness.needed(profile)) {
				needed.merge(r.capabilityIdentifier(), r, (a, b) -> (a.tierRank() >= b.tierRank()) ? a : b);
			}
		}
		return List.copyOf(needed.values());
	}

	private List<Gap> gaps(Cohort.Member member, SiteReadiness.Shortfall shortfall, CapabilityDirectory capabilities,
			Map<String, List<CreditingRoute>> closing) {
		List<Gap> gaps = new ArrayList<>();
		if (shortfall == null) {
			return gaps;
		}
		for (RoleProfile.Requirement r : shortfall.missing()) {
			String id = r.capabilityIdentifier();
			CapabilityAttainment a = member.attainment().get(id);
			gaps.add(new Gap(capabilities.code(id), capabilities.title(id), capabilities.tierName(id, r.tierRank()),
					(a != null) ? capabilities.tierName(id, a.tier()) : null,
					StatusDisplay
						.of((a != null) ? a.status() : org.attc.tracker.crediting.AttainmentStatus.NOT_STARTED),
					null, false, routes(id, r.tierRank(), closing)));
		}
		for (SiteReadiness.Lapse lapse : shortfall.lapsing()) {
			String id = lapse.requirement().capabilityIdentifier();
			int tier = lapse.requirement().tierRank();
			CapabilityAttainment a = member.attainment().get(id);
			gaps.add(new Gap(capabilities.code(id), capabilities.title(id), capabilities.tierName(id, tier),
					(a != null) ? capabilities.tierName(id, a.tier()) : null,
					StatusDisplay.of((a != null) ? a.status() : null), lapse.expiresAt(), true,
					routes(id, tier, closing)));
		}
		return gaps;
	}

	private List<CreditingRoute> routes(String capability, Integer tier, Map<String, List<CreditingRoute>> closing) {
		return closing.computeIfAbsent(capability + "|" + tier, (k) -> this.routes.toClose(capability, tier));
	}

}
