package org.attc.tracker.progress.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.attc.tracker.framework.RoleProfile;
import org.attc.tracker.identity.LearnerProfile;
import org.attc.tracker.identity.OrganisationSummary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Per site and role profile: how many staff fully meet the profile now and at a chosen
 * date (expiry taken into account), against the target the coordinator set.
 */
@Service
public class SiteReadiness {

	private final Cohort cohort;

	private final ProgressScope scope;

	private final JdbcTemplate jdbc;

	private final CohortAttainments attainments;

	SiteReadiness(Cohort cohort, ProgressScope scope, JdbcTemplate jdbc, CohortAttainments attainments) {
		this.attainments = attainments;
		this.cohort = cohort;
		this.scope = scope;
		this.jdbc = jdbc;
	}

	/**
	 * ready: meets the target now and at the date; at risk: now only; not ready: not now.
	 */
	public enum State {

		READY("Ready", "✓", "govuk-tag--green"), AT_RISK("At risk", "!", "govuk-tag--yellow"),
		NOT_READY("Not ready", "✗", "govuk-tag--red"), NO_TARGET("No target set", "–", "govuk-tag--grey");

		private final String text;

		private final String icon;

		private final String cssClass;

		State(String text, String icon, String cssClass) {
			this.text = text;
			this.icon = icon;
			this.cssClass = cssClass;
		}

		public String text() {
			return this.text;
		}

		public String icon() {
			return this.icon;
		}

		public String cssClass() {
			return this.cssClass;
		}

		public String key() {
			return name().toLowerCase();
		}

	}

	public record Lapsing(long learnerId, String name, String capabilityCode, Instant expiresAt) {
	}

	public record Line(String roleCode, String roleName, int staff, int meetNow, int meetBy, Integer target,
			State state, List<Lapsing> lapsing) {
	}

	public record Site(String code, String name, List<Line> lines) {
	}

	public record Board(LocalDate by, List<Site> sites, Instant generatedAt) {
	}

	public Board of(Authentication caller, String organisation, LocalDate by) {
		Instant now = Instant.now();
		by = readyBy(by);
		Instant at = by.atStartOfDay(ZoneOffset.UTC).toInstant();
		CohortFilter filter = CohortFilter.of(organisation, null, null);
		List<LearnerProfile> learners = this.cohort.learners(caller, filter);
		ReadinessHoldings holdings = ReadinessHoldings.of(this.attainments,
				learners.stream().map((l) -> l.id().value()).toList(), this.cohort.wholeNetwork(caller, filter), now,
				at);
		CapabilityDirectory capabilities = this.cohort.capabilities();
		Map<String, Integer> targets = targets();
		Map<String, List<LearnerProfile>> byOrganisation = new HashMap<>();
		for (LearnerProfile learner : learners) {
			if (learner.organisationCodes().isEmpty()) {
				byOrganisation.computeIfAbsent(OrganisationSummary.NONE, (o) -> new ArrayList<>()).add(learner);
			}
			learner.organisationCodes()
				.forEach((code) -> byOrganisation.computeIfAbsent(code, (o) -> new ArrayList<>()).add(learner));
		}
		List<Site> sites = new ArrayList<>();
		for (OrganisationSummary org : this.scope.organisations(caller)) {
			if (organisation != null && !org.code().equals(organisation) && !organisation.equals(org.parentCode())) {
				continue;
			}
			List<LearnerProfile> staff = byOrganisation.getOrDefault(org.code(), List.of());
			Set<String> roles = new TreeSet<>();
			staff.forEach((m) -> roles.addAll(m.jobRoles()));
			targets.keySet()
				.stream()
				.filter((k) -> k.startsWith(org.code() + "|"))
				.forEach((k) -> roles.add(k.substring(org.code().length() + 1)));
			List<Line> lines = new ArrayList<>();
			for (RoleProfile profile : this.cohort.roleProfiles(roles)) {
				lines.add(line(org.code(), profile, staff, targets, holdings, capabilities));
			}
			if (!lines.isEmpty()) {
				sites.add(new Site(org.code(), org.name(), lines));
			}
		}
		// learners in no organisation count in the national board, under "No
		// organisation" (no targets: nobody is responsible for them yet)
		if (this.scope.isNational(caller) && (organisation == null || OrganisationSummary.NONE.equals(organisation))) {
			List<LearnerProfile> staff = byOrganisation.getOrDefault(OrganisationSummary.NONE, List.of());
			Set<String> roles = new TreeSet<>();
			staff.forEach((m) -> roles.addAll(m.jobRoles()));
			List<Line> lines = new ArrayList<>();
			for (RoleProfile profile : this.cohort.roleProfiles(roles)) {
				lines.add(line(OrganisationSummary.NONE, profile, staff, targets, holdings, capabilities));
			}
			if (!lines.isEmpty()) {
				sites.add(new Site(OrganisationSummary.NONE, OrganisationSummary.NONE_NAME, lines));
			}
		}
		return new Board(by, sites, now);
	}

