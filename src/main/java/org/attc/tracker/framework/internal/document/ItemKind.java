package org.attc.tracker.framework.internal.document;

import java.util.Locale;

/** Whether an item groups others (a domain, at any depth) or is a capability. */
public enum ItemKind {

	DOMAIN, CAPABILITY;

	/**
	 * The kind a source's type name states, if it states one: CASE {@code CFItemType}
	 * values and Moodle taxonomy terms such as "Domain", "Capability", "Competency".
	 */
	public static ItemKind fromTypeName(String type) {
		if (type == null) {
			return null;
		}
		String t = type.toLowerCase(Locale.ROOT);
		if (t.contains("domain") || t.contains("strand") || t.contains("cluster") || t.contains("category")) {
			return DOMAIN;
		}
		if (t.contains("capabilit") || t.contains("competenc") || t.contains("skill") || t.contains("outcome")
				|| t.contains("standard")) {
			return CAPABILITY;
		}
		return null;
	}

}
