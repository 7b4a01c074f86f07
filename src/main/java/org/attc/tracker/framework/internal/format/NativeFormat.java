package org.attc.tracker.framework.internal.format;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.attc.tracker.framework.Tier;
import org.attc.tracker.framework.internal.document.FrameworkDocument;
import org.attc.tracker.framework.internal.document.Item;
import org.attc.tracker.framework.internal.document.ItemKind;
import org.attc.tracker.framework.internal.document.Problems;
import org.attc.tracker.framework.internal.document.Relation;
import org.attc.tracker.framework.internal.document.RelationType;
import org.attc.tracker.framework.internal.document.RoleProfileSpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The service's own readable JSON format, for the sample and for editing by hand: items
 * nest as {@code children}, tier descriptors sit on the capability by tier code, role
 * profiles name capabilities by code. Identifiers may be left out: they are derived from
 * the framework identifier and the item code, so they stay the same from one version of
 * the file to the next. Schema: {@code /schemas/framework-native-1.schema.json}.
 */
public final class NativeFormat {

	public static final String NAME = "native";

	public static final String FORMAT = "attc-capability-framework/1";

	public static final String SCHEMA = "https://capability-tracker.attc.nhs.uk/schemas/framework-native-1.schema.json";

	private static final JsonNodeFactory nodes = JsonNodeFactory.instance;

	private NativeFormat() {
	}

	public static boolean looksLikeNative(JsonNode root) {
		return root.isObject() && root.path("format").asString("").startsWith("attc-capability-framework");
	}

	public static FrameworkDocument read(JsonNode root) {
		Problems problems = new Problems();
		if (!FORMAT.equals(root.path("format").asString(""))) {
			problems.add("$.format",
					"Unsupported format \"" + root.path("format").asString("") + "\"; expected \"" + FORMAT + "\".");
			problems.throwIfAny();
		}
		String documentId = CasePackageFormat.text(root, "identifier");
		if (documentId == null) {
			problems.add("$.identifier", "The framework needs an identifier.");
			problems.throwIfAny();
		}
		List<Tier> tiers = new ArrayList<>();
		JsonNode tierNodes = root.path("tiers");
		for (int i = 0; i < tierNodes.size(); i++) {
			JsonNode t = tierNodes.get(i);
			String at = "$.tiers[" + i + "]";
			String code = CasePackageFormat.text(t, "code");
			int rank = t.path("rank").asInt(i + 1);
			if (code == null) {
				problems.add(at + ".code", "A tier needs a code.");
				continue;
			}
			if (rank < 1) {
				problems.add(at + ".rank", "A tier rank starts at 1.");
				continue;
			}
			tiers
				.add(new Tier(rank, code, CasePackageFormat.text(t, "name"), CasePackageFormat.text(t, "description")));
		}
		Map<String, Integer> rankByCode = new HashMap<>();
		tiers.forEach((t) -> rankByCode.put(t.code().toLowerCase(Locale.ROOT), t.rank()));

		List<Item> items = new ArrayList<>();
		List<Relation> relations = new ArrayList<>();
		readItems(root.path("items"), "$.items", null, documentId, rankByCode, items, relations, problems);

		Map<String, String> byReference = new HashMap<>();
		for (Item item : items) {
			byReference.put(item.identifier(), item.identifier());
		}
		for (Item item : items) {
			if (item.code() != null) {
				byReference.putIfAbsent(item.code(), item.identifier());
			}
		}
		JsonNode relationNodes = root.path("relations");
		for (int i = 0; i < relationNodes.size(); i++) {
			JsonNode r = relationNodes.get(i);
			String at = "$.relations[" + i + "]";
			String typeName = CasePackageFormat.text(r, "type");
			RelationType type = (typeName == null) ? null : RelationType.fromCaseName(typeName).orElse(null);
			if (type == null || type == RelationType.CHILD_OF) {
				problems.add(at + ".type", "Unknown relation type \"" + typeName
						+ "\" (isRelatedTo, exactMatchOf, replacedBy, precedes, isPeerOf, isPartOf, exemplar, hasSkillLevel; the hierarchy is given by nesting).");
				continue;
			}
			String from = resolve(byReference, CasePackageFormat.text(r, "from"));
			String to = resolve(byReference, CasePackageFormat.text(r, "to"));
			String identifier = CasePackageFormat.text(r, "identifier");
			relations.add(new Relation((identifier != null) ? identifier : Identifiers.derived(typeName, from, to),
					type, from, to, null, null, at));
		}

		List<RoleProfileSpec> profiles = null;
		if (root.has("roleProfiles")) {
			profiles = new ArrayList<>();
			JsonNode profileNodes = root.path("roleProfiles");
			for (int i = 0; i < profileNodes.size(); i++) {
				JsonNode p = profileNodes.get(i);
				String at = "$.roleProfiles[" + i + "]";
				List<RoleProfileSpec.RequirementSpec> requirements = new ArrayList<>();
				JsonNode requirementNodes = p.path("requirements");
				for (int j = 0; j < requirementNodes.size(); j++) {
					JsonNode q = requirementNodes.get(j);
					String qAt = at + ".requirements[" + j + "]";
					String tierCode = CasePackageFormat.text(q, "tier");
					Integer rank = (tierCode == null) ? null : rankByCode.get(tierCode.toLowerCase(Locale.ROOT));
					if (rank == null) {
						problems.add(qAt + ".tier",
								"Tier \"" + tierCode + "\" is not on the framework's tier scale (unknown tier).");
						rank = 0;
					}
					requirements.add(new RoleProfileSpec.RequirementSpec(
							resolve(byReference, CasePackageFormat.text(q, "capability")), rank,
							q.path("mandatory").asBoolean(true), qAt));
				}
				profiles.add(new RoleProfileSpec(CasePackageFormat.text(p, "code"), CasePackageFormat.text(p, "name"),
						CasePackageFormat.text(p, "description"), requirements, at));
			}
		}
		// syntax problems and model problems are reported together
		FrameworkDocument document = new FrameworkDocument(documentId, CasePackageFormat.text(root, "uri"),
				CasePackageFormat.text(root, "title"), CasePackageFormat.text(root, "publisher"),
				CasePackageFormat.text(root, "licence"), CasePackageFormat.text(root, "version"),
				CasePackageFormat.text(root, "description"), root.path("illustrative").asBoolean(false), tiers, items,
				relations, profiles, null, NAME)
			.withResolvedKinds();
		document.validate(problems);
		problems.throwIfAny();
		return document;
	}

