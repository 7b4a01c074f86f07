package org.attc.tracker.framework.internal.format;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.attc.tracker.framework.Tier;
import org.attc.tracker.framework.internal.document.FrameworkDocument;
import org.attc.tracker.framework.internal.document.Item;
import org.attc.tracker.framework.internal.document.ItemKind;
import org.attc.tracker.framework.internal.document.Problems;
import org.attc.tracker.framework.internal.document.Relation;
import org.attc.tracker.framework.internal.document.RelationType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * 1EdTech CASE 1.0/1.1 {@code CFPackage} JSON (CASE Service 1.0, §4 "getCFPackage"): one
 * {@code CFDocument}, its {@code CFItems}, {@code CFAssociations} (the hierarchy is
 * {@code isChildOf}, child as origin, parent item or the document as destination),
 * {@code CFDefinitions} and {@code CFRubrics}.
 * <p>
 * Tiers: a rubric criterion attached to an item ({@code CFItemURI}) has one level per
 * tier; the level's {@code score} is the tier rank, its {@code quality} the tier name and
 * its {@code description} the item's descriptor for that tier.
 * <p>
 * Properties the model does not name are kept per object and written back, so
 * export(import(x)) keeps every identifier, URI, code, text, hierarchy and association.
 */
public final class CasePackageFormat {

	public static final String NAME = "case";

	/** The CASE REST base path (CASE Service 1.1 binding). */
	public static final String REST_BASE = "/ims/case/v1p1";

	private static final JsonNodeFactory nodes = JsonNodeFactory.instance;

	private static final Set<String> DOCUMENT_FIELDS = Set.of("identifier", "uri", "title", "publisher", "version",
			"description");

	private static final Set<String> ITEM_FIELDS = Set.of("identifier", "uri", "humanCodingScheme",
			"abbreviatedStatement", "fullStatement", "notes", "CFItemType");

	private static final Set<String> ASSOCIATION_FIELDS = Set.of("identifier", "associationType", "sequenceNumber");

	private CasePackageFormat() {
	}

	public static boolean looksLikeCase(JsonNode root) {
		return root.isObject() && (root.has("CFDocument") || root.has("CFPackage"));
	}

