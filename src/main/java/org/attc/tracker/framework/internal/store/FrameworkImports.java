package org.attc.tracker.framework.internal.store;

import java.nio.charset.Charset;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.attc.tracker.framework.FrameworkProperties;
import org.attc.tracker.framework.FrameworkPublished;
import org.attc.tracker.framework.internal.document.FrameworkDocument;
import org.attc.tracker.framework.internal.document.Item;
import org.attc.tracker.framework.internal.document.RoleProfileSpec;
import org.attc.tracker.framework.internal.document.VersionDiff;
import org.attc.tracker.framework.internal.format.CasePackageFormat;
import org.attc.tracker.framework.internal.document.Problems;
import org.attc.tracker.framework.internal.document.Relation;
import org.attc.tracker.framework.internal.format.FrameworkFiles;
import org.attc.tracker.framework.internal.format.MoodleCsvFormat;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Imports framework files: a file with a new document identifier makes a new framework,
 * one with a known identifier a new version of it. The whole file is checked before
 * anything is written, and a version is written in one transaction.
 */
@Service
public class FrameworkImports {

	private final FrameworkRepository frameworks;

	private final FrameworkVersionRepository versions;

	private final ProfileRepository profiles;

	private final VersionContents contents;

	private final ItemIndex index;

	private final ApplicationEventPublisher events;

	private final FrameworkProperties properties;

	private final Clock clock;

	FrameworkImports(FrameworkRepository frameworks, FrameworkVersionRepository versions, ProfileRepository profiles,
			VersionContents contents, ItemIndex index, ApplicationEventPublisher events,
			FrameworkProperties properties) {
		this.frameworks = frameworks;
		this.versions = versions;
		this.profiles = profiles;
		this.contents = contents;
		this.index = index;
		this.events = events;
		this.properties = properties;
		this.clock = Clock.systemUTC();
	}

	/** Reads and checks a file; throws InvalidFramework with every problem. */
	public FrameworkDocument read(byte[] bytes, String mediaType, Charset charset) {
		return withUris(matchedByCode(FrameworkFiles.read(bytes, mediaType, charset)));
	}

	/**
	 * A Moodle CSV has no identifiers of ours unless we wrote it; Moodle's own export
	 * keeps only ID numbers. So a CSV for a framework that is here takes the current
	 * version's identifiers for items with the same code, and its capabilities keep
	 * matching across the trip through Moodle.
	 */
	private FrameworkDocument matchedByCode(FrameworkDocument document) {
		if (!MoodleCsvFormat.NAME.equals(document.sourceFormat())) {
			return document;
		}
		Framework framework = this.frameworks.findByDocumentIdentifier(document.identifier()).orElse(null);
		if (framework == null || framework.currentVersionId() == null) {
			return document;
		}
		Map<String, String> byCode = new HashMap<>();
		for (Item item : this.contents.document(framework.currentVersionId()).items()) {
			if (item.code() != null) {
				byCode.put(item.code(), item.identifier());
			}
		}
		Map<String, String> rename = new HashMap<>();
		for (Item item : document.items()) {
			boolean derived = item.extensions() != null
					&& item.extensions().path(MoodleCsvFormat.EXTENSION).path(MoodleCsvFormat.DERIVED).asBoolean(false);
			String known = byCode.get(item.code());
			if (derived && known != null && !known.equals(item.identifier())) {
				rename.put(item.identifier(), known);
			}
		}
		if (rename.isEmpty()) {
			return document;
		}
		List<Item> items = document.items()
			.stream()
			.map((i) -> new Item(rename.getOrDefault(i.identifier(), i.identifier()), i.uri(), i.code(), i.type(),
					i.kind(), i.title(), i.statement(), i.notes(),
					(i.parent() == null) ? null : rename.getOrDefault(i.parent(), i.parent()), i.position(),
					i.descriptors(), i.extensions(), i.at()))
			.toList();
		List<Relation> relations = document.relations()
			.stream()
			.map((r) -> new Relation(r.identifier(), r.type(), rename.getOrDefault(r.origin(), r.origin()),
					rename.getOrDefault(r.destination(), r.destination()), r.sequence(), r.extensions(), r.at()))
			.toList();
		FrameworkDocument renamed = new FrameworkDocument(document.identifier(), document.uri(), document.title(),
				document.publisher(), document.licence(), document.versionLabel(), document.description(),
				document.illustrative(), document.tiers(), items, relations, document.roleProfiles(),
				document.extensions(), document.sourceFormat());
		Problems problems = new Problems();
		renamed.validate(problems);
		problems.throwIfAny();
		return renamed;
	}

	@Transactional(readOnly = true)
	public ImportPreview preview(FrameworkDocument document) {
		Optional<Framework> existing = this.frameworks.findByDocumentIdentifier(document.identifier());
		return preview(document, existing.orElse(null));
	}

	private ImportPreview preview(FrameworkDocument document, Framework existing) {
		if (existing == null || existing.currentVersionId() == null) {
			return new ImportPreview(document, null, 1, VersionDiff.first(document), false, List.of());
		}
		FrameworkVersion current = this.versions.findById(existing.currentVersionId()).orElseThrow();
		FrameworkDocument before = this.contents.document(current.id());
		boolean unchanged = Objects.equals(this.contents.write(before), this.contents.write(document));
		int next = this.versions.findByFrameworkIdOrderByNumberDesc(existing.id()).get(0).number() + 1;
		return new ImportPreview(document, existing.id(), next, VersionDiff.between(before, document), unchanged,
				dropped(existing.id(), document));
	}

