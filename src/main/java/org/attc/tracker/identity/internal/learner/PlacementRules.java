package org.attc.tracker.identity.internal.learner;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.attc.tracker.identity.AppRole;
import org.attc.tracker.shared.LearnerPrincipal;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The rules that place learners who arrive from an LMS (platform and deployment defaults,
 * course rules). Platform and deployment defaults are the administrator's; a course's
 * rule may also be set by a coordinator who teaches that course (their account is linked
 * to a learner the course lists as a teacher), for organisations they may assign learners
 * to ({@link StaffScope#changeableOrganisations}, the rule of {@code PUT
 * /api/learners/{id}/organisations}). Every change recomputes the learners the rules
 * concern.
 */
@Component
class PlacementRules {

	private final JdbcClient jdbc;

	private final OrganisationRepository organisations;

	private final StaffScope scope;

	private final Placements placements;

	PlacementRules(JdbcClient jdbc, OrganisationRepository organisations, StaffScope scope, Placements placements) {
		this.jdbc = jdbc;
		this.organisations = organisations;
		this.scope = scope;
		this.placements = placements;
	}

	/** A rule set, and how many learners' organisations or job roles it changed. */
	record Change(PlacementRule rule, int learnersChanged) {
	}

	/**
	 * The rules the caller may see: all for staff who read everything, else their
	 * organisations'.
	 */
	@Transactional(readOnly = true)
	List<PlacementRule> visibleTo(Authentication caller) {
		Set<Long> visible = this.scope.visibleOrganisations(caller);
		List<PlacementRule> all = all();
		if (visible == null) {
			return all;
		}
		Set<String> codes = new LinkedHashSet<>();
		this.organisations.findAllById(visible).forEach((o) -> codes.add(o.code()));
		return all.stream().filter((r) -> codes.contains(r.organisation())).toList();
	}

	List<PlacementRule> all() {
		return this.jdbc
			.sql("SELECT r.id, r.issuer, r.deployment_id, r.context_id, o.code, r.job_roles, r.set_by, r.set_at "
					+ "FROM id_placement_rule r JOIN id_organisation o ON o.id = r.organisation_id "
					+ "ORDER BY r.issuer, r.context_id, r.deployment_id")
			.query((rs, i) -> new PlacementRule(rs.getLong(1), rs.getString(2), emptyToNull(rs.getString(3)),
					emptyToNull(rs.getString(4)), rs.getString(5), roles(rs.getString(6)), rs.getString(7),
					rs.getTimestamp(8).toInstant()))
			.list();
	}

	/**
	 * Creates or replaces the rule of a platform, a deployment or a course, then places
	 * again every learner it may concern.
	 * @throws IllegalArgumentException naming the field at fault
	 * @throws AccessDeniedException when the caller may not set this rule
	 */
	Change set(String platformIssuer, String deploymentId, String contextId, String organisation, List<String> jobRoles,
			Authentication caller) {
		String issuer = required(platformIssuer, "platformIssuer", 255);
		String deployment = optional(deploymentId, "deploymentId", 255);
		String context = optional(contextId, "contextId", 255);
		if (deployment != null && context != null) {
			throw new IllegalArgumentException(
					"deploymentId: a rule is for a platform, a deployment or a course; give a deploymentId or a "
							+ "contextId, not both");
		}
		if (organisation == null || organisation.isBlank()) {
			throw new IllegalArgumentException("organisation: the code of the organisation is required");
		}
		Organisation target = this.organisations.findByCode(organisation.strip())
			.orElseThrow(() -> new IllegalArgumentException("organisation: no organisation " + organisation.strip()));
		List<String> roles = cleanRoles(jobRoles);
		if (context == null && !roles.isEmpty()) {
			throw new IllegalArgumentException("jobRoles: only a course rule names job roles");
		}
		checkMaySet(issuer, context, target, caller);
		Optional<PlacementRule> existing = find(issuer, deployment, context);
		if (existing.isPresent()) {
			// replacing a rule is also taking its organisation away from its learners
			checkMaySet(issuer, context, this.organisations.findByCode(existing.get().organisation()).orElseThrow(),
					caller);
		}
		Timestamp now = Timestamp.from(Instant.now());
		this.jdbc
			.sql("INSERT INTO id_placement_rule (issuer, deployment_id, context_id, organisation_id, job_roles, set_by, "
					+ "set_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE organisation_id = VALUES(organisation_id), "
					+ "job_roles = VALUES(job_roles), set_by = VALUES(set_by), set_at = VALUES(set_at)")
			.params(issuer, nullToEmpty(deployment), nullToEmpty(context), target.id(), String.join(";", roles),
					caller.getName(), now)
			.update();
		PlacementRule rule = find(issuer, deployment, context).orElseThrow();
		return new Change(rule, this.placements.placeAll(issuer));
	}

