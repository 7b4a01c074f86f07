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
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Moodle's competency framework CSV, as {@code admin/tool/lpimportcsv} exports and
 * imports it: a header row, one row with "Is framework" set for the framework (its scale
 * values are the tier scale), then one row per competency pointing at its parent by ID
 * number. Leaves are capabilities, competencies with children are domains. Columns the
 * model does not use (rules, scale configuration, exported id, formats) are kept per item
 * and written back unchanged.
 */
public final class MoodleCsvFormat {

	public static final String NAME = "moodle-csv";

	/** Column order of tool_lpimportcsv (framework_importer::list_required_headers). */
	static final List<String> KEYS = List.of("parentidnumber", "idnumber", "shortname", "description",
			"descriptionformat", "scalevalues", "scaleconfiguration", "ruletype", "ruleoutcome", "ruleconfig",
			"relatedidnumbers", "exportid", "isframework", "taxonomy");

	/** The English header strings Moodle writes (lang/en/tool_lpimportcsv.php). */
	static final List<String> HEADERS = List.of("Parent ID number", "ID number", "Short name", "Description",
			"Description format", "Scale values", "Scale configuration", "Rule type (optional)",
			"Rule outcome (optional)", "Rule config (optional)", "Cross-referenced competency ID numbers",
			"Exported ID (optional)", "Is framework", "Taxonomy");

	/** Columns kept verbatim per item because the model has no place for them. */
	private static final List<String> KEPT = List.of("descriptionformat", "scalevalues", "scaleconfiguration",
			"ruletype", "ruleoutcome", "ruleconfig", "exportid", "isframework", "taxonomy");

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final JsonNodeFactory nodes = JsonNodeFactory.instance;

	private MoodleCsvFormat() {
	}

