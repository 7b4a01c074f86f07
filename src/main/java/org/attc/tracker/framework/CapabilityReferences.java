package org.attc.tracker.framework;

import java.util.Collection;
import java.util.List;

/**
 * What elsewhere still points at capabilities (crediting's activity mappings), so the
 * framework page can list what a new version's removed capabilities leave dangling.
 * Implemented by the module that owns the references, so framework does not depend on it.
 */
public interface CapabilityReferences {

	/**
	 * The references to any of these capabilities.
	 * @param capabilityIdentifiers stable capability identifiers
	 */
	List<Reference> to(Collection<String> capabilityIdentifiers);

	/**
	 * One thing that points at a capability.
	 *
	 * @param capabilityIdentifier the capability it points at
	 * @param description what it is, in words (e.g. "Mapping 12: https://… credits tier
	 * 2")
	 * @param path where a person changes it, a path in this service
	 */
	record Reference(String capabilityIdentifier, String description, String path) {
	}

}