	/** Removes a rule and places again the learners it concerned. */
	Change remove(long id, Authentication caller) {
		PlacementRule rule = all().stream()
			.filter((r) -> r.id() == id)
			.findFirst()
			.orElseThrow(() -> new UnknownPlacementRule(id));
		Organisation organisation = this.organisations.findByCode(rule.organisation()).orElseThrow();
		checkMaySet(rule.platformIssuer(), rule.contextId(), organisation, caller);
		this.jdbc.sql("DELETE FROM id_placement_rule WHERE id = ?").params(id).update();
		return new Change(rule, this.placements.placeAll(rule.platformIssuer()));
	}

	private Optional<PlacementRule> find(String issuer, String deployment, String context) {
		return all().stream()
			.filter((r) -> r.platformIssuer().equals(issuer) && java.util.Objects.equals(r.deploymentId(), deployment)
					&& java.util.Objects.equals(r.contextId(), context))
			.findFirst();
	}

	/**
	 * Administrators set any rule. A coordinator sets only a course's rule, for a course
	 * they teach, to an organisation the single-learner assignment would let them assign.
	 */
	private void checkMaySet(String issuer, String context, Organisation organisation, Authentication caller) {
		if (StaffScope.hasRole(caller, AppRole.ADMIN)) {
			return;
		}
		if (this.scope.course(caller).isPresent()) {
			throw new AccessDeniedException("setting organisation rules needs a staff account");
		}
		if (context == null) {
			throw new AccessDeniedException("platform and deployment defaults are set by administrators");
		}
		Set<Long> changeable = this.scope.changeableOrganisations(caller);
		if (changeable != null && !changeable.contains(organisation.id())) {
			throw new IllegalArgumentException("organisation: you may only tie a course to your own organisations");
		}
		Long self = (caller.getPrincipal() instanceof LearnerPrincipal learner) ? learner.learnerId().value() : null;
		boolean teaches = self != null && this.jdbc
			.sql("SELECT COUNT(*) FROM id_course_member m JOIN id_learner l ON l.id = m.learner_id "
					+ "WHERE m.issuer = ? AND m.context_id = ? AND m.teaching AND (l.id = ? OR l.merged_into_id = ?)")
			.params(issuer, context, self, self)
			.query(Long.class)
			.single() > 0;
		if (!teaches) {
			throw new AccessDeniedException(
					"only an administrator or a teacher of the course (an account linked to its teacher) sets its rule");
		}
	}

	static List<String> roles(String text) {
		return (text == null || text.isBlank()) ? List.of()
				: Arrays.stream(text.split(";")).map(String::strip).filter((r) -> !r.isEmpty()).toList();
	}

	private static List<String> cleanRoles(List<String> roles) {
		if (roles == null) {
			return List.of();
		}
		Set<String> cleaned = new LinkedHashSet<>();
		for (String role : roles) {
			if (role == null || role.isBlank() || role.strip().length() > 100 || role.contains(";")) {
				throw new IllegalArgumentException("jobRoles: each job role is a code of 1-100 characters without ;");
			}
			cleaned.add(role.strip());
		}
		if (String.join(";", cleaned).length() > 1000) {
			throw new IllegalArgumentException("jobRoles: at most 1000 characters in all");
		}
		return List.copyOf(cleaned);
	}

	private static String required(String value, String field, int max) {
		String v = optional(value, field, max);
		if (v == null) {
			throw new IllegalArgumentException(field + ": is required");
		}
		return v;
	}

	private static String optional(String value, String field, int max) {
		if (value == null || value.isBlank()) {
			return null;
		}
		if (value.strip().length() > max) {
			throw new IllegalArgumentException(field + ": at most " + max + " characters");
		}
		return value.strip();
	}

	private static String emptyToNull(String value) {
		return (value == null || value.isEmpty()) ? null : value;
	}

	private static String nullToEmpty(String value) {
		return (value == null) ? "" : value;
	}

}
