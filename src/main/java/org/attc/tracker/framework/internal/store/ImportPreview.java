package org.attc.tracker.framework.internal.store;

import java.io.Serializable;
import java.util.List;

import org.attc.tracker.framework.internal.document.FrameworkDocument;
import org.attc.tracker.framework.internal.document.VersionDiff;

/**
 * What an import would do, before it is done.
 *
 * @param document the file as read
 * @param frameworkId the framework it is a new version of, {@code null} for a new one
 * @param number the version number it would get
 * @param diff against the current version
 * @param unchanged the file is the same as the current version: nothing would be saved
 * @param requirementsDropped role requirements that name capabilities the new version no
 * longer has
 */
public record ImportPreview(FrameworkDocument document, Long frameworkId, int number, VersionDiff diff,
		boolean unchanged, List<DroppedRequirement> requirementsDropped) {

	/** A role requirement that goes with a removed capability. */
	public record DroppedRequirement(String roleCode, String capabilityIdentifier) implements Serializable {

	}

}