	private static String resolve(Map<String, String> byReference, String reference) {
		return (reference == null) ? null : byReference.getOrDefault(reference, reference);
	}

	private static void readItems(JsonNode list, String at, String parent, String documentId,
			Map<String, Integer> rankByCode, List<Item> items, List<Relation> relations, Problems problems) {
		if (list.isMissingNode()) {
			return;
		}
		if (!list.isArray()) {
			problems.add(at, "Must be an array of items.");
			return;
		}
		for (int i = 0; i < list.size(); i++) {
			JsonNode node = list.get(i);
			String itemAt = at + "[" + i + "]";
			String code = CasePackageFormat.text(node, "code");
			String identifier = CasePackageFormat.text(node, "identifier");
			if (identifier == null) {
				if (code == null) {
					problems.add(itemAt, "An item needs an identifier or a code.");
					continue;
				}
				identifier = Identifiers.derived("native-item", documentId, code);
			}
			ItemKind kind = null;
			String kindName = CasePackageFormat.text(node, "kind");
			if (kindName != null) {
				try {
					kind = ItemKind.valueOf(kindName.toUpperCase(Locale.ROOT));
				}
				catch (IllegalArgumentException ex) {
					problems.add(itemAt + ".kind",
							"Kind must be \"domain\" or \"capability\", not \"" + kindName + "\".");
				}
			}
			Map<Integer, String> descriptors = new LinkedHashMap<>();
			JsonNode tierTexts = node.path("tiers");
			for (Map.Entry<String, JsonNode> entry : tierTexts.properties()) {
				Integer rank = rankByCode.get(entry.getKey().toLowerCase(Locale.ROOT));
				if (rank == null) {
					problems.add(itemAt + ".tiers." + entry.getKey(),
							"Tier \"" + entry.getKey() + "\" is not on the framework's tier scale (unknown tier).");
					continue;
				}
				descriptors.put(rank, entry.getValue().asString());
			}
			items.add(new Item(identifier, CasePackageFormat.text(node, "uri"), code,
					CasePackageFormat.text(node, "type"), kind, CasePackageFormat.text(node, "title"),
					CasePackageFormat.text(node, "statement"), CasePackageFormat.text(node, "notes"), parent, i + 1,
					descriptors, null, itemAt));
			relations.add(new Relation(Identifiers.derived("isChildOf", identifier), RelationType.CHILD_OF, identifier,
					(parent == null) ? documentId : parent, i + 1, null, itemAt));
			readItems(node.path("children"), itemAt + ".children", identifier, documentId, rankByCode, items, relations,
					problems);
		}
	}