	public static FrameworkDocument read(String text) {
		Problems problems = new Problems();
		char delimiter = delimiter(text);
		List<CsvTable.Row> rows = CsvTable.parse(text, delimiter);
		if (rows.isEmpty()) {
			problems.add("line 1", "The file is empty.");
			problems.throwIfAny();
		}
		CsvTable.Row header = rows.get(0);
		checkHeader(header, problems);
		problems.throwIfAny();

		CsvTable.Row frameworkRow = null;
		List<CsvTable.Row> competencyRows = new ArrayList<>();
		for (CsvTable.Row row : rows.subList(1, rows.size())) {
			if (row.isBlank()) {
				continue;
			}
			if (row.fields().size() < 13) {
				problems.add("line " + row.line(),
						"The row has " + row.fields().size() + " columns; a Moodle competency framework CSV has 14.");
				continue;
			}
			if (truthy(row.field(12))) {
				if (frameworkRow != null) {
					problems.add("line " + row.line(),
							"A second framework row (Is framework set); the file must describe one framework.");
				}
				else {
					frameworkRow = row;
				}
			}
			else {
				competencyRows.add(row);
			}
		}
		if (frameworkRow == null) {
			problems.add("line 2", "No framework row: one row must have \"Is framework\" set to 1.");
			problems.throwIfAny();
		}

		String frameworkIdnumber = frameworkRow.field(1).strip();
		if (frameworkIdnumber.isEmpty()) {
			problems.add("line " + frameworkRow.line(), "The framework row has no ID number.");
		}
		String exportId = frameworkRow.field(11).strip();
		String documentId = Identifiers.isUuid(exportId) ? exportId.toLowerCase(Locale.ROOT)
				: Identifiers.derived("moodle-framework", frameworkIdnumber);

		List<Tier> tiers = new ArrayList<>();
		List<String> scale = scaleValues(frameworkRow.field(5));
		for (int i = 0; i < scale.size(); i++) {
			tiers.add(new Tier(i + 1, "T" + (i + 1), scale.get(i), null));
		}
		checkScaleConfiguration(frameworkRow.field(6), scale.size(), "line " + frameworkRow.line(), problems);

		Map<String, String> idByIdnumber = new HashMap<>();
		Map<String, Integer> lineByIdnumber = new HashMap<>();
		for (CsvTable.Row row : competencyRows) {
			String idnumber = row.field(1).strip();
			String at = "line " + row.line();
			if (idnumber.isEmpty()) {
				problems.add(at, "The competency has no ID number.");
				continue;
			}
			if (row.field(2).isBlank()) {
				problems.add(at, "Competency " + idnumber + " has no short name.");
			}
			Integer earlier = lineByIdnumber.putIfAbsent(idnumber, row.line());
			if (earlier != null) {
				problems.add(at, "Duplicate ID number " + idnumber + " (first used on line " + earlier + ").");
				continue;
			}
			String rowExportId = row.field(11).strip();
			idByIdnumber.put(idnumber, Identifiers.isUuid(rowExportId) ? rowExportId.toLowerCase(Locale.ROOT)
					: Identifiers.derived("moodle-competency", frameworkIdnumber, idnumber));
		}

		List<Item> items = new ArrayList<>();
		List<Relation> relations = new ArrayList<>();
		Map<String, Integer> siblings = new HashMap<>();
		List<Relation> related = new ArrayList<>();
		for (CsvTable.Row row : competencyRows) {
			String idnumber = row.field(1).strip();
			String at = "line " + row.line();
			if (idnumber.isEmpty() || lineByIdnumber.get(idnumber) != row.line()) {
				continue;
			}
			String identifier = idByIdnumber.get(idnumber);
			String parentIdnumber = row.field(0).strip();
			String parent = null;
			if (!parentIdnumber.isEmpty()) {
				parent = idByIdnumber.get(parentIdnumber);
				if (parent == null) {
					problems.add(at, "Competency " + idnumber + " names parent ID number " + parentIdnumber
							+ ", which is not in the file.");
				}
			}
			String siblingKey = (parent == null) ? "" : parent;
			int position = siblings.merge(siblingKey, 1, Integer::sum);
			List<String> competencyScale = scaleValues(row.field(5));
			for (String value : competencyScale) {
				if (!scale.contains(value)) {
					problems.add(at, "Competency " + idnumber + " uses scale value \"" + value
							+ "\", which is not a tier of the framework's scale " + scale + " (unknown tier).");
				}
			}
			if (!row.field(5).isBlank()) {
				checkScaleConfiguration(row.field(6), competencyScale.size(), at, problems);
			}
			ObjectNode kept = nodes.objectNode();
			for (String key : KEPT) {
				kept.put(key, row.field(KEYS.indexOf(key)));
			}
			ObjectNode extensions = nodes.objectNode();
			extensions.set("moodle", kept);
			items.add(new Item(identifier, null, idnumber, null, null, row.field(2), blankToNull(row.field(3)), null,
					parent, position, Map.of(), extensions, at));
			relations.add(new Relation(Identifiers.derived("isChildOf", identifier), RelationType.CHILD_OF, identifier,
					(parent == null) ? documentId : parent, position, null, at));
			String relatedIdnumbers = row.field(10).strip();
			if (!relatedIdnumbers.isEmpty()) {
				for (String raw : relatedIdnumbers.split(",")) {
					String other = raw.replace("%2C", ",").strip();
					String otherId = idByIdnumber.get(other);
					if (otherId == null) {
						problems.add(at, "Competency " + idnumber + " is cross-referenced to ID number " + other
								+ ", which is not in the file (dangling association).");
						continue;
					}
					related.add(new Relation(Identifiers.derived("isRelatedTo", identifier, otherId),
							RelationType.RELATED_TO, identifier, otherId, null, null, at));
				}
			}
		}
		relations.addAll(related);

		ObjectNode frameworkKept = nodes.objectNode();
		frameworkKept.put("idnumber", frameworkIdnumber);
		for (String key : KEPT) {
			frameworkKept.put(key, frameworkRow.field(KEYS.indexOf(key)));
		}
		frameworkKept.put("parentidnumber", frameworkRow.field(0));
		frameworkKept.put("relatedidnumbers", frameworkRow.field(10));
		ArrayNode headerNode = frameworkKept.putArray("header");
		header.fields().forEach(headerNode::add);
		ObjectNode extensions = nodes.objectNode();
		extensions.set("moodle", frameworkKept);

		// syntax problems and model problems are reported together
		FrameworkDocument read = new FrameworkDocument(documentId, null, frameworkRow.field(2), null, null, null,
				blankToNull(frameworkRow.field(3)), false, tiers, items, relations, null, extensions, NAME);
		// Moodle makes any competency a parent; here a parent groups capabilities
		FrameworkDocument document = read.withItems(read.items()
			.stream()
			.map((i) -> i.withKind(hasChildren(read, i) ? ItemKind.DOMAIN : ItemKind.CAPABILITY))
			.toList());
		document.validate(problems);
		problems.throwIfAny();
		return document;
	}

