package org.attc.tracker.framework.internal.document;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.attc.tracker.framework.Tier;
import org.attc.tracker.framework.TierScale;
import tools.jackson.databind.node.ObjectNode;

/**
 * One version of a framework as read from a file: its metadata, tier scale, items (a tree
 * of domains and capabilities), relations and, when the file states them, role profiles.
 * Immutable; stored as JSON per version.
 *
 * @param identifier document identifier (CASE {@code CFDocument.identifier}); a file with
 * the identifier of a stored framework is a new version of it
 * @param uri document URI
 * @param title title
 * @param publisher publisher
 * @param licence licence name or URI
 * @param versionLabel the version as the publisher names it
 * @param description description
 * @param illustrative marks the sample written by this project
 * @param tiers the tier scale
 * @param items items in source order
 * @param relations every association, child-of included, in source order
 * @param roleProfiles role profiles, {@code null} when the file says nothing about them
 * (CASE, Moodle): the framework's profiles then stay as they are
 * @param extensions what a source format carries that the model does not name
 * @param sourceFormat the format the version was imported from
 */
public record FrameworkDocument(String identifier, String uri, String title, String publisher, String licence,
		String versionLabel, String description, boolean illustrative, List<Tier> tiers, List<Item> items,
		List<Relation> relations, List<RoleProfileSpec> roleProfiles, ObjectNode extensions, String sourceFormat) {

	public FrameworkDocument {
		tiers = List.copyOf(tiers);
		items = List.copyOf(items);
		relations = List.copyOf(relations);
		roleProfiles = (roleProfiles == null) ? null : List.copyOf(roleProfiles);
	}

	public TierScale tierScale() {
		return new TierScale(this.tiers);
	}

	public Optional<Item> item(String identifier) {
		return this.items.stream().filter((i) -> i.identifier().equals(identifier)).findFirst();
	}

	public Map<String, Item> itemsById() {
		Map<String, Item> byId = new LinkedHashMap<>();
		for (Item item : this.items) {
			byId.putIfAbsent(item.identifier(), item);
		}
		return byId;
	}

	public List<Item> capabilities() {
		return this.items.stream().filter(Item::isCapability).toList();
	}

	/** Children of an item ({@code null}: the top level), in sibling order. */
	public List<Item> children(String parent) {
		return this.items.stream()
			.filter((i) -> (parent == null) ? i.parent() == null : parent.equals(i.parent()))
			.sorted(Comparator.comparingInt(Item::position))
			.toList();
	}

	/** Titles of the items above this one, outermost first. */
	public List<String> domainPath(Item item) {
		Map<String, Item> byId = itemsById();
		List<String> path = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		String parent = item.parent();
		while (parent != null && seen.add(parent) && byId.containsKey(parent)) {
			Item p = byId.get(parent);
			path.add(0, p.label());
			parent = p.parent();
		}
		return path;
	}

	/** The items in tree order (pre-order), for readers and exports. */
	public List<Item> treeOrder() {
		List<Item> ordered = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		walk(null, ordered, seen);
		return ordered;
	}

	private void walk(String parent, List<Item> into, Set<String> seen) {
		for (Item child : children(parent)) {
			if (seen.add(child.identifier())) {
				into.add(child);
				walk(child.identifier(), into, seen);
			}
		}
	}

	public int depth(Item item) {
		return domainPath(item).size();
	}

	public FrameworkDocument withItems(List<Item> items) {
		return new FrameworkDocument(this.identifier, this.uri, this.title, this.publisher, this.licence,
				this.versionLabel, this.description, this.illustrative, this.tiers, items, this.relations,
				this.roleProfiles, this.extensions, this.sourceFormat);
	}

	public FrameworkDocument withRoleProfiles(List<RoleProfileSpec> roleProfiles) {
		return new FrameworkDocument(this.identifier, this.uri, this.title, this.publisher, this.licence,
				this.versionLabel, this.description, this.illustrative, this.tiers, this.items, this.relations,
				roleProfiles, this.extensions, this.sourceFormat);
	}

	/**
	 * Sets the kind of items whose source did not state it: a type name that says domain
	 * or capability wins, otherwise items with children are domains and leaves are
	 * capabilities.
	 */
	public FrameworkDocument withResolvedKinds() {
		Set<String> parents = new HashSet<>();
		for (Item item : this.items) {
			if (item.parent() != null) {
				parents.add(item.parent());
			}
		}
		List<Item> resolved = new ArrayList<>();
		for (Item item : this.items) {
			if (item.kind() != null) {
				resolved.add(item);
				continue;
			}
			ItemKind kind = ItemKind.fromTypeName(item.type());
			if (kind == null) {
				kind = parents.contains(item.identifier()) ? ItemKind.DOMAIN : ItemKind.CAPABILITY;
			}
			resolved.add(item.withKind(kind));
		}
		return withItems(resolved);
	}

	/**
	 * Every consistency rule of the model; format readers check their own syntax first.
	 */
	public void validate(Problems problems) {
		if (blank(this.identifier)) {
			problems.add("document", "The framework has no identifier.");
		}
		if (blank(this.title)) {
			problems.add("document", "The framework has no title.");
		}
		Map<String, Item> byId = new HashMap<>();
		Map<String, Item> byCode = new HashMap<>();
		for (Item item : this.items) {
			if (blank(item.identifier())) {
				problems.add(item.at(), "The item has no identifier.");
				continue;
			}
			if (item.identifier().equals(this.identifier)) {
				problems.add(item.at(), "Item identifier " + item.identifier() + " is the document's identifier.");
			}
			Item earlier = byId.putIfAbsent(item.identifier(), item);
			if (earlier != null) {
				problems.add(item.at(),
						"Duplicate identifier " + item.identifier() + " (first used at " + earlier.at() + ").");
			}
			if (!blank(item.code())) {
				Item sameCode = byCode.putIfAbsent(item.code(), item);
				if (sameCode != null && sameCode != item && earlier == null) {
					problems.add(item.at(),
							"Duplicate human code " + item.code() + " (first used at " + sameCode.at() + ").");
				}
			}
			if (blank(item.statement()) && blank(item.title())) {
				problems.add(item.at(), "The item has neither a statement nor a title.");
			}
		}
		checkHierarchy(byId, problems);
		checkRelations(byId, problems);
		checkTiers(problems);
		checkRoleProfiles(byId, problems);
	}

	private void checkHierarchy(Map<String, Item> byId, Problems problems) {
		for (Item item : this.items) {
			if (item.parent() != null && !byId.containsKey(item.parent())) {
				problems.add(item.at(),
						"The parent " + item.parent() + " of item " + item.identifier() + " is not in the framework.");
			}
		}
		// a cycle: following parents from an item comes back to it
		Set<String> reported = new HashSet<>();
		for (Item item : this.items) {
			Set<String> path = new HashSet<>();
			String current = item.identifier();
			while (current != null && byId.containsKey(current)) {
				if (!path.add(current)) {
					if (reported.add(current)) {
						problems.add(byId.get(current).at(),
								"The hierarchy has a cycle through item " + describe(byId.get(current)) + ".");
					}
					break;
				}
				current = byId.get(current).parent();
			}
		}
	}

	private void checkRelations(Map<String, Item> byId, Problems problems) {
		Set<String> ids = new HashSet<>();
		for (Relation relation : this.relations) {
			if (relation.identifier() != null && !ids.add(relation.identifier())) {
				problems.add(relation.at(), "Duplicate association identifier " + relation.identifier() + ".");
			}
			if (relation.origin() == null || !byId.containsKey(relation.origin())) {
				problems.add(relation.at(), "The association's origin " + relation.origin()
						+ " is not an item of the framework (dangling association).");
			}
			boolean toDocument = relation.destination() != null && relation.destination().equals(this.identifier);
			if (relation.destination() == null || (!byId.containsKey(relation.destination())
					&& !(toDocument && relation.type() == RelationType.CHILD_OF))) {
				problems.add(relation.at(), "The association's destination " + relation.destination()
						+ " is not in the framework (dangling association).");
			}
			if (relation.origin() != null && relation.origin().equals(relation.destination())) {
				problems.add(relation.at(), "The association links item " + relation.origin() + " to itself.");
			}
		}
	}

	private void checkTiers(Problems problems) {
		Set<Integer> ranks = new HashSet<>();
		Set<String> codes = new HashSet<>();
		for (Tier tier : this.tiers) {
			if (!ranks.add(tier.rank())) {
				problems.add("tiers", "Two tiers have rank " + tier.rank() + ".");
			}
			if (!codes.add(tier.code().toLowerCase())) {
				problems.add("tiers", "Two tiers have code " + tier.code() + ".");
			}
		}
		for (Item item : this.items) {
			for (Integer rank : item.descriptors().keySet()) {
				if (!ranks.contains(rank)) {
					problems.add(item.at(), "Item " + describe(item) + " describes tier " + rank
							+ ", which is not on the framework's tier scale (unknown tier).");
				}
			}
		}
	}

	private void checkRoleProfiles(Map<String, Item> byId, Problems problems) {
		if (this.roleProfiles == null) {
			return;
		}
		Set<String> codes = new HashSet<>();
		Set<Integer> ranks = new HashSet<>();
		this.tiers.forEach((t) -> ranks.add(t.rank()));
		for (RoleProfileSpec profile : this.roleProfiles) {
			if (blank(profile.code()) || blank(profile.name())) {
				problems.add(profile.at(), "A role profile needs a code and a name.");
			}
			else if (!codes.add(profile.code().toLowerCase())) {
				problems.add(profile.at(), "Duplicate role profile code " + profile.code() + ".");
			}
			Set<String> capabilities = new HashSet<>();
			for (RoleProfileSpec.RequirementSpec requirement : profile.requirements()) {
				Item item = byId.get(requirement.capability());
				if (item == null) {
					problems.add(requirement.at(), "Role " + profile.code() + " needs " + requirement.capability()
							+ ", which is not in the framework.");
				}
				else if (!item.isCapability()) {
					problems.add(requirement.at(), "Role " + profile.code() + " needs " + describe(item)
							+ ", which is a domain, not a capability.");
				}
				if (!ranks.contains(requirement.tierRank())) {
					problems.add(requirement.at(), "Role " + profile.code() + " needs tier " + requirement.tierRank()
							+ ", which is not on the framework's tier scale (unknown tier).");
				}
				if (!capabilities.add(requirement.capability())) {
					problems.add(requirement.at(),
							"Role " + profile.code() + " lists " + requirement.capability() + " twice.");
				}
			}
		}
	}

	private static String describe(Item item) {
		return blank(item.code()) ? item.identifier() : item.code() + " (" + item.identifier() + ")";
	}

	static boolean blank(String value) {
		return value == null || value.isBlank();
	}

}
