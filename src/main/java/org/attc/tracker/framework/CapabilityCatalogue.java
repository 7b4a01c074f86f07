package org.attc.tracker.framework;

import java.util.List;
import java.util.Optional;

import org.attc.tracker.framework.internal.document.FrameworkDocument;
import org.attc.tracker.framework.internal.document.Item;
import org.attc.tracker.framework.internal.store.ItemIndex;
import org.attc.tracker.framework.internal.store.Profile;
import org.attc.tracker.framework.internal.store.ProfileRepository;
import org.attc.tracker.framework.internal.store.VersionContents;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Look-ups other modules make against the current version of each published framework:
 * capabilities by identifier, URI or human code, tier scales and role profiles.
 */
@Service
@Transactional(readOnly = true)
public class CapabilityCatalogue {

	private static final String CURRENT_CAPABILITIES = "SELECT i.framework_id, i.version_id, i.identifier "
			+ "FROM fw_item i JOIN fw_framework f ON f.current_version_id = i.version_id "
			+ "WHERE f.status = 'PUBLISHED' AND i.kind = 'CAPABILITY' ";

	private final JdbcTemplate jdbc;

	private final VersionContents contents;

	private final ProfileRepository profiles;

	CapabilityCatalogue(JdbcTemplate jdbc, VersionContents contents, ProfileRepository profiles) {
		this.jdbc = jdbc;
		this.contents = contents;
		this.profiles = profiles;
	}

	/**
	 * The capability with this identifier (CASE GUID) or URI in the current version of a
	 * published framework.
	 */
	public Optional<Capability> capability(String identifierOrUri) {
		if (identifierOrUri == null || identifierOrUri.isBlank()) {
			return Optional.empty();
		}
		return first(this.jdbc.query(CURRENT_CAPABILITIES + "AND (i.identifier = ? OR i.uri_hash = ?) ORDER BY f.id",
				this::row, identifierOrUri, ItemIndex.hash(identifierOrUri)));
	}

	/** The capability with this human code in the current version of one framework. */
	public Optional<Capability> capabilityByCode(long frameworkId, String code) {
		return first(this.jdbc.query(CURRENT_CAPABILITIES + "AND i.framework_id = ? AND i.code = ?", this::row,
				frameworkId, code));
	}

	/**
	 * Capabilities with this human code across the current versions of all frameworks.
	 */
	public List<Capability> capabilitiesByCode(String code) {
		return this.jdbc.query(CURRENT_CAPABILITIES + "AND i.code = ? ORDER BY f.id", this::row, code)
			.stream()
			.map(this::capability)
			.flatMap(Optional::stream)
			.toList();
	}

	/**
	 * Every capability of the current versions of the published frameworks, for pickers:
	 * ordered by framework, then by domain path and code.
	 */
	public List<Capability> allCapabilities() {
		return this.jdbc.query(CURRENT_CAPABILITIES + "ORDER BY f.id, i.id", this::row)
			.stream()
			.map(this::capability)
			.flatMap(Optional::stream)
			.sorted(java.util.Comparator.comparing((Capability c) -> c.frameworkId())
				.thenComparing((c) -> String.join("\u0000", c.domainPath()))
				.thenComparing((c) -> (c.code() != null) ? c.code() : c.title()))
			.toList();
	}

	/**
	 * {@link #allCapabilities()} grouped for a picker: by domain path (joined with " ›
	 * "), in the same order; capabilities outside any domain under "Other capabilities".
	 */
	public java.util.Map<String, List<Capability>> capabilitiesByDomain() {
		java.util.Map<String, List<Capability>> groups = new java.util.LinkedHashMap<>();
		for (Capability capability : allCapabilities()) {
			String domain = capability.domainPath().isEmpty() ? "Other capabilities"
					: String.join(" › ", capability.domainPath());
			groups.computeIfAbsent(domain, (d) -> new java.util.ArrayList<>()).add(capability);
		}
		return groups;
	}

	/** Published frameworks with their current versions, by title. */
	public List<PublishedFramework> publishedFrameworks() {
		return this.jdbc.query(
				"SELECT f.id, f.title, v.id AS version_id, v.number, v.version_label "
						+ "FROM fw_framework f JOIN fw_framework_version v ON v.id = f.current_version_id "
						+ "WHERE f.status = 'PUBLISHED' ORDER BY f.title, f.id",
				(rs, n) -> new PublishedFramework(rs.getLong("id"), rs.getString("title"), rs.getLong("version_id"),
						rs.getInt("number"), rs.getString("version_label")));
	}

	/** The tier scale of a framework's current version. */
	public Optional<TierScale> tierScale(long frameworkId) {
		return currentVersion(frameworkId).map((v) -> this.contents.document(v).tierScale());
	}

	/** The role profiles of a framework, by name. */
	public List<RoleProfile> roleProfiles(long frameworkId) {
		return this.profiles.findByFrameworkIdOrderByNameAsc(frameworkId)
			.stream()
			.map(CapabilityCatalogue::of)
			.toList();
	}

	/** One role profile of a framework by its code. */
	/**
	 * The role profiles with these codes in every framework that has a published version:
	 * a learner's job roles select them.
	 * @param codes role profile codes (a learner's job roles)
	 * @return the matching profiles
	 */
	public List<RoleProfile> roleProfilesWithCodes(java.util.Collection<String> codes) {
		if (codes.isEmpty()) {
			return List.of();
		}
		java.util.Set<Long> published = new java.util.HashSet<>(this.jdbc.queryForList(
				"SELECT id FROM fw_framework WHERE status = 'PUBLISHED' AND current_version_id IS NOT NULL",
				Long.class));
		return this.profiles.findByCodeIn(codes)
			.stream()
			.filter((p) -> published.contains(p.frameworkId()))
			.map(CapabilityCatalogue::of)
			.toList();
	}

	public Optional<RoleProfile> roleProfile(long frameworkId, String code) {
		return this.profiles.findByFrameworkIdAndCode(frameworkId, code).map(CapabilityCatalogue::of);
	}

	private Optional<Long> currentVersion(long frameworkId) {
		return this.jdbc
			.query("SELECT current_version_id FROM fw_framework WHERE id = ? AND current_version_id IS NOT NULL",
					(rs, n) -> rs.getLong(1), frameworkId)
			.stream()
			.findFirst();
	}

	private record Row(long frameworkId, long versionId, String identifier) {

	}

	private Row row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new Row(rs.getLong(1), rs.getLong(2), rs.getString(3));
	}

	private Optional<Capability> first(List<Row> rows) {
		return rows.stream().findFirst().flatMap(this::capability);
	}

	private Optional<Capability> capability(Row row) {
		FrameworkDocument document = this.contents.document(row.versionId());
		return document.item(row.identifier())
			.map((Item item) -> new Capability(item.identifier(), item.uri(), item.code(), item.label(),
					item.statement(), document.domainPath(item), row.frameworkId(), row.versionId(),
					document.tierScale()));
	}

	private static RoleProfile of(Profile profile) {
		return new RoleProfile(profile.frameworkId(), profile.code(), profile.name(),
				profile.requirements()
					.stream()
					.map((r) -> new RoleProfile.Requirement(r.capabilityIdentifier(), r.tierRank(), r.mandatory()))
					.toList());
	}

}
