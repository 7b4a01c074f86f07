package org.attc.tracker.identity.internal.learner;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.attc.tracker.identity.LearnerProfile;
import org.attc.tracker.identity.OrganisationKind;
import org.attc.tracker.identity.OrganisationSummary;
import org.attc.tracker.shared.LearnerId;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Learners and organisations in bulk for staff views, read with a few set-based queries
 * (a cohort can be thousands of learners), always within the caller's {@link StaffScope}.
 */
@Component
@Transactional(readOnly = true)
public class LearnerRoster {

	private final NamedParameterJdbcTemplate jdbc;

	private final StaffScope scope;

	LearnerRoster(NamedParameterJdbcTemplate jdbc, StaffScope scope) {
		this.jdbc = jdbc;
		this.scope = scope;
	}

	public List<OrganisationSummary> organisationsVisibleTo(Authentication caller) {
		Set<Long> visible = this.scope.visibleOrganisations(caller);
		Map<Long, OrganisationSummary> all = organisations();
		return all.entrySet()
			.stream()
			.filter((e) -> visible == null || visible.contains(e.getKey()))
			.map(Map.Entry::getValue)
			.toList();
	}

	/**
	 * The learners the caller may see who hold any of these job roles, by record number,
	 * each with all their job roles: chosen in SQL, not from every learner in scope.
	 */
	public Map<LearnerId, Set<String>> learnersWithJobRoles(Authentication caller, Collection<String> roles) {
		Map<LearnerId, Set<String>> result = new LinkedHashMap<>();
		Set<Long> members = this.scope.visibleCourseMembers(caller);
		Set<Long> visible = (members != null) ? null : this.scope.visibleOrganisations(caller);
		if (roles.isEmpty() || (members != null && members.isEmpty()) || (visible != null && visible.isEmpty())) {
			return result;
		}
		String sql = "SELECT r.learner_id, r.role_code FROM id_learner_job_role r JOIN id_learner l "
				+ "ON l.id = r.learner_id WHERE l.merged_into_id IS NULL AND r.learner_id IN "
				+ "(SELECT learner_id FROM id_learner_job_role WHERE role_code IN (:roles))"
				+ ((members != null) ? " AND r.learner_id IN (:members)"
						: (visible != null) ? " AND r.learner_id IN (SELECT learner_id FROM id_learner_organisation "
								+ "WHERE organisation_id IN (:orgs))" : "")
				+ " ORDER BY r.learner_id, r.role_code";
		this.jdbc.query(sql,
				new MapSqlParameterSource("roles", roles).addValue("members", members).addValue("orgs", visible),
				(rs) -> {
					result.computeIfAbsent(new LearnerId(rs.getLong(1)), (l) -> new LinkedHashSet<>())
						.add(rs.getString(2));
				});
		return result;
	}

	/**
	 * The job role codes held by the learners the caller may see, in order: what a job
	 * role filter offers, without reading every learner.
	 */
	public List<String> jobRolesVisibleTo(Authentication caller) {
		Set<Long> members = this.scope.visibleCourseMembers(caller);
		Set<Long> visible = (members != null) ? null : this.scope.visibleOrganisations(caller);
		if ((members != null && members.isEmpty()) || (visible != null && visible.isEmpty())) {
			return List.of();
		}
		String sql = "SELECT DISTINCT r.role_code FROM id_learner_job_role r JOIN id_learner l ON l.id = r.learner_id "
				+ "WHERE l.merged_into_id IS NULL"
				+ ((members != null) ? " AND r.learner_id IN (:members)"
						: (visible != null) ? " AND r.learner_id IN (SELECT learner_id FROM id_learner_organisation "
								+ "WHERE organisation_id IN (:orgs))" : "")
				+ " ORDER BY r.role_code";
		return this.jdbc.queryForList(sql, new MapSqlParameterSource("members", members).addValue("orgs", visible),
				String.class);
	}