	public static FrameworkDocument read(JsonNode root) {
		Problems problems = new Problems();
		boolean wrapped = root.has("CFPackage");
		String base = wrapped ? "$.CFPackage" : "$";
		JsonNode pkg = wrapped ? root.get("CFPackage") : root;
		JsonNode cfDocument = pkg.path("CFDocument");
		if (!cfDocument.isObject()) {
			problems.add(base + ".CFDocument", "A CASE package needs a CFDocument object.");
			problems.throwIfAny();
		}
		String docAt = base + ".CFDocument";
		String documentId = requiredText(cfDocument, "identifier", docAt, problems);
		requiredText(cfDocument, "title", docAt, problems);

		List<Item> items = new ArrayList<>();
		JsonNode cfItems = pkg.path("CFItems");
		if (!cfItems.isMissingNode() && !cfItems.isArray()) {
			problems.add(base + ".CFItems", "CFItems must be an array.");
		}
		int index = 0;
		for (JsonNode node : cfItems.isArray() ? cfItems : nodes.arrayNode()) {
			String at = base + ".CFItems[" + index++ + "]";
			if (!node.isObject()) {
				problems.add(at, "A CFItem must be an object.");
				continue;
			}
			String identifier = requiredText(node, "identifier", at, problems);
			String statement = text(node, "fullStatement");
			if (statement == null) {
				problems.add(at + ".fullStatement", "A CFItem needs a fullStatement.");
			}
			items.add(new Item(identifier, text(node, "uri"), text(node, "humanCodingScheme"), text(node, "CFItemType"),
					null, text(node, "abbreviatedStatement"), statement, text(node, "notes"), null, 0, Map.of(),
					kept(node, ITEM_FIELDS), at));
		}

		List<Relation> relations = new ArrayList<>();
		JsonNode cfAssociations = pkg.path("CFAssociations");
		if (!cfAssociations.isMissingNode() && !cfAssociations.isArray()) {
			problems.add(base + ".CFAssociations", "CFAssociations must be an array.");
		}
		index = 0;
		for (JsonNode node : cfAssociations.isArray() ? cfAssociations : nodes.arrayNode()) {
			String at = base + ".CFAssociations[" + index++ + "]";
			if (!node.isObject()) {
				problems.add(at, "A CFAssociation must be an object.");
				continue;
			}
			String identifier = requiredText(node, "identifier", at, problems);
			String typeName = requiredText(node, "associationType", at, problems);
			RelationType type = (typeName == null) ? null : RelationType.fromCaseName(typeName).orElse(null);
			if (typeName != null && type == null) {
				problems.add(at + ".associationType", "Unknown association type \"" + typeName + "\".");
			}
			String origin = requiredText(node.path("originNodeURI"), "identifier", at + ".originNodeURI", problems);
			String destination = requiredText(node.path("destinationNodeURI"), "identifier", at + ".destinationNodeURI",
					problems);
			Integer sequence = node.path("sequenceNumber").isNumber() ? node.path("sequenceNumber").asInt() : null;
			if (type != null) {
				relations.add(new Relation(identifier, type, origin, destination, sequence,
						kept(node, ASSOCIATION_FIELDS), at));
			}
		}

		items = placeInHierarchy(items, relations, documentId);
		Map<String, Item> byId = new HashMap<>();
		items.forEach((i) -> byId.putIfAbsent(i.identifier(), i));

		List<Tier> tiers = new ArrayList<>();
		Map<String, Map<Integer, String>> descriptors = new HashMap<>();
		JsonNode rubrics = pkg.path("CFRubrics");
		if (!rubrics.isMissingNode() && !rubrics.isArray()) {
			problems.add(base + ".CFRubrics", "CFRubrics must be an array.");
		}
		else if (rubrics.isArray()) {
			readRubrics(rubrics, base + ".CFRubrics", byId, tiers, descriptors, problems);
		}
		items = items.stream()
			.map((i) -> descriptors.containsKey(i.identifier()) ? i.withDescriptors(descriptors.get(i.identifier()))
					: i)
			.toList();

		ObjectNode documentKept = kept(cfDocument, DOCUMENT_FIELDS).get(NAME) instanceof ObjectNode o ? o
				: nodes.objectNode();
		if (wrapped) {
			documentKept.put("wrapped", true);
		}
		for (String part : List.of("CFDefinitions", "CFRubrics")) {
			if (pkg.has(part)) {
				documentKept.set(part, pkg.get(part));
			}
		}
		for (String key : pkg.propertyNames()) {
			if (!Set.of("CFDocument", "CFItems", "CFAssociations", "CFDefinitions", "CFRubrics").contains(key)) {
				documentKept.withObject("packageExtras").set(key, pkg.get(key));
			}
		}
		ObjectNode extensions = nodes.objectNode();
		extensions.set(NAME, documentKept);
		JsonNode licence = cfDocument.path("licenseURI");
		String licenceName = licence.isObject() ? firstText(licence, "title", "uri") : null;

		// syntax problems and model problems are reported together
		FrameworkDocument document = new FrameworkDocument(documentId, text(cfDocument, "uri"),
				text(cfDocument, "title"), text(cfDocument, "publisher"), licenceName, text(cfDocument, "version"),
				text(cfDocument, "description"), false, tiers, items, relations, null, extensions, NAME)
			.withResolvedKinds();
		document.validate(problems);
		problems.throwIfAny();
		return document;
	}

	/** Parent and sibling order from the first isChildOf of each item. */
	private static List<Item> placeInHierarchy(List<Item> items, List<Relation> relations, String documentId) {
		Map<String, Relation> parentOf = new HashMap<>();
		Map<Relation, Integer> order = new HashMap<>();
		int n = 0;
		for (Relation relation : relations) {
			order.put(relation, n++);
			if (relation.type() == RelationType.CHILD_OF && relation.origin() != null) {
				parentOf.putIfAbsent(relation.origin(), relation);
			}
		}
		List<Item> placed = new ArrayList<>();
		for (Item item : items) {
			Relation relation = parentOf.get(item.identifier());
			if (relation == null) {
				placed.add(item.withParent(null, Integer.MAX_VALUE / 2 + placed.size()));
				continue;
			}
			String parent = (relation.destination() == null || relation.destination().equals(documentId)) ? null
					: relation.destination();
			int position = (relation.sequence() != null) ? relation.sequence() : 1_000_000 + order.get(relation);
			placed.add(item.withParent(parent, position));
		}
		return placed;
	}

