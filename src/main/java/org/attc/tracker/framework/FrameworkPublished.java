package org.attc.tracker.framework;

/**
 * A framework version was imported and is now the current version of its framework.
 * Listeners rebind whatever they keep by capability identifier.
 *
 * @param frameworkId database id of the framework
 * @param versionId database id of the new current version
 * @param documentIdentifier the framework's CASE document identifier
 */
public record FrameworkPublished(long frameworkId, long versionId, String documentIdentifier) {

}