	public List<LearnerProfile> learnersVisibleTo(Authentication caller, Collection<String> organisationCodes) {
		Set<Long> members = this.scope.visibleCourseMembers(caller);
		if (members != null) {
			return courseMembers(members, organisationCodes);
		}
		Set<Long> visible = this.scope.visibleOrganisations(caller);
		boolean filtered = organisationCodes != null && !organisationCodes.isEmpty();
		if (visible == null && filtered && organisationCodes.contains(OrganisationSummary.NONE)) {
			// "No organisation", alone or beside organisations
			List<LearnerProfile> result = new ArrayList<>(unassignedProfiles());
			Set<String> others = new HashSet<>(organisationCodes);
			others.remove(OrganisationSummary.NONE);
			if (!others.isEmpty()) {
				result.addAll(learnersVisibleTo(caller, others));
			}
			result.sort(java.util.Comparator.comparing((LearnerProfile p) -> p.id().value()));
			return result;
		}
		Map<Long, OrganisationSummary> all = organisations();
		Set<Long> wanted = (visible == null) ? new HashSet<>(all.keySet()) : new HashSet<>(visible);
		if (filtered) {
			Set<Long> asked = new HashSet<>();
			all.forEach((id, o) -> {
				if (organisationCodes.contains(o.code())
						|| (o.parentCode() != null && organisationCodes.contains(o.parentCode()))) {
					asked.add(id);
				}
			});
			wanted.retainAll(asked);
		}
		// no limit (an administrator's or programme lead's national views): whole tables
		// read once instead of filtered through the organisation index, and everyone in
		// them, those without an organisation too ("No organisation")
		boolean everyOrganisation = visible == null && !filtered;
		if (wanted.isEmpty() && !everyOrganisation) {
			return List.of();
		}
		MapSqlParameterSource params = new MapSqlParameterSource("orgs", wanted);
		Map<Long, Row> rows = new LinkedHashMap<>();
		this.jdbc.query(everyOrganisation
				? "SELECT l.id, l.display_name, l.email FROM id_learner l WHERE l.merged_into_id IS NULL ORDER BY l.id"
				: "SELECT DISTINCT l.id, l.display_name, l.email FROM id_learner l "
						+ "JOIN id_learner_organisation lo ON lo.learner_id = l.id "
						+ "WHERE lo.organisation_id IN (:orgs) AND l.merged_into_id IS NULL ORDER BY l.id",
				params, (rs) -> {
					rows.put(rs.getLong(1),
							new Row(rs.getString(2), rs.getString(3), new TreeSet<>(), new LinkedHashSet<>()));
				});
		if (rows.isEmpty()) {
			return List.of();
		}
		this.jdbc.query(
				everyOrganisation ? "SELECT learner_id, organisation_id FROM id_learner_organisation"
						: "SELECT lo.learner_id, lo.organisation_id FROM id_learner_organisation lo "
								+ "JOIN id_learner l ON l.id = lo.learner_id WHERE l.id IN "
								+ "(SELECT learner_id FROM id_learner_organisation WHERE organisation_id IN (:orgs))",
				params, (rs) -> {
					Row row = rows.get(rs.getLong(1));
					OrganisationSummary org = all.get(rs.getLong(2));
					if (row != null && org != null) {
						row.organisations().add(org.code());
					}
				});
		this.jdbc.query(everyOrganisation ? "SELECT learner_id, role_code FROM id_learner_job_role ORDER BY role_code"
				: "SELECT r.learner_id, r.role_code FROM id_learner_job_role r WHERE r.learner_id IN "
						+ "(SELECT learner_id FROM id_learner_organisation WHERE organisation_id IN (:orgs)) "
						+ "ORDER BY r.role_code",
				params, (rs) -> {
					Row row = rows.get(rs.getLong(1));
					if (row != null) {
						row.roles().add(rs.getString(2));
					}
				});
		List<LearnerProfile> result = new ArrayList<>(rows.size());
		rows.forEach((id, r) -> result.add(new LearnerProfile(new LearnerId(id), r.name(), r.email(),
				List.copyOf(r.organisations()), Set.copyOf(r.roles()))));
		return result;
	}

	/**
	 * How many current learners hold no organisation, for those who see everyone
	 * (administrators, programme leads); null for anyone else.
	 */
	public Long unassignedCount(Authentication caller) {
		if (!seesEveryone(caller)) {
			return null;
		}
		return this.jdbc.getJdbcOperations()
			.queryForObject("SELECT COUNT(*) FROM id_learner l WHERE l.merged_into_id IS NULL AND NOT EXISTS "
					+ "(SELECT 1 FROM id_learner_organisation lo WHERE lo.learner_id = l.id)", Long.class);
	}

	/** A learner without an organisation, with where they arrived from. */
	record Unassigned(long id, String name, String email, java.time.Instant since, List<String> arrivedFrom,
			Set<String> jobRoles) {
	}