	private static void readRubrics(JsonNode rubrics, String at, Map<String, Item> byId, List<Tier> tiers,
			Map<String, Map<Integer, String>> descriptors, Problems problems) {
		Map<Integer, String> names = new TreeMap<>();
		for (int r = 0; r < rubrics.size(); r++) {
			JsonNode criteria = rubrics.get(r).path("CFRubricCriteria");
			for (int c = 0; c < criteria.size(); c++) {
				JsonNode criterion = criteria.get(c);
				String criterionAt = at + "[" + r + "].CFRubricCriteria[" + c + "]";
				String itemId = text(criterion.path("CFItemURI"), "identifier");
				if (itemId != null && !byId.containsKey(itemId)) {
					problems.add(criterionAt + ".CFItemURI", "The rubric criterion refers to item " + itemId
							+ ", which is not in the package (dangling).");
					continue;
				}
				JsonNode levels = criterion.path("CFRubricCriterionLevels");
				for (int l = 0; l < levels.size(); l++) {
					JsonNode level = levels.get(l);
					String levelAt = criterionAt + ".CFRubricCriterionLevels[" + l + "]";
					Integer rank = rank(level);
					if (rank == null) {
						problems.add(levelAt,
								"The level has no whole positive score or position, so it names no tier (unknown tier).");
						continue;
					}
					String name = firstText(level, "quality", "description");
					String known = names.get(rank);
					if (known != null && name != null && !known.equals(name)) {
						problems.add(levelAt + ".quality", "Tier " + rank + " is called \"" + known
								+ "\" elsewhere but \"" + name + "\" here (unknown tier).");
						continue;
					}
					if (known == null) {
						names.put(rank, (name == null) ? "Tier " + rank : name);
					}
					String descriptor = text(level, "description");
					if (itemId != null && descriptor != null) {
						descriptors.computeIfAbsent(itemId, (k) -> new LinkedHashMap<>()).put(rank, descriptor);
					}
				}
			}
		}
		names.forEach((rank, name) -> tiers.add(new Tier(rank, "T" + rank, name, null)));
	}

	private static Integer rank(JsonNode level) {
		for (String field : List.of("score", "position")) {
			JsonNode value = level.path(field);
			if (value.isNumber()) {
				BigDecimal number = value.decimalValue();
				if (number.signum() > 0 && number.stripTrailingZeros().scale() <= 0) {
					return number.intValue();
				}
			}
		}
		return null;
	}

