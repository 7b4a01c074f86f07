package org.attc.tracker.framework.internal.document;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.attc.tracker.framework.Tier;

/**
 * What a new version changes against the current one, items matched by identifier.
 *
 * @param firstVersion there was no earlier version: everything is added
 * @param added items only in the new version
 * @param removed items only in the current version
 * @param changed items in both whose text, place or tiers differ
 * @param tiersChanged whether the tier scale differs
 * @param tiersBefore the current tier scale
 * @param tiersAfter the new tier scale
 * @param unchanged number of items the same in both
 */
public record VersionDiff(boolean firstVersion, List<Entry> added, List<Entry> removed, List<Change> changed,
		boolean tiersChanged, List<Tier> tiersBefore, List<Tier> tiersAfter, int unchanged) implements Serializable {

	/** An added or removed item. */
	public record Entry(String identifier, String code, String kind, String title) implements Serializable {

		static Entry of(Item item) {
			return new Entry(item.identifier(), item.code(), item.kind().name(), item.label());
		}

	}

	/** One field of an item that changed. */
	public record FieldChange(String field, String before, String after) implements Serializable {

	}

	/** An item in both versions with the fields that differ. */
	public record Change(String identifier, String code, String kind, String title,
			List<FieldChange> fields) implements Serializable {

	}

	@JsonIgnore
	public boolean isEmpty() {
		return this.added.isEmpty() && this.removed.isEmpty() && this.changed.isEmpty() && !this.tiersChanged;
	}

	/** The diff of a first version: every item is added. */
	public static VersionDiff first(FrameworkDocument document) {
		return new VersionDiff(true, document.items().stream().map(Entry::of).toList(), List.of(), List.of(),
				!document.tiers().isEmpty(), List.of(), document.tiers(), 0);
	}

	public static VersionDiff between(FrameworkDocument before, FrameworkDocument after) {
		Map<String, Item> old = before.itemsById();
		Map<String, Item> neu = after.itemsById();
		List<Entry> added = new ArrayList<>();
		List<Entry> removed = new ArrayList<>();
		List<Change> changed = new ArrayList<>();
		int unchanged = 0;
		for (Item item : neu.values()) {
			Item previous = old.get(item.identifier());
			if (previous == null) {
				added.add(Entry.of(item));
				continue;
			}
			List<FieldChange> fields = fieldChanges(previous, item, before, after);
			if (fields.isEmpty()) {
				unchanged++;
			}
			else {
				changed.add(new Change(item.identifier(), item.code(), item.kind().name(), item.label(), fields));
			}
		}
		for (Item item : old.values()) {
			if (!neu.containsKey(item.identifier())) {
				removed.add(Entry.of(item));
			}
		}
		boolean tiersChanged = !before.tiers().equals(after.tiers());
		return new VersionDiff(false, added, removed, changed, tiersChanged, before.tiers(), after.tiers(), unchanged);
	}

	private static List<FieldChange> fieldChanges(Item a, Item b, FrameworkDocument before, FrameworkDocument after) {
		List<FieldChange> fields = new ArrayList<>();
		compare(fields, "code", a.code(), b.code());
		// a title that only repeats the statement (as a Moodle short name must) is no
		// change
		compare(fields, "title", a.label(), b.label());
		compare(fields, "statement", a.statement(), b.statement());
		compare(fields, "notes", a.notes(), b.notes());
		compare(fields, "kind", a.kind().name(), b.kind().name());
		compare(fields, "parent", parentLabel(before, a), parentLabel(after, b));
		Map<Integer, String> da = new LinkedHashMap<>(a.descriptors());
		Map<Integer, String> db = new LinkedHashMap<>(b.descriptors());
		java.util.SortedSet<Integer> ranks = new java.util.TreeSet<>(da.keySet());
		ranks.addAll(db.keySet());
		for (Integer rank : ranks) {
			compare(fields, "tier " + rank + " descriptor", da.get(rank), db.get(rank));
		}
		return fields;
	}

	private static String parentLabel(FrameworkDocument document, Item item) {
		if (item.parent() == null) {
			return null;
		}
		return document.item(item.parent())
			.map((p) -> (p.code() != null && !p.code().isBlank()) ? p.code() : p.identifier())
			.orElse(item.parent());
	}

	private static void compare(List<FieldChange> into, String field, String before, String after) {
		if (!Objects.equals(normal(before), normal(after))) {
			into.add(new FieldChange(field, before, after));
		}
	}

	private static String normal(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