	/**
	 * The worklist of learners without an organisation, oldest first, for those who see
	 * everyone.
	 * @throws org.springframework.security.access.AccessDeniedException for anyone else
	 */
	List<Unassigned> unassigned(Authentication caller) {
		if (!seesEveryone(caller)) {
			throw new org.springframework.security.access.AccessDeniedException(
					"learners without an organisation are listed for administrators and programme leads");
		}
		Map<Long, LearnerProfile> profiles = new LinkedHashMap<>();
		unassignedProfiles().forEach((p) -> profiles.put(p.id().value(), p));
		if (profiles.isEmpty()) {
			return List.of();
		}
		Map<Long, java.time.Instant> since = new HashMap<>();
		Map<Long, List<String>> arrived = new HashMap<>();
		MapSqlParameterSource params = new MapSqlParameterSource("ids", profiles.keySet());
		this.jdbc.query("SELECT id, created_at FROM id_learner WHERE id IN (:ids)", params,
				(org.springframework.jdbc.core.RowCallbackHandler) (rs) -> since.put(rs.getLong(1),
						rs.getTimestamp(2).toInstant()));
		this.jdbc.query("SELECT learner_id, issuer, deployment_id FROM id_learner_arrival WHERE learner_id IN (:ids) "
				+ "ORDER BY issuer, deployment_id", params, (rs) -> {
					String deployment = rs.getString(3);
					arrived.computeIfAbsent(rs.getLong(1), (k) -> new ArrayList<>())
						.add(rs.getString(2) + (deployment.isEmpty() ? "" : " (deployment " + deployment + ")"));
				});
		List<Unassigned> result = new ArrayList<>();
		profiles.forEach((id, p) -> result.add(new Unassigned(id, p.name(), p.email(), since.get(id),
				arrived.getOrDefault(id, List.of()), p.jobRoles())));
		return result;
	}

	private boolean seesEveryone(Authentication caller) {
		try {
			return this.scope.course(caller).isEmpty() && this.scope.visibleOrganisations(caller) == null;
		}
		catch (org.springframework.security.access.AccessDeniedException ex) {
			return false;
		}
	}

	/** Current learners who hold no organisation, with their job roles, by id. */
	private List<LearnerProfile> unassignedProfiles() {
		Map<Long, Row> rows = new LinkedHashMap<>();
		this.jdbc.getJdbcOperations()
			.query("SELECT l.id, l.display_name, l.email FROM id_learner l WHERE l.merged_into_id IS NULL AND NOT "
					+ "EXISTS (SELECT 1 FROM id_learner_organisation lo WHERE lo.learner_id = l.id) ORDER BY l.id",
					(org.springframework.jdbc.core.RowCallbackHandler) (rs) -> rows.put(rs.getLong(1),
							new Row(rs.getString(2), rs.getString(3), new TreeSet<>(), new LinkedHashSet<>())));
		if (rows.isEmpty()) {
			return List.of();
		}
		this.jdbc.getJdbcOperations()
			.query("SELECT r.learner_id, r.role_code FROM id_learner_job_role r JOIN id_learner l ON l.id = r.learner_id "
					+ "WHERE l.merged_into_id IS NULL AND NOT EXISTS (SELECT 1 FROM id_learner_organisation lo "
					+ "WHERE lo.learner_id = l.id) ORDER BY r.role_code",
					(org.springframework.jdbc.core.RowCallbackHandler) (rs) -> {
						Row row = rows.get(rs.getLong(1));
						if (row != null) {
							row.roles().add(rs.getString(2));
						}
					});
		List<LearnerProfile> result = new ArrayList<>(rows.size());
		rows.forEach((id, r) -> result
			.add(new LearnerProfile(new LearnerId(id), r.name(), r.email(), List.of(), Set.copyOf(r.roles()))));
		return result;
	}

	/**
	 * These learners' profiles (those not merged away), by record number: three reads for
	 * a page of learners, not three per learner.
	 */
	public List<LearnerProfile> profiles(Collection<Long> learners) {
		return courseMembers(new LinkedHashSet<>(learners), null);
	}

