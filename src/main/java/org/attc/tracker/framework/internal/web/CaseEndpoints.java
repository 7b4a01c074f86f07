package org.attc.tracker.framework.internal.web;

import java.util.List;
import java.util.Optional;

import org.attc.tracker.framework.FrameworkProperties;
import org.attc.tracker.framework.internal.format.CasePackageFormat;
import org.attc.tracker.framework.internal.store.Framework;
import org.attc.tracker.framework.internal.store.FrameworkLibrary;
import org.attc.tracker.framework.internal.store.FrameworkStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The CASE Service 1.1 read endpoints (1EdTech CASE Service REST binding, §3
 * "getCFDocuments", "getCFPackage", "getCFItem", "getCFAssociation"), over the current
 * version of each published framework. Who may read: see {@link CaseSecurity}.
 */
@RestController
@RequestMapping(path = CasePackageFormat.REST_BASE, produces = MediaType.APPLICATION_JSON_VALUE)
class CaseEndpoints {

	private static final JsonNodeFactory nodes = JsonNodeFactory.instance;

	private final FrameworkLibrary library;

	private final FrameworkProperties properties;

	CaseEndpoints(FrameworkLibrary library, FrameworkProperties properties) {
		this.library = library;
		this.properties = properties;
	}

	@GetMapping("/CFDocuments")
	ObjectNode documents() {
		ObjectNode answer = nodes.objectNode();
		ArrayNode documents = answer.putArray("CFDocuments");
		for (ObjectNode pkg : packages()) {
			documents.add(CasePackageFormat.cfDocument(pkg));
		}
		return answer;
	}

	@GetMapping("/CFDocuments/{sourcedId}")
	JsonNode document(@PathVariable String sourcedId) {
		return CasePackageFormat.cfDocument(pkg(sourcedId).orElseThrow(() -> new CaseObjectNotFound(sourcedId)));
	}

	@GetMapping("/CFPackages/{sourcedId}")
	JsonNode packageOf(@PathVariable String sourcedId) {
		// always the bare package: the CFPackage wrapper some files carry is not the
		// answer
		return CasePackageFormat.unwrap(pkg(sourcedId).orElseThrow(() -> new CaseObjectNotFound(sourcedId)));
	}

	@GetMapping("/CFItems/{sourcedId}")
	JsonNode item(@PathVariable String sourcedId) {
		return find("CFItems", sourcedId);
	}

	@GetMapping("/CFAssociations/{sourcedId}")
	JsonNode association(@PathVariable String sourcedId) {
		return find("CFAssociations", sourcedId);
	}

	private JsonNode find(String part, String sourcedId) {
		for (ObjectNode pkg : packages()) {
			for (JsonNode node : CasePackageFormat.unwrap(pkg).path(part)) {
				if (sourcedId.equals(node.path("identifier").asString(""))) {
					return node;
				}
			}
		}
		throw new CaseObjectNotFound(sourcedId);
	}

	private Optional<ObjectNode> pkg(String documentIdentifier) {
		return this.library.byDocumentIdentifier(documentIdentifier)
			.filter((f) -> f.status() == FrameworkStatus.PUBLISHED)
			.flatMap((f) -> this.library.show(f.id(), null))
			.map(this::write);
	}

	private List<ObjectNode> packages() {
		return this.library.all()
			.stream()
			.map(FrameworkLibrary.Entry::framework)
			.filter((f) -> f.status() == FrameworkStatus.PUBLISHED)
			.map(Framework::id)
			.map((id) -> this.library.show(id, null))
			.flatMap(Optional::stream)
			.map(this::write)
			.toList();
	}

	private ObjectNode write(FrameworkLibrary.Shown shown) {
		return CasePackageFormat.write(shown.document(), this.properties.baseUri(), shown.version().importedAt());
	}

	/** No published CASE object with that sourcedId. */
	static class CaseObjectNotFound extends RuntimeException {

		CaseObjectNotFound(String sourcedId) {
			super(sourcedId);
		}

	}

}