	/**
	 * The package, with {@code uriBase} minting URIs only for things that never had one.
	 */
	public static ObjectNode write(FrameworkDocument document, String uriBase, Instant changed) {
		String now = changed.truncatedTo(ChronoUnit.SECONDS).toString();
		JsonNode kept = (document.extensions() != null) ? document.extensions().get(NAME) : null;
		boolean fromCase = kept != null;
		String documentUri = (document.uri() != null) ? document.uri()
				: uriBase + REST_BASE + "/CFDocuments/" + document.identifier();

		ObjectNode pkg = nodes.objectNode();
		ObjectNode cfDocument = pkg.putObject("CFDocument");
		cfDocument.put("identifier", document.identifier());
		cfDocument.put("uri", documentUri);
		if (!fromCase) {
			cfDocument.put("creator", (document.publisher() != null) ? document.publisher() : "Capability Tracker");
		}
		putIfPresent(cfDocument, "title", document.title());
		if (!fromCase) {
			cfDocument.put("lastChangeDateTime", now);
		}
		putIfPresent(cfDocument, "publisher", document.publisher());
		putIfPresent(cfDocument, "description", document.description());
		putIfPresent(cfDocument, "version", document.versionLabel());
		if (!fromCase) {
			if (document.licence() != null) {
				ObjectNode licence = cfDocument.putObject("licenseURI");
				licence.put("title", document.licence());
				licence.put("identifier", Identifiers.derived("licence", document.licence()));
				licence.put("uri", document.licence().startsWith("http") ? document.licence()
						: uriBase + REST_BASE + "/CFLicenses/" + Identifiers.derived("licence", document.licence()));
			}
			cfDocument.put("adoptionStatus", "Adopted");
			cfDocument.put("language", "en");
		}
		copyExtras(kept, cfDocument, Set.of("wrapped", "CFDefinitions", "CFRubrics", "packageExtras"));

		ObjectNode documentRef = ref(document.title(), document.identifier(), documentUri);
		Map<String, Item> byId = document.itemsById();
		ArrayNode cfItems = pkg.putArray("CFItems");
		for (Item item : document.items()) {
			ObjectNode node = cfItems.addObject();
			JsonNode itemKept = (item.extensions() != null) ? item.extensions().get(NAME) : null;
			node.put("identifier", item.identifier());
			if (itemKept == null) {
				node.set("CFDocumentURI", documentRef);
			}
			putIfPresent(node, "fullStatement", (item.statement() != null) ? item.statement() : item.title());
			putIfPresent(node, "abbreviatedStatement", item.title());
			putIfPresent(node, "humanCodingScheme", item.code());
			putIfPresent(node, "notes", item.notes());
			node.put("uri", itemUri(item, uriBase));
			if (item.type() != null || itemKept == null) {
				node.put("CFItemType", (item.type() != null) ? item.type() : typeName(item.kind()));
			}
			if (itemKept == null) {
				node.set("CFItemTypeURI", ref(typeName(item.kind()), typeIdentifier(item.kind()),
						uriBase + REST_BASE + "/CFItemTypes/" + typeIdentifier(item.kind())));
				node.put("lastChangeDateTime", now);
			}
			copyExtras(itemKept, node, Set.of());
		}

		ArrayNode cfAssociations = pkg.putArray("CFAssociations");
		for (Relation relation : document.relations()) {
			ObjectNode node = cfAssociations.addObject();
			JsonNode relationKept = (relation.extensions() != null) ? relation.extensions().get(NAME) : null;
			node.put("identifier", relation.identifier());
			node.put("associationType", relation.type().caseName());
			if (relationKept == null) {
				node.set("CFDocumentURI", documentRef);
				node.put("uri", uriBase + REST_BASE + "/CFAssociations/" + relation.identifier());
				node.set("originNodeURI", nodeRef(document, byId, relation.origin(), documentUri, uriBase));
				node.set("destinationNodeURI", nodeRef(document, byId, relation.destination(), documentUri, uriBase));
				node.put("lastChangeDateTime", now);
			}
			if (relation.sequence() != null) {
				node.put("sequenceNumber", relation.sequence());
			}
			copyExtras(relationKept, node, Set.of());
		}

		if (fromCase && kept.has("CFDefinitions")) {
			pkg.set("CFDefinitions", kept.get("CFDefinitions"));
		}
		else if (!fromCase) {
			ObjectNode definitions = pkg.putObject("CFDefinitions");
			ArrayNode types = definitions.putArray("CFItemTypes");
			Set<ItemKind> used = new LinkedHashSet<>();
			document.items().forEach((i) -> used.add(i.kind()));
			for (ItemKind kind : used) {
				ObjectNode type = types.addObject();
				type.put("identifier", typeIdentifier(kind));
				type.put("uri", uriBase + REST_BASE + "/CFItemTypes/" + typeIdentifier(kind));
				type.put("title", typeName(kind));
				type.put("description", (kind == ItemKind.DOMAIN) ? "A group of capabilities (any depth)."
						: "A capability a role may need, at a tier.");
				type.put("hierarchyCode", (kind == ItemKind.DOMAIN) ? "1" : "2");
				type.put("lastChangeDateTime", now);
			}
		}
		if (fromCase && kept.has("CFRubrics")) {
			pkg.set("CFRubrics", kept.get("CFRubrics"));
		}
		else if (!fromCase) {
			ArrayNode rubrics = generatedRubrics(document, uriBase, now);
			if (!rubrics.isEmpty()) {
				pkg.set("CFRubrics", rubrics);
			}
		}
		if (fromCase && kept.has("packageExtras")) {
			kept.get("packageExtras").properties().forEach((e) -> pkg.set(e.getKey(), e.getValue()));
		}
		if (fromCase && kept.path("wrapped").asBoolean(false)) {
			ObjectNode wrapper = nodes.objectNode();
			wrapper.set("CFPackage", pkg);
			return wrapper;
		}
		return pkg;
	}

	/** The CFDocument alone, as {@code GET .../CFDocuments/{id}} answers. */
	public static ObjectNode cfDocument(ObjectNode pkg) {
		return (ObjectNode) unwrap(pkg).get("CFDocument");
	}

	public static JsonNode unwrap(ObjectNode pkg) {
		return pkg.has("CFPackage") ? pkg.get("CFPackage") : pkg;
	}

