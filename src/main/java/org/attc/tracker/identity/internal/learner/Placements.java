package org.attc.tracker.identity.internal.learner;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.attc.tracker.shared.LearnerId;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Places learners in organisations and job roles by the rules, from what is known of
 * where they arrived: the platforms and deployments they came through, what their
 * launches claimed, the courses they are members of. The strongest source wins
 * ({@link Placement}); a learner whose organisations (or job roles) a coordinator chose
 * keeps them. The sources of what a learner holds are written beside it
 * ({@code id_learner_placement}), so their page can say where each came from.
 */
@Component
public class Placements {

	private static final Log log = LogFactory.getLog(Placements.class);

	static final String ORGANISATION = "ORGANISATION";

	static final String JOB_ROLE = "JOB_ROLE";

	private final JdbcClient jdbc;

	private final TransactionTemplate ownTransaction;

	Placements(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
		this.jdbc = jdbc;
		this.ownTransaction = new TransactionTemplate(transactionManager);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/**
	 * Records that a learner arrived through a platform (and deployment, for a launch),
	 * with what the launch claimed, and places them.
	 * @param deploymentId null for the roster, which names none
	 * @param organisation the {@code organisation} custom parameter (a code or a name),
	 * or null
	 * @param jobRoles the {@code job_role} custom parameter's codes
	 */
	public void arrived(LearnerId learner, String issuer, String deploymentId, String organisation,
			List<String> jobRoles) {
		Timestamp now = Timestamp.from(Instant.now());
		String claimed = (organisation == null || organisation.isBlank()) ? null : Learner.trim(organisation, 255);
		String roles = String.join(";",
				jobRoles.stream()
					.map(String::strip)
					.filter((r) -> !r.isEmpty() && r.length() <= 100 && !r.contains(";"))
					.distinct()
					.toList());
		resilient(learner, () -> this.ownTransaction.executeWithoutResult((status) -> {
			// a later launch's claim replaces the earlier one (a null claim too: the
			// parameter was taken off the tool)
			this.jdbc
				.sql("INSERT INTO id_learner_arrival (learner_id, issuer, deployment_id, claimed_organisation, "
						+ "claimed_job_roles, first_seen_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
						+ "ON DUPLICATE KEY UPDATE claimed_organisation = IF(VALUES(deployment_id) = '', "
						+ "claimed_organisation, VALUES(claimed_organisation)), claimed_job_roles = "
						+ "IF(VALUES(deployment_id) = '', claimed_job_roles, VALUES(claimed_job_roles)), "
						+ "last_seen_at = VALUES(last_seen_at)")
				.params(learner.value(), issuer, (deploymentId != null) ? deploymentId : "", claimed,
						(roles.length() <= 1000) ? roles : "", now, now)
				.update();
			place(learner.value());
		}));
	}

	/**
	 * Runs a placement, retried when it collided with another (two launches of one
	 * learner at once); one that still fails is logged, never thrown: a launch or a
	 * crediting run must not fail for it, and the next launch or recompute places the
	 * learner.
	 */
	private void resilient(LearnerId learner, Runnable placement) {
		for (int attempt = 1;; attempt++) {
			try {
				placement.run();
				return;
			}
			catch (ConcurrencyFailureException | DataIntegrityViolationException ex) {
				if (attempt == 3) {
					log.warn("Could not place learner " + learner + " by the organisation rules now", ex);
					return;
				}
			}
		}
	}

	/**
	 * Arrivals through an LRS client are recorded under this prefix and the client's key.
	 */
	static final String LRS_CLIENT_PREFIX = "xapi-client:";

	/**
	 * Records that statements of the learner came from an LRS client writing for an
	 * organisation, and places them (the client's organisation is the weakest source).
	 */
	public void arrivedThroughLrsClient(LearnerId learner, String clientKey, String organisation) {
		Timestamp now = Timestamp.from(Instant.now());
		resilient(learner, () -> this.ownTransaction.executeWithoutResult((status) -> {
			this.jdbc
				.sql("INSERT INTO id_learner_arrival (learner_id, issuer, deployment_id, claimed_organisation, "
						+ "claimed_job_roles, first_seen_at, last_seen_at) VALUES (?, ?, '', ?, '', ?, ?) "
						+ "ON DUPLICATE KEY UPDATE claimed_organisation = VALUES(claimed_organisation), "
						+ "last_seen_at = VALUES(last_seen_at)")
				.params(learner.value(), LRS_CLIENT_PREFIX + clientKey, Learner.trim(organisation, 255), now, now)
				.update();
			place(learner.value());
		}));
	}

	/** Places one learner again (after a course membership was recorded, say). */
	public void placeNow(LearnerId learner) {
		resilient(learner, () -> this.ownTransaction.executeWithoutResult((status) -> place(learner.value())));
	}

	/**
	 * Places again every learner who arrived through a platform or is a member of one of
	 * its courses (after a rule of the platform changed).
	 * @return how many learners' organisations or job roles changed
	 */
	int placeAll(String issuer) {
		List<Long> learners = this.jdbc
			.sql("SELECT DISTINCT COALESCE(l.merged_into_id, l.id) FROM id_learner l WHERE l.id IN "
					+ "(SELECT learner_id FROM id_learner_arrival WHERE issuer = :issuer UNION "
					+ "SELECT learner_id FROM id_course_member WHERE issuer = :issuer) ORDER BY 1")
			.param("issuer", issuer)
			.query(Long.class)
			.list();
		int changed = 0;
		for (Long learner : learners) {
			// one short transaction each: a launch meanwhile waits for one learner at
			// most
			if (Boolean.TRUE.equals(this.ownTransaction.execute((status) -> place(learner)))) {
				changed++;
			}
		}
		return changed;
	}

	/**
	 * Places one learner by the rules, in the caller's transaction; a coordinator's
	 * choice is left as it is.
	 * @return whether their organisations or job roles changed
	 */
	boolean place(long learnerId) {
		Optional<Chosen> chosen = this.jdbc
			.sql("SELECT merged_into_id, organisations_chosen_by IS NOT NULL, job_roles_chosen_by IS NOT NULL "
					+ "FROM id_learner WHERE id = ?")
			.params(learnerId)
			.query((rs, i) -> new Chosen(rs.getObject(1) != null, rs.getBoolean(2), rs.getBoolean(3)))
			.optional();
		if (chosen.isEmpty() || chosen.get().merged()) {
			return false;
		}
		Sources sources = sources(learnerId);
		boolean changed = false;
		if (!chosen.get().organisations()) {
			changed |= write(learnerId, ORGANISATION, Placement.decide(sources.organisations()));
		}
		if (!chosen.get().jobRoles()) {
			changed |= write(learnerId, JOB_ROLE, Placement.decide(sources.jobRoles()));
		}
		return changed;
	}

	/**
	 * Records a coordinator's choice as the source of what the learner now holds, in the
	 * caller's transaction.
	 */
	void chosen(long learnerId, String kind, Collection<String> values, String by) {
		this.jdbc.sql("DELETE FROM id_learner_placement WHERE learner_id = ? AND kind = ?")
			.params(learnerId, kind)
			.update();
		Timestamp now = Timestamp.from(Instant.now());
		for (String value : new LinkedHashSet<>(values)) {
			this.jdbc
				.sql("INSERT INTO id_learner_placement (learner_id, kind, value, source, detail, placed_at) "
						+ "VALUES (?, ?, ?, ?, ?, ?)")
				.params(learnerId, kind, value, PlacementSource.COORDINATOR.name(), "set by " + by, now)
				.update();
		}
	}

	/** Where each organisation (by code) or job role of a learner came from. */
	Map<String, Provenance> provenance(long learnerId, String kind) {
		Map<String, Provenance> result = new HashMap<>();
		this.jdbc
			.sql("SELECT value, source, detail, placed_at FROM id_learner_placement WHERE learner_id = ? AND kind = ?")
			.params(learnerId, kind)
			.query((rs) -> {
				result.put(rs.getString(1), new Provenance(rs.getString(1), rs.getString(2).toLowerCase(Locale.ROOT),
						rs.getString(3), rs.getTimestamp(4).toInstant()));
			});
		return result;
	}

	/** Where one organisation or job role came from. */
	record Provenance(String value, String source, String detail, Instant since) {
	}

	private record Chosen(boolean merged, boolean organisations, boolean jobRoles) {
	}

	private record Sources(List<Placement.Claim> organisations, List<Placement.Claim> jobRoles) {
	}

	/**
	 * Everything that speaks for the learner's placement: their arrivals and course
	 * memberships (and those of learners merged into them) against the rules.
	 */
	private Sources sources(long learnerId) {
		Map<String, PlacementRule> rules = new HashMap<>();
		Map<Long, String> codes = new HashMap<>();
		Map<String, String> codeByName = new HashMap<>();
		Map<String, String> codeByCode = new HashMap<>();
		this.jdbc.sql("SELECT id, code, name FROM id_organisation").query((rs) -> {
			codes.put(rs.getLong(1), rs.getString(2));
			codeByCode.put(rs.getString(2).toLowerCase(Locale.ROOT), rs.getString(2));
			codeByName.putIfAbsent(rs.getString(3).strip().toLowerCase(Locale.ROOT), rs.getString(2));
		});
		this.jdbc
			.sql("SELECT id, issuer, deployment_id, context_id, organisation_id, job_roles FROM id_placement_rule "
					+ "WHERE issuer IN (SELECT issuer FROM id_learner_arrival WHERE learner_id IN (:ids) UNION "
					+ "SELECT issuer FROM id_course_member WHERE learner_id IN (:ids))")
			.param("ids", selfAndAbsorbed(learnerId))
			.query((rs) -> {
				PlacementRule rule = new PlacementRule(rs.getLong(1), rs.getString(2), emptyToNull(rs.getString(3)),
						emptyToNull(rs.getString(4)), codes.get(rs.getLong(5)), PlacementRules.roles(rs.getString(6)),
						null, null);
				rules.put(key(rule.platformIssuer(), rule.deploymentId(), rule.contextId()), rule);
			});
		List<Placement.Claim> organisations = new ArrayList<>();
		List<Placement.Claim> roles = new ArrayList<>();
		List<Long> ids = selfAndAbsorbed(learnerId);
		this.jdbc
			.sql("SELECT DISTINCT issuer, context_id FROM id_course_member WHERE learner_id IN (:ids) AND NOT teaching "
					+ "ORDER BY issuer, context_id")
			.param("ids", ids)
			.query((rs) -> {
				PlacementRule rule = rules.get(key(rs.getString(1), null, rs.getString(2)));
				if (rule != null) {
					organisations
						.add(new Placement.Claim(PlacementSource.COURSE, rule.organisation(), rule.describe()));
					rule.jobRoles()
						.forEach((r) -> roles.add(new Placement.Claim(PlacementSource.COURSE, r, rule.describe())));
				}
			});
		this.jdbc
			.sql("SELECT issuer, deployment_id, claimed_organisation, claimed_job_roles FROM id_learner_arrival "
					+ "WHERE learner_id IN (:ids) ORDER BY last_seen_at DESC, issuer, deployment_id")
			.param("ids", ids)
			.query((rs) -> {
				String issuer = rs.getString(1);
				String deployment = emptyToNull(rs.getString(2));
				String claimed = rs.getString(3);
				if (issuer.startsWith(LRS_CLIENT_PREFIX)) {
					// an LRS client: its organisation, by code or name
					String lower = (claimed != null) ? claimed.strip().toLowerCase(Locale.ROOT) : "";
					String code = Optional.ofNullable(codeByCode.get(lower)).orElse(codeByName.get(lower));
					if (code != null) {
						organisations.add(new Placement.Claim(PlacementSource.LRS_CLIENT, code,
								"organisation of LRS client " + issuer.substring(LRS_CLIENT_PREFIX.length())));
					}
					return;
				}
				String via = "launch from " + issuer + ((deployment != null) ? " (deployment " + deployment + ")" : "");
				if (claimed != null) {
					String lower = claimed.strip().toLowerCase(Locale.ROOT);
					String code = Optional.ofNullable(codeByCode.get(lower)).orElse(codeByName.get(lower));
					if (code != null) {
						organisations.add(new Placement.Claim(PlacementSource.LAUNCH, code,
								"custom parameter organisation=" + claimed + " of the " + via));
					}
				}
				PlacementRules.roles(rs.getString(4))
					.forEach((r) -> roles.add(
							new Placement.Claim(PlacementSource.LAUNCH, r, "custom parameter job_role of the " + via)));
				PlacementRule deploymentDefault = (deployment != null) ? rules.get(key(issuer, deployment, null))
						: null;
				if (deploymentDefault != null) {
					organisations.add(new Placement.Claim(PlacementSource.DEPLOYMENT, deploymentDefault.organisation(),
							deploymentDefault.describe()));
				}
				PlacementRule platformDefault = rules.get(key(issuer, null, null));
				if (platformDefault != null) {
					organisations.add(new Placement.Claim(PlacementSource.PLATFORM, platformDefault.organisation(),
							platformDefault.describe()));
				}
			});
		return new Sources(organisations, roles);
	}

	private List<Long> selfAndAbsorbed(long learnerId) {
		return this.jdbc.sql("SELECT id FROM id_learner WHERE id = ? OR merged_into_id = ?")
			.params(learnerId, learnerId)
			.query(Long.class)
			.list();
	}

	/**
	 * Makes what the learner holds of a kind what the rules decided, with its sources.
	 * @return whether what they hold changed
	 */
	private boolean write(long learnerId, String kind, List<Placement.Claim> decided) {
		Set<String> wanted = new LinkedHashSet<>();
		decided.forEach((c) -> wanted.add(c.value()));
		boolean organisations = ORGANISATION.equals(kind);
		Set<String> held = new LinkedHashSet<>(organisations ? this.jdbc
			.sql("SELECT o.code FROM id_learner_organisation lo JOIN id_organisation o ON o.id = lo.organisation_id "
					+ "WHERE lo.learner_id = ?")
			.params(learnerId)
			.query(String.class)
			.list()
				: this.jdbc.sql("SELECT role_code FROM id_learner_job_role WHERE learner_id = ?")
					.params(learnerId)
					.query(String.class)
					.list());
		Map<String, Provenance> recorded = provenance(learnerId, kind);
		boolean sourcesSame = recorded.size() == decided.size() && decided.stream().allMatch((c) -> {
			Provenance p = recorded.get(c.value());
			return p != null && p.source().equals(c.source().name().toLowerCase(Locale.ROOT))
					&& Objects.equals(p.detail(), c.detail());
		});
		boolean changed = !held.equals(wanted);
		if (changed) {
			if (organisations) {
				this.jdbc.sql("DELETE FROM id_learner_organisation WHERE learner_id = ?").params(learnerId).update();
				for (String code : wanted) {
					this.jdbc
						.sql("INSERT INTO id_learner_organisation (learner_id, organisation_id) "
								+ "SELECT ?, id FROM id_organisation WHERE code = ?")
						.params(learnerId, code)
						.update();
				}
			}
			else {
				this.jdbc.sql("DELETE FROM id_learner_job_role WHERE learner_id = ?").params(learnerId).update();
				for (String role : wanted) {
					this.jdbc.sql("INSERT INTO id_learner_job_role (learner_id, role_code) VALUES (?, ?)")
						.params(learnerId, role)
						.update();
				}
			}
		}
		if (changed || !sourcesSame) {
			this.jdbc.sql("DELETE FROM id_learner_placement WHERE learner_id = ? AND kind = ?")
				.params(learnerId, kind)
				.update();
			Timestamp now = Timestamp.from(Instant.now());
			for (Placement.Claim claim : decided) {
				Provenance before = recorded.get(claim.value());
				this.jdbc
					.sql("INSERT INTO id_learner_placement (learner_id, kind, value, source, detail, placed_at) "
							+ "VALUES (?, ?, ?, ?, ?, ?)")
					.params(learnerId, kind, claim.value(), claim.source().name(), Learner.trim(claim.detail(), 1000),
							(before != null && held.contains(claim.value())) ? Timestamp.from(before.since()) : now)
					.update();
			}
		}
		return changed;
	}

	private static String key(String issuer, String deployment, String context) {
		return issuer + "\n" + ((deployment != null) ? deployment : "") + "\n" + ((context != null) ? context : "");
	}

	private static String emptyToNull(String value) {
		return (value == null || value.isEmpty()) ? null : value;
	}

}
