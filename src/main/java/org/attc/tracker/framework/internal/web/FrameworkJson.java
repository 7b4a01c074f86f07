package org.attc.tracker.framework.internal.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.attc.tracker.framework.Tier;
import org.attc.tracker.framework.internal.document.FrameworkDocument;
import org.attc.tracker.framework.internal.document.Item;
import org.attc.tracker.framework.internal.document.RelationType;
import org.attc.tracker.framework.internal.store.Framework;
import org.attc.tracker.framework.internal.store.FrameworkLibrary;
import org.attc.tracker.framework.internal.store.FrameworkVersion;
import org.attc.tracker.framework.internal.store.Profile;

/** The JSON API's views of frameworks: maps, so the field names are the contract here. */
final class FrameworkJson {

	private FrameworkJson() {
	}

	static Map<String, Object> summary(FrameworkLibrary.Entry entry) {
		Map<String, Object> json = header(entry.framework());
		json.put("currentVersion", entry.current().map(FrameworkJson::version).orElse(null));
		json.put("versions", entry.versions().stream().map(FrameworkJson::version).toList());
		return json;
	}

	static Map<String, Object> header(Framework framework) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("id", framework.id());
		json.put("documentIdentifier", framework.documentIdentifier());
		json.put("uri", framework.uri());
		json.put("title", framework.title());
		json.put("publisher", framework.publisher());
		json.put("licence", framework.licence());
		json.put("status", framework.status().name());
		json.put("illustrative", framework.illustrative());
		return json;
	}

	static Map<String, Object> version(FrameworkVersion version) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("id", version.id());
		json.put("number", version.number());
		json.put("versionLabel", version.versionLabel());
		json.put("sourceFormat", version.sourceFormat());
		json.put("importedAt", version.importedAt().toString());
		json.put("importedBy", version.importedBy());
		json.put("itemCount", version.itemCount());
		json.put("capabilityCount", version.capabilityCount());
		return json;
	}

	static Map<String, Object> full(FrameworkLibrary.Shown shown) {
		FrameworkDocument document = shown.document();
		Map<String, Object> json = header(shown.framework());
		json.put("version", version(shown.version()));
		json.put("description", document.description());
		json.put("tiers", document.tierScale().tiers());
		json.put("items", tree(document, null));
		json.put("relations",
				document.relations()
					.stream()
					.filter((r) -> r.type() != RelationType.CHILD_OF)
					.map((r) -> Map.of("identifier", r.identifier(), "type", r.type().caseName(), "origin", r.origin(),
							"destination", r.destination()))
					.toList());
		json.put("roleProfiles", shown.profiles().stream().map((p) -> profile(p, document)).toList());
		return json;
	}

	static Map<String, Object> profile(Profile profile, FrameworkDocument document) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("code", profile.code());
		json.put("name", profile.name());
		json.put("description", profile.description());
		json.put("requirements", profile.requirements().stream().map((r) -> {
			Map<String, Object> q = new LinkedHashMap<>();
			q.put("capability", r.capabilityIdentifier());
			q.put("code", document.item(r.capabilityIdentifier()).map(Item::code).orElse(null));
			q.put("tierRank", r.tierRank());
			q.put("tier", document.tierScale().byRank(r.tierRank()).map(Tier::code).orElse(null));
			q.put("mandatory", r.mandatory());
			return q;
		}).toList());
		return json;
	}

	private static List<Map<String, Object>> tree(FrameworkDocument document, String parent) {
		return document.children(parent).stream().map((item) -> {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("identifier", item.identifier());
			json.put("uri", item.uri());
			json.put("code", item.code());
			json.put("kind", item.kind().name().toLowerCase());
			json.put("title", item.title());
			json.put("statement", item.statement());
			json.put("notes", item.notes());
			Map<String, String> tiers = new LinkedHashMap<>();
			item.descriptors()
				.forEach((rank, text) -> tiers
					.put(document.tierScale().byRank(rank).map(Tier::code).orElse(String.valueOf(rank)), text));
			json.put("tierDescriptors", tiers);
			List<Map<String, Object>> children = tree(document, item.identifier());
			if (!children.isEmpty()) {
				json.put("children", children);
			}
			return json;
		}).toList();
	}

}