	public static String write(FrameworkDocument document) {
		List<List<String>> rows = new ArrayList<>();
		JsonNode frameworkKept = kept(document.extensions());
		List<String> header = new ArrayList<>();
		if (frameworkKept != null && frameworkKept.path("header").isArray()) {
			frameworkKept.path("header").forEach((h) -> header.add(h.asString()));
		}
		rows.add(header.isEmpty() ? HEADERS : header);
		Map<String, Item> byId = document.itemsById();

		List<String> scale = document.tierScale().tiers().stream().map(Tier::name).toList();
		List<String> framework = new ArrayList<>();
		framework.add(text(frameworkKept, "parentidnumber", ""));
		framework.add(text(frameworkKept, "idnumber", document.identifier()));
		framework.add(shorten(document.title()));
		framework.add(nullToBlank(document.description()));
		framework.add(text(frameworkKept, "descriptionformat", "2"));
		framework.add(String.join(",", scale));
		framework.add(text(frameworkKept, "scaleconfiguration", scaleConfiguration(scale.size())));
		framework.add(text(frameworkKept, "ruletype", ""));
		framework.add(text(frameworkKept, "ruleoutcome", ""));
		framework.add(text(frameworkKept, "ruleconfig", ""));
		framework.add(text(frameworkKept, "relatedidnumbers", ""));
		framework.add(text(frameworkKept, "exportid", document.identifier()));
		framework.add(text(frameworkKept, "isframework", "1"));
		framework.add(text(frameworkKept, "taxonomy", taxonomy(document)));
		rows.add(framework);

		List<Item> order = (frameworkKept != null) ? document.items() : document.treeOrder();
		for (Item item : order) {
			JsonNode kept = kept(item.extensions());
			List<String> row = new ArrayList<>();
			row.add((item.parent() == null) ? "" : idnumber(byId.get(item.parent())));
			row.add(idnumber(item));
			row.add((item.title() != null && !item.title().isBlank()) ? item.title() : shorten(item.statement()));
			row.add(nullToBlank(item.statement()));
			row.add(text(kept, "descriptionformat", "2"));
			row.add(text(kept, "scalevalues", ""));
			row.add(text(kept, "scaleconfiguration", ""));
			row.add(text(kept, "ruletype", ""));
			row.add(text(kept, "ruleoutcome", ""));
			row.add(text(kept, "ruleconfig", "null"));
			List<String> relatedIdnumbers = new ArrayList<>();
			for (Relation relation : document.relations()) {
				if (relation.type() == RelationType.RELATED_TO && relation.origin().equals(item.identifier())
						&& byId.containsKey(relation.destination())) {
					relatedIdnumbers.add(idnumber(byId.get(relation.destination())).replace(",", "%2C"));
				}
			}
			row.add(String.join(",", relatedIdnumbers));
			row.add(text(kept, "exportid", item.identifier()));
			row.add(text(kept, "isframework", ""));
			row.add(text(kept, "taxonomy", ""));
			rows.add(row);
		}
		return CsvTable.write(rows);
	}

	private static boolean hasChildren(FrameworkDocument document, Item item) {
		return document.items().stream().anyMatch((i) -> item.identifier().equals(i.parent()));
	}

	private static String idnumber(Item item) {
		return (item.code() != null && !item.code().isBlank()) ? item.code() : item.identifier();
	}

	/** Moodle's taxonomy column: one term per depth, "domain" where only domains sit. */
	private static String taxonomy(FrameworkDocument document) {
		Map<Integer, Boolean> allDomains = new LinkedHashMap<>();
		int maxDepth = -1;
		for (Item item : document.items()) {
			int depth = document.depth(item);
			maxDepth = Math.max(maxDepth, depth);
			allDomains.merge(depth, item.kind() == ItemKind.DOMAIN, Boolean::logicalAnd);
		}
		List<String> terms = new ArrayList<>();
		for (int depth = 0; depth <= maxDepth; depth++) {
			terms.add(Boolean.TRUE.equals(allDomains.get(depth)) ? "domain" : "competency");
		}
		return String.join(",", terms);
	}

