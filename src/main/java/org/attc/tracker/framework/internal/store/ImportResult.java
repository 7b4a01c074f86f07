package org.attc.tracker.framework.internal.store;

import java.io.Serializable;
import java.util.List;

import org.attc.tracker.framework.internal.document.VersionDiff;

/**
 * What an import did. Serializable: it is the flash attribute of the page that follows
 * the import, kept in the shared session store until that page is shown.
 *
 * @param frameworkId the framework
 * @param documentIdentifier its document identifier
 * @param title its title
 * @param versionId the current version after the import
 * @param number its number
 * @param created whether a new version was saved ({@code false}: same as the current)
 * @param diff against the version that was current before
 * @param requirementsDropped role requirements removed with their capabilities
 */
public record ImportResult(long frameworkId, String documentIdentifier, String title, long versionId, int number,
		boolean created, VersionDiff diff,
		List<ImportPreview.DroppedRequirement> requirementsDropped) implements Serializable {

}
