package org.attc.tracker.framework.internal.document;

import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonIgnore;
import tools.jackson.databind.node.ObjectNode;

/**
 * A domain or capability of a framework version.
 *
 * @param identifier stable identifier (CASE GUID), matched across versions
 * @param uri CASE URI
 * @param code human code ({@code humanCodingScheme}, Moodle idnumber)
 * @param type the source's type name (CASE {@code CFItemType}), may be {@code null}
 * @param kind domain or capability
 * @param title short title ({@code abbreviatedStatement}, Moodle shortname)
 * @param statement full statement text
 * @param notes notes for readers
 * @param parent identifier of the parent item, {@code null} at the top
 * @param position order among siblings (CASE {@code sequenceNumber})
 * @param descriptors tier descriptor per tier rank, where the framework gives one
 * @param extensions what a source format carries that the model does not name, per format
 * ({@code case}, {@code moodle}), so exports round-trip
 * @param at where the item is in the source file (not stored)
 */
public record Item(String identifier, String uri, String code, String type, ItemKind kind, String title,
		String statement, String notes, String parent, int position, Map<Integer, String> descriptors,
		ObjectNode extensions, @JsonIgnore String at) {

	public Item {
		descriptors = (descriptors == null) ? Map.of() : new TreeMap<>(descriptors);
	}

	@JsonIgnore
	public boolean isCapability() {
		return this.kind == ItemKind.CAPABILITY;
	}

	/** Title if there is one, else the statement. */
	public String label() {
		return (this.title != null && !this.title.isBlank()) ? this.title : this.statement;
	}

	public Item withKind(ItemKind kind) {
		return new Item(this.identifier, this.uri, this.code, this.type, kind, this.title, this.statement, this.notes,
				this.parent, this.position, this.descriptors, this.extensions, this.at);
	}

	public Item withUri(String uri) {
		return new Item(this.identifier, uri, this.code, this.type, this.kind, this.title, this.statement, this.notes,
				this.parent, this.position, this.descriptors, this.extensions, this.at);
	}

	public Item withParent(String parent, int position) {
		return new Item(this.identifier, this.uri, this.code, this.type, this.kind, this.title, this.statement,
				this.notes, parent, position, this.descriptors, this.extensions, this.at);
	}

	public Item withDescriptors(Map<Integer, String> descriptors) {
		return new Item(this.identifier, this.uri, this.code, this.type, this.kind, this.title, this.statement,
				this.notes, this.parent, this.position, descriptors, this.extensions, this.at);
	}

}