	/**
	 * Moodle needs one default and at least one proficient value; every tier is
	 * proficient.
	 */
	private static String scaleConfiguration(int size) {
		if (size == 0) {
			return "";
		}
		ArrayNode config = nodes.arrayNode();
		config.addObject().put("scaleid", "0");
		for (int i = 1; i <= size; i++) {
			config.addObject().put("id", i).put("scaledefault", (i == 1) ? 1 : 0).put("proficient", 1);
		}
		return json.writeValueAsString(config);
	}

	private static void checkScaleConfiguration(String raw, int scaleSize, String at, Problems problems) {
		if (raw == null || raw.isBlank()) {
			return;
		}
		JsonNode config;
		try {
			config = json.readTree(raw);
		}
		catch (JacksonException ex) {
			problems.add(at, "The scale configuration is not valid JSON.");
			return;
		}
		if (!config.isArray()) {
			problems.add(at, "The scale configuration is not a JSON array.");
			return;
		}
		for (int i = 1; i < config.size(); i++) {
			int id = config.get(i).path("id").asInt(0);
			if (id < 1 || id > scaleSize) {
				problems.add(at, "The scale configuration refers to scale value " + config.get(i).path("id")
						+ ", which the scale of " + scaleSize + " values does not have (unknown tier).");
			}
		}
	}

	private static void checkHeader(CsvTable.Row header, Problems problems) {
		if (header.fields().size() < 13) {
			problems.add("line 1", "The header has " + header.fields().size()
					+ " columns; a Moodle competency framework CSV has 14: " + String.join(", ", HEADERS) + ".");
			return;
		}
		for (int i = 0; i < Math.min(header.fields().size(), KEYS.size()); i++) {
			String found = normal(header.field(i));
			if (!found.equals(KEYS.get(i)) && !found.equals(normal(HEADERS.get(i))) && !alias(found, KEYS.get(i))) {
				problems.add("line 1",
						"Column " + (i + 1) + " is \"" + header.field(i) + "\"; expected \"" + HEADERS.get(i) + "\".");
			}
		}
	}

	private static boolean alias(String found, String key) {
		return (key.equals("taxonomy") && found.equals("taxonomies"))
				|| (key.equals("exportid") && found.equals("exportedid"))
				|| (key.equals("relatedidnumbers") && found.equals("crossreferencedcompetencyidnumbers"));
	}

	private static String normal(String header) {
		return header.replace("(optional)", "").toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
	}

	private static char delimiter(String text) {
		int end = text.indexOf('\n');
		String first = (end < 0) ? text : text.substring(0, end);
		char best = ',';
		int most = count(first, ',');
		for (char candidate : new char[] { ';', '\t', ':' }) {
			int n = count(first, candidate);
			if (n > most && n >= 12) {
				best = candidate;
				most = n;
			}
		}
		return best;
	}

	private static int count(String s, char c) {
		int n = 0;
		for (int i = 0; i < s.length(); i++) {
			if (s.charAt(i) == c) {
				n++;
			}
		}
		return n;
	}

	private static List<String> scaleValues(String raw) {
		List<String> values = new ArrayList<>();
		if (raw == null || raw.isBlank()) {
			return values;
		}
		for (String value : raw.split(",")) {
			if (!value.isBlank()) {
				values.add(value.strip());
			}
		}
		return values;
	}

	private static boolean truthy(String value) {
		String v = value.strip().toLowerCase(Locale.ROOT);
		return !v.isEmpty() && !v.equals("0") && !v.equals("false");
	}

	private static JsonNode kept(ObjectNode extensions) {
		return (extensions == null || !extensions.has("moodle")) ? null : extensions.get("moodle");
	}

	private static String text(JsonNode kept, String key, String fallback) {
		return (kept != null && kept.has(key)) ? kept.get(key).asString() : nullToBlank(fallback);
	}

	private static String shorten(String value) {
		String v = nullToBlank(value);
		return (v.length() <= 100) ? v : v.substring(0, 99) + "…";
	}

	private static String nullToBlank(String value) {
		return (value == null) ? "" : value;
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

}