	/**
	 * A course's members as profiles, narrowed to some organisations when asked (members
	 * without an organisation then drop out).
	 */
	private List<LearnerProfile> courseMembers(Set<Long> members, Collection<String> organisationCodes) {
		if (members.isEmpty()) {
			return List.of();
		}
		Map<Long, OrganisationSummary> all = organisations();
		MapSqlParameterSource params = new MapSqlParameterSource("ids", members);
		Map<Long, Row> rows = new LinkedHashMap<>();
		this.jdbc.query("SELECT id, display_name, email FROM id_learner WHERE id IN (:ids) AND merged_into_id IS NULL "
				+ "ORDER BY id", params, (rs) -> {
					rows.put(rs.getLong(1),
							new Row(rs.getString(2), rs.getString(3), new TreeSet<>(), new LinkedHashSet<>()));
				});
		this.jdbc.query("SELECT learner_id, organisation_id FROM id_learner_organisation WHERE learner_id IN (:ids)",
				params, (rs) -> {
					Row row = rows.get(rs.getLong(1));
					OrganisationSummary org = all.get(rs.getLong(2));
					if (row != null && org != null) {
						row.organisations().add(org.code());
					}
				});
		this.jdbc.query("SELECT learner_id, role_code FROM id_learner_job_role WHERE learner_id IN (:ids) "
				+ "ORDER BY role_code", params, (rs) -> {
					Row row = rows.get(rs.getLong(1));
					if (row != null) {
						row.roles().add(rs.getString(2));
					}
				});
		Map<String, String> parents = new HashMap<>();
		all.values().forEach((o) -> parents.put(o.code(), o.parentCode()));
		List<LearnerProfile> result = new ArrayList<>(rows.size());
		rows.forEach((id, r) -> {
			boolean wanted = organisationCodes == null || organisationCodes.isEmpty()
					|| (r.organisations().isEmpty() && organisationCodes.contains(OrganisationSummary.NONE))
					|| r.organisations()
						.stream()
						.anyMatch((code) -> organisationCodes.contains(code)
								|| organisationCodes.contains(parents.get(code)));
			if (wanted) {
				result.add(new LearnerProfile(new LearnerId(id), r.name(), r.email(), List.copyOf(r.organisations()),
						Set.copyOf(r.roles())));
			}
		});
		return result;
	}

	/**
	 * Current learners (not merged away) who have a job role, by id after
	 * {@code afterId}, for work that goes through every learner a page at a time
	 * (reminders of expiry). Not scoped to a caller: the service itself asks.
	 */
	public List<LearnerProfile> withJobRoles(long afterId, int limit) {
		Map<Long, OrganisationSummary> all = organisations();
		MapSqlParameterSource params = new MapSqlParameterSource("after", afterId).addValue("limit", limit);
		Map<Long, Row> rows = new LinkedHashMap<>();
		this.jdbc.query("SELECT l.id, l.display_name, l.email FROM id_learner l WHERE l.id > :after "
				+ "AND l.merged_into_id IS NULL AND EXISTS (SELECT 1 FROM id_learner_job_role r WHERE r.learner_id = l.id) "
				+ "ORDER BY l.id LIMIT :limit", params, (rs) -> {
					rows.put(rs.getLong(1),
							new Row(rs.getString(2), rs.getString(3), new TreeSet<>(), new LinkedHashSet<>()));
				});
		if (rows.isEmpty()) {
			return List.of();
		}
		MapSqlParameterSource ids = new MapSqlParameterSource("ids", rows.keySet());
		this.jdbc.query("SELECT learner_id, organisation_id FROM id_learner_organisation WHERE learner_id IN (:ids)",
				ids, (rs) -> {
					OrganisationSummary org = all.get(rs.getLong(2));
					if (org != null) {
						rows.get(rs.getLong(1)).organisations().add(org.code());
					}
				});
		this.jdbc.query("SELECT learner_id, role_code FROM id_learner_job_role WHERE learner_id IN (:ids) "
				+ "ORDER BY role_code", ids, (rs) -> {
					rows.get(rs.getLong(1)).roles().add(rs.getString(2));
				});
		List<LearnerProfile> result = new ArrayList<>(rows.size());
		rows.forEach((id, r) -> result.add(new LearnerProfile(new LearnerId(id), r.name(), r.email(),
				List.copyOf(r.organisations()), Set.copyOf(r.roles()))));
		return result;
	}

	/** Every organisation, by code; not scoped to a caller. */
	public List<OrganisationSummary> allOrganisations() {
		return List.copyOf(organisations().values());
	}

	private Map<Long, OrganisationSummary> organisations() {
		Map<Long, String[]> raw = new LinkedHashMap<>();
		this.jdbc.query("SELECT id, code, name, kind, parent_id FROM id_organisation ORDER BY code", (rs) -> {
			raw.put(rs.getLong(1), new String[] { rs.getString(2), rs.getString(3), rs.getString(4),
					(rs.getObject(5) != null) ? Long.toString(rs.getLong(5)) : null });
		});
		Map<Long, OrganisationSummary> result = new LinkedHashMap<>();
		Map<Long, String> codes = new HashMap<>();
		raw.forEach((id, r) -> codes.put(id, r[0]));
		raw.forEach((id, r) -> result.put(id, new OrganisationSummary(r[0], r[1], OrganisationKind.valueOf(r[2]),
				(r[3] != null) ? codes.get(Long.valueOf(r[3])) : null)));
		return result;
	}

	private record Row(String name, String email, TreeSet<String> organisations, Set<String> roles) {
	}

}