	/** The readable file; {@code profiles} are the framework's current role profiles. */
	public static ObjectNode write(FrameworkDocument document, List<RoleProfileSpec> profiles) {
		ObjectNode root = nodes.objectNode();
		root.put("$schema", SCHEMA);
		root.put("format", FORMAT);
		root.put("identifier", document.identifier());
		putIfPresent(root, "uri", document.uri());
		putIfPresent(root, "title", document.title());
		putIfPresent(root, "publisher", document.publisher());
		putIfPresent(root, "licence", document.licence());
		putIfPresent(root, "version", document.versionLabel());
		putIfPresent(root, "description", document.description());
		if (document.illustrative()) {
			root.put("illustrative", true);
		}
		ArrayNode tiers = root.putArray("tiers");
		for (Tier tier : document.tierScale().tiers()) {
			ObjectNode t = tiers.addObject();
			t.put("code", tier.code());
			t.put("rank", tier.rank());
			t.put("name", tier.name());
			putIfPresent(t, "description", tier.description());
		}
		Map<String, String> references = new HashMap<>();
		for (Item item : document.items()) {
			references.put(item.identifier(),
					(item.code() != null && !item.code().isBlank()) ? item.code() : item.identifier());
		}
		root.set("items", writeItems(document, null));
		ArrayNode relations = root.putArray("relations");
		for (Relation relation : document.relations()) {
			if (relation.type() == RelationType.CHILD_OF) {
				continue;
			}
			ObjectNode r = relations.addObject();
			r.put("identifier", relation.identifier());
			r.put("type", relation.type().caseName());
			r.put("from", references.getOrDefault(relation.origin(), relation.origin()));
			r.put("to", references.getOrDefault(relation.destination(), relation.destination()));
		}
		ArrayNode roleProfiles = root.putArray("roleProfiles");
		for (RoleProfileSpec profile : profiles) {
			ObjectNode p = roleProfiles.addObject();
			p.put("code", profile.code());
			p.put("name", profile.name());
			putIfPresent(p, "description", profile.description());
			ArrayNode requirements = p.putArray("requirements");
			for (RoleProfileSpec.RequirementSpec requirement : profile.requirements()) {
				ObjectNode q = requirements.addObject();
				q.put("capability", references.getOrDefault(requirement.capability(), requirement.capability()));
				q.put("tier",
						document.tierScale()
							.byRank(requirement.tierRank())
							.map(Tier::code)
							.orElse(String.valueOf(requirement.tierRank())));
				q.put("mandatory", requirement.mandatory());
			}
		}
		return root;
	}

	private static ArrayNode writeItems(FrameworkDocument document, String parent) {
		ArrayNode list = nodes.arrayNode();
		for (Item item : document.children(parent)) {
			ObjectNode node = list.addObject();
			node.put("identifier", item.identifier());
			putIfPresent(node, "uri", item.uri());
			putIfPresent(node, "code", item.code());
			node.put("kind", item.kind().name().toLowerCase(Locale.ROOT));
			putIfPresent(node, "type", item.type());
			putIfPresent(node, "title", item.title());
			putIfPresent(node, "statement", item.statement());
			putIfPresent(node, "notes", item.notes());
			if (!item.descriptors().isEmpty()) {
				ObjectNode tiers = node.putObject("tiers");
				item.descriptors()
					.forEach((rank, text) -> tiers
						.put(document.tierScale().byRank(rank).map(Tier::code).orElse(String.valueOf(rank)), text));
			}
			ArrayNode children = writeItems(document, item.identifier());
			if (!children.isEmpty()) {
				node.set("children", children);
			}
		}
		return list;
	}

	private static void putIfPresent(ObjectNode node, String field, String value) {
		if (value != null) {
			node.put(field, value);
		}
	}

}