	private List<ImportPreview.DroppedRequirement> dropped(Long frameworkId, FrameworkDocument document) {
		if (document.roleProfiles() != null) {
			return List.of();
		}
		Set<String> capabilities = capabilityIds(document);
		List<ImportPreview.DroppedRequirement> dropped = new ArrayList<>();
		for (Profile profile : this.profiles.findByFrameworkIdOrderByNameAsc(frameworkId)) {
			for (Profile.Requirement requirement : profile.requirements()) {
				if (!capabilities.contains(requirement.capabilityIdentifier())) {
					dropped
						.add(new ImportPreview.DroppedRequirement(profile.code(), requirement.capabilityIdentifier()));
				}
			}
		}
		return dropped;
	}

	/**
	 * Saves the document as the new current version of its framework (creating the
	 * framework when its identifier is new) and publishes {@link FrameworkPublished}.
	 * Importing the current version again changes nothing.
	 */
	@Transactional
	public ImportResult commit(FrameworkDocument document, String importedBy) {
		Instant now = this.clock.instant();
		Framework framework = this.frameworks.lockByDocumentIdentifier(document.identifier()).orElse(null);
		ImportPreview preview = preview(document, framework);
		if (preview.unchanged()) {
			FrameworkVersion current = this.versions.findById(framework.currentVersionId()).orElseThrow();
			return new ImportResult(framework.id(), framework.documentIdentifier(), framework.title(), current.id(),
					current.number(), false, preview.diff(), List.of());
		}
		if (framework == null) {
			framework = this.frameworks.save(Framework.of(document, now));
		}
		FrameworkVersion version = this.versions.save(new FrameworkVersion(framework.id(), preview.number(),
				document.versionLabel(), document.sourceFormat(), now, importedBy, document.items().size(),
				document.capabilities().size(), this.contents.write(document), this.contents.write(preview.diff())));
		this.index.write(framework.id(), version.id(), document);
		List<ImportPreview.DroppedRequirement> dropped = applyRoleProfiles(framework.id(), document);
		framework.publish(version, document, now);
		this.frameworks.save(framework);
		this.events.publishEvent(new FrameworkPublished(framework.id(), version.id(), framework.documentIdentifier()));
		return new ImportResult(framework.id(), framework.documentIdentifier(), framework.title(), version.id(),
				version.number(), true, preview.diff(), dropped);
	}

	/**
	 * Retires or re-publishes a framework; publishing again announces its current version
	 * with {@link FrameworkPublished}.
	 */
	@Transactional
	public Framework changeStatus(long frameworkId, FrameworkStatus status) {
		Framework framework = this.frameworks.findById(frameworkId)
			.orElseThrow(() -> new IllegalArgumentException("no framework " + frameworkId));
		boolean republished = status == FrameworkStatus.PUBLISHED && framework.status() != FrameworkStatus.PUBLISHED;
		framework.changeStatus(status, this.clock.instant());
		this.frameworks.save(framework);
		if (republished) {
			this.events.publishEvent(new FrameworkPublished(framework.id(), framework.currentVersionId(),
					framework.documentIdentifier()));
		}
		return framework;
	}

	private List<ImportPreview.DroppedRequirement> applyRoleProfiles(Long frameworkId, FrameworkDocument document) {
		List<Profile> existing = this.profiles.findByFrameworkIdOrderByNameAsc(frameworkId);
		if (document.roleProfiles() == null) {
			Set<String> capabilities = capabilityIds(document);
			List<ImportPreview.DroppedRequirement> dropped = new ArrayList<>();
			for (Profile profile : existing) {
				profile.keepOnly(capabilities)
					.forEach((r) -> dropped
						.add(new ImportPreview.DroppedRequirement(profile.code(), r.capabilityIdentifier())));
				this.profiles.save(profile);
			}
			return dropped;
		}
		// the file states the role profiles: they replace the framework's
		this.profiles.deleteAll(existing);
		this.profiles.flush();
		for (RoleProfileSpec spec : document.roleProfiles()) {
			Profile profile = new Profile(frameworkId, spec.code(), spec.name(), spec.description());
			profile.require(spec.requirements()
				.stream()
				.map((r) -> new Profile.Requirement(r.capability(), r.tierRank(), r.mandatory()))
				.toList());
			this.profiles.save(profile);
		}
		return List.of();
	}

	private static Set<String> capabilityIds(FrameworkDocument document) {
		return document.capabilities().stream().map(Item::identifier).collect(Collectors.toSet());
	}

	/** Mints CASE URIs for the document and items that arrived without one. */
	private FrameworkDocument withUris(FrameworkDocument document) {
		String base = this.properties.baseUri() + CasePackageFormat.REST_BASE;
		List<Item> items = document.items()
			.stream()
			.map((i) -> (i.uri() != null) ? i : i.withUri(base + "/CFItems/" + i.identifier()))
			.toList();
		String uri = (document.uri() != null) ? document.uri() : base + "/CFDocuments/" + document.identifier();
		return new FrameworkDocument(document.identifier(), uri, document.title(), document.publisher(),
				document.licence(), document.versionLabel(), document.description(), document.illustrative(),
				document.tiers(), items, document.relations(), document.roleProfiles(), document.extensions(),
				document.sourceFormat());
	}

}
