package org.attc.tracker.framework.internal.store;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.attc.tracker.framework.internal.document.FrameworkDocument;
import org.attc.tracker.framework.internal.document.InvalidFramework;
import org.attc.tracker.framework.internal.document.Item;
import org.attc.tracker.framework.internal.document.Problems;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Administrators edit a framework's role profiles against its current version. */
@Service
public class RoleProfiles {

	private final FrameworkRepository frameworks;

	private final ProfileRepository profiles;

	private final VersionContents contents;

	RoleProfiles(FrameworkRepository frameworks, ProfileRepository profiles, VersionContents contents) {
		this.frameworks = frameworks;
		this.profiles = profiles;
		this.contents = contents;
	}

	/**
	 * Creates or replaces the role profile {@code code}: every requirement must name a
	 * capability of the current version and a tier of its scale.
	 */
	@Transactional
	public Profile save(long frameworkId, String code, String name, String description,
			List<Profile.Requirement> requirements) {
		Framework framework = this.frameworks.findById(frameworkId)
			.orElseThrow(() -> new IllegalArgumentException("no framework " + frameworkId));
		FrameworkDocument document = this.contents.document(framework.currentVersionId());
		Map<String, Item> items = document.itemsById();
		Problems problems = new Problems();
		if (code == null || !code.strip().matches("[A-Za-z0-9._-]{1,50}")) {
			problems.add("code", "The role code must be 1 to 50 letters, digits, dots, dashes or underscores.");
		}
		if (name == null || name.isBlank()) {
			problems.add("name", "The role needs a name.");
		}
		Set<String> seen = new HashSet<>();
		for (Profile.Requirement requirement : requirements) {
			Item item = items.get(requirement.capabilityIdentifier());
			if (item == null || !item.isCapability()) {
				problems.add("requirements",
						requirement.capabilityIdentifier() + " is not a capability of the framework.");
			}
			if (document.tierScale().byRank(requirement.tierRank()).isEmpty()) {
				problems.add("requirements",
						"Tier " + requirement.tierRank() + " is not on the framework's tier scale.");
			}
			if (!seen.add(requirement.capabilityIdentifier())) {
				problems.add("requirements", requirement.capabilityIdentifier() + " is listed twice.");
			}
		}
		if (!problems.isEmpty()) {
			throw new InvalidFramework(problems.list());
		}
		Profile profile = this.profiles.findByFrameworkIdAndCode(frameworkId, code.strip()).orElse(null);
		if (profile == null) {
			profile = new Profile(frameworkId, code, name, description);
		}
		else {
			profile.rename(name, description);
		}
		profile.require(requirements);
		return this.profiles.save(profile);
	}

}
