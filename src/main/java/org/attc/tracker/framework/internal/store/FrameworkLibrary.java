package org.attc.tracker.framework.internal.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.attc.tracker.framework.internal.document.FrameworkDocument;
import org.attc.tracker.framework.internal.document.Item;
import org.attc.tracker.framework.internal.document.RoleProfileSpec;
import org.attc.tracker.framework.internal.document.VersionDiff;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads frameworks, their versions and role profiles for the API and the pages. */
@Service
@Transactional(readOnly = true)
public class FrameworkLibrary {

	private final FrameworkRepository frameworks;

	private final FrameworkVersionRepository versions;

	private final ProfileRepository profiles;

	private final VersionContents contents;

	FrameworkLibrary(FrameworkRepository frameworks, FrameworkVersionRepository versions, ProfileRepository profiles,
			VersionContents contents) {
		this.frameworks = frameworks;
		this.versions = versions;
		this.profiles = profiles;
		this.contents = contents;
	}

	/** A framework with its versions, newest first. */
	public record Entry(Framework framework, List<FrameworkVersion> versions) {

		public Optional<FrameworkVersion> current() {
			return this.versions.stream().filter((v) -> v.id().equals(this.framework.currentVersionId())).findFirst();
		}

	}

	/** A version's content with the framework it belongs to. */
	public record Shown(Framework framework, FrameworkVersion version, FrameworkDocument document,
			List<Profile> profiles) {

	}

	public List<Entry> all() {
		List<Entry> all = new ArrayList<>();
		for (Framework framework : this.frameworks.findAllByOrderByTitleAsc()) {
			all.add(new Entry(framework, this.versions.findByFrameworkIdOrderByNumberDesc(framework.id())));
		}
		return all;
	}

	public Optional<Entry> entry(long frameworkId) {
		return this.frameworks.findById(frameworkId)
			.map((f) -> new Entry(f, this.versions.findByFrameworkIdOrderByNumberDesc(f.id())));
	}

	public Optional<Framework> byDocumentIdentifier(String documentIdentifier) {
		return this.frameworks.findByDocumentIdentifier(documentIdentifier);
	}

	/** The current version, or the numbered one. */
	public Optional<Shown> show(long frameworkId, Integer number) {
		Optional<Framework> framework = this.frameworks.findById(frameworkId);
		if (framework.isEmpty() || framework.get().currentVersionId() == null) {
			return Optional.empty();
		}
		Optional<FrameworkVersion> version = (number == null)
				? this.versions.findById(framework.get().currentVersionId())
				: this.versions.findByFrameworkIdAndNumber(frameworkId, number);
		return version.map((v) -> new Shown(framework.get(), v, this.contents.document(v.id()),
				this.profiles.findByFrameworkIdOrderByNameAsc(frameworkId)));
	}

	public VersionDiff diff(FrameworkVersion version) {
		return this.contents.readDiff(version.diff());
	}

	/** Items whose code, title or statement contain the words of the query. */
	public static List<Item> search(FrameworkDocument document, String query) {
		if (query == null || query.isBlank()) {
			return document.treeOrder();
		}
		String[] words = query.toLowerCase(Locale.ROOT).strip().split("\\s+");
		return document.treeOrder().stream().filter((item) -> {
			String text = (nullToEmpty(item.code()) + " " + nullToEmpty(item.title()) + " "
					+ nullToEmpty(item.statement()) + " " + nullToEmpty(item.notes()))
				.toLowerCase(Locale.ROOT);
			for (String word : words) {
				if (!text.contains(word)) {
					return false;
				}
			}
			return true;
		}).toList();
	}

	/** The framework's role profiles as the native format writes them. */
	public List<RoleProfileSpec> profileSpecs(long frameworkId) {
		return this.profiles.findByFrameworkIdOrderByNameAsc(frameworkId)
			.stream()
			.map((p) -> new RoleProfileSpec(p.code(), p.name(), p.description(),
					p.requirements()
						.stream()
						.map((r) -> new RoleProfileSpec.RequirementSpec(r.capabilityIdentifier(), r.tierRank(),
								r.mandatory(), null))
						.toList(),
					null))
			.toList();
	}

	private static String nullToEmpty(String value) {
		return (value == null) ? "" : value;
	}

}