	private Line line(String org, RoleProfile profile, List<LearnerProfile> staff, Map<String, Integer> targets,
			ReadinessHoldings holdings, CapabilityDirectory capabilities) {
		List<RoleProfile.Requirement> needed = needed(profile);
		int count = 0;
		int meetNow = 0;
		int meetBy = 0;
		List<Lapsing> lapsing = new ArrayList<>();
		for (LearnerProfile member : staff) {
			if (!member.jobRoles().contains(profile.code())) {
				continue;
			}
			count++;
			Shortfall shortfall = holdings.shortfall(member.id().value(), needed);
			if (shortfall.meetsNow()) {
				meetNow++;
				if (shortfall.meetsBy()) {
					meetBy++;
				}
				else {
					Lapse first = shortfall.lapsing().get(0);
					lapsing.add(new Lapsing(member.id().value(), Cohort.displayName(member),
							capabilities.code(first.requirement().capabilityIdentifier()), first.expiresAt()));
				}
			}
		}
		Integer target = targets.get(org + "|" + profile.code());
		State state = (target == null) ? State.NO_TARGET
				: (meetNow < target) ? State.NOT_READY : (meetBy < target) ? State.AT_RISK : State.READY;
		return new Line(profile.code(), profile.name(), count, meetNow, meetBy, target, state, lapsing);
	}

	/**
	 * What a member lacks of a role profile, by the readiness rule
	 * ({@link ReadinessHoldings#shortfall}): the requirements not held now at the tier
	 * asked, and the held ones that stop counting by the date.
	 *
	 * @param missing requirements not met now
	 * @param lapsing requirements met now that stop counting by the date, soonest first
	 */
	public record Shortfall(List<RoleProfile.Requirement> missing, List<Lapse> lapsing) {

		public boolean meetsNow() {
			return this.missing.isEmpty();
		}

		public boolean meetsBy() {
			return this.missing.isEmpty() && this.lapsing.isEmpty();
		}

	}

	/** A requirement met now that stops counting by the date, and when. */
	public record Lapse(RoleProfile.Requirement requirement, Instant expiresAt) {
	}

	/**
	 * The requirements readiness counts: the profile's mandatory ones, or all of them
	 * when it marks none mandatory.
	 */
	public static List<RoleProfile.Requirement> needed(RoleProfile profile) {
		List<RoleProfile.Requirement> needed = profile.requirements()
			.stream()
			.filter(RoleProfile.Requirement::mandatory)
			.toList();
		return needed.isEmpty() ? profile.requirements() : needed;
	}

	/**
	 * The date readiness is asked for: three months ahead when none is given.
	 * @throws IllegalArgumentException naming {@code by} for a date in the past
	 */
	public static LocalDate readyBy(LocalDate by) {
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		if (by == null) {
			return today.plusMonths(3);
		}
		if (by.isBefore(today)) {
			throw new IllegalArgumentException("by: the date must be today or later");
		}
		return by;
	}

	/**
	 * Sets how many staff of a role profile a site needs. Only for an organisation the
	 * caller may see.
	 */
	@Transactional
	public void setTarget(Authentication caller, String organisation, String role, Integer target) {
		if (organisation == null || organisation.isBlank()) {
			throw new IllegalArgumentException("organisation: an organisation code is required");
		}
		if (role == null || role.isBlank()) {
			throw new IllegalArgumentException("role: a role profile code is required");
		}
		if (target == null || target < 0 || target > 100000) {
			throw new IllegalArgumentException("target: a whole number from 0 to 100000 is required");
		}
		boolean visible = this.scope.organisations(caller).stream().anyMatch((o) -> o.code().equals(organisation));
		if (!visible) {
			throw new UnknownOrganisation(organisation);
		}
		if (this.cohort.roleProfiles(Set.of(role)).isEmpty()) {
			throw new IllegalArgumentException("role: no role profile '" + role + "' in a published framework");
		}
		this.jdbc.update("INSERT INTO prog_readiness_target (organisation_code, role_code, target, set_by, set_at) "
				+ "VALUES (?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE target = VALUES(target), set_by = VALUES(set_by), "
				+ "set_at = VALUES(set_at)", organisation, role, target, caller.getName(),
				java.sql.Timestamp.from(Instant.now()));
	}

	private Map<String, Integer> targets() {
		Map<String, Integer> targets = new HashMap<>();
		this.jdbc.query("SELECT organisation_code, role_code, target FROM prog_readiness_target", (rs) -> {
			targets.put(rs.getString(1) + "|" + rs.getString(2), rs.getInt(3));
		});
		return targets;
	}

}