	private static ArrayNode generatedRubrics(FrameworkDocument document, String uriBase, String now) {
		ArrayNode rubrics = nodes.arrayNode();
		List<Item> described = document.items().stream().filter((i) -> !i.descriptors().isEmpty()).toList();
		if (described.isEmpty()) {
			return rubrics;
		}
		String rubricId = Identifiers.derived("rubric", document.identifier());
		ObjectNode rubric = rubrics.addObject();
		rubric.put("identifier", rubricId);
		rubric.put("uri", uriBase + REST_BASE + "/CFRubrics/" + rubricId);
		rubric.put("title", "Tier descriptors");
		rubric.put("description", "What each tier of each capability asks: score is the tier rank.");
		rubric.put("lastChangeDateTime", now);
		ArrayNode criteria = rubric.putArray("CFRubricCriteria");
		int position = 1;
		for (Item item : described) {
			String criterionId = Identifiers.derived("criterion", item.identifier());
			ObjectNode criterion = criteria.addObject();
			criterion.put("identifier", criterionId);
			criterion.put("uri", uriBase + REST_BASE + "/CFRubricCriteria/" + criterionId);
			criterion.put("category", (item.code() != null) ? item.code() : item.identifier());
			criterion.put("description", item.label());
			criterion.set("CFItemURI", ref(item.label(), item.identifier(), itemUri(item, uriBase)));
			criterion.put("position", position++);
			criterion.put("rubricId", rubricId);
			criterion.put("lastChangeDateTime", now);
			ArrayNode levels = criterion.putArray("CFRubricCriterionLevels");
			for (Map.Entry<Integer, String> descriptor : item.descriptors().entrySet()) {
				String levelId = Identifiers.derived("level", item.identifier(), descriptor.getKey().toString());
				ObjectNode level = levels.addObject();
				level.put("identifier", levelId);
				level.put("uri", uriBase + REST_BASE + "/CFRubricCriterionLevels/" + levelId);
				level.put("description", descriptor.getValue());
				level.put("quality",
						document.tierScale()
							.byRank(descriptor.getKey())
							.map(Tier::name)
							.orElse("Tier " + descriptor.getKey()));
				level.put("score", descriptor.getKey());
				level.put("position", descriptor.getKey());
				level.put("rubricCriterionId", criterionId);
				level.put("lastChangeDateTime", now);
			}
		}
		return rubrics;
	}

	private static String itemUri(Item item, String uriBase) {
		return (item.uri() != null) ? item.uri() : uriBase + REST_BASE + "/CFItems/" + item.identifier();
	}

	private static ObjectNode nodeRef(FrameworkDocument document, Map<String, Item> byId, String identifier,
			String documentUri, String uriBase) {
		Item item = byId.get(identifier);
		if (item == null) {
			return ref(document.title(), identifier, documentUri);
		}
		return ref(item.label(), identifier, itemUri(item, uriBase));
	}

	private static ObjectNode ref(String title, String identifier, String uri) {
		ObjectNode ref = nodes.objectNode();
		ref.put("title", (title == null) ? "" : title);
		ref.put("identifier", identifier);
		ref.put("uri", uri);
		return ref;
	}

	private static String typeName(ItemKind kind) {
		return (kind == ItemKind.DOMAIN) ? "Domain" : "Capability";
	}

	private static String typeIdentifier(ItemKind kind) {
		return Identifiers.derived("item-type", typeName(kind));
	}

	private static ObjectNode kept(JsonNode node, Set<String> modelled) {
		ObjectNode rest = nodes.objectNode();
		for (Map.Entry<String, JsonNode> entry : node.properties()) {
			// a modelled field is re-created from the model only when the model holds it;
			// empty strings and odd types are kept as they came
			JsonNode value = entry.getValue();
			boolean modelledValue = modelled.contains(entry.getKey())
					&& ((value.isString() && !value.asString().isBlank()) || value.isNumber());
			if (!modelledValue) {
				rest.set(entry.getKey(), value);
			}
		}
		ObjectNode extensions = nodes.objectNode();
		extensions.set(NAME, rest);
		return extensions;
	}

	private static void copyExtras(JsonNode kept, ObjectNode into, Set<String> skip) {
		if (kept == null) {
			return;
		}
		for (Map.Entry<String, JsonNode> entry : kept.properties()) {
			if (!skip.contains(entry.getKey())) {
				into.set(entry.getKey(), entry.getValue());
			}
		}
	}

	private static void putIfPresent(ObjectNode node, String field, String value) {
		if (value != null) {
			node.put(field, value);
		}
	}

	private static String requiredText(JsonNode node, String field, String at, Problems problems) {
		String value = text(node, field);
		if (value == null) {
			problems.add(at + "." + field, "Missing or empty " + field + ".");
		}
		return value;
	}

	static String text(JsonNode node, String field) {
		JsonNode value = node.path(field);
		if (value.isString()) {
			String s = value.asString();
			return s.isBlank() ? null : s;
		}
		if (value.isNumber() || value.isBoolean()) {
			return value.asString();
		}
		return null;
	}

	private static String firstText(JsonNode node, String... fields) {
		for (String field : fields) {
			String value = text(node, field);
			if (value != null) {
				return value;
			}
		}
		return null;
	}

}
