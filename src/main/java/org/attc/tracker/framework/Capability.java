package org.attc.tracker.framework;

import java.util.List;

/**
 * A capability of the current version of a framework, as other modules see it.
 *
 * @param identifier stable identifier (the CASE GUID), kept across versions
 * @param uri the CASE URI of the item
 * @param code human code (e.g. {@code D3.2}), may be {@code null}
 * @param title short title, falls back to the statement when the source has none
 * @param statement the full statement text
 * @param domainPath titles of the enclosing domains, outermost first
 * @param frameworkId database id of the framework
 * @param versionId database id of the framework version the capability was read from
 * @param tierScale the framework version's tier scale
 */
public record Capability(String identifier, String uri, String code, String title, String statement,
		List<String> domainPath, long frameworkId, long versionId, TierScale tierScale) {

	/** How pickers and lists name it: its code (when it has one) and its title. */
	public String label() {
		return ((this.code != null) ? this.code + " " : "") + this.title;
	}

}
