package org.attc.tracker.framework;

/**
 * A published framework and the version that is current: the capabilities and role
 * profiles attainment is measured against.
 *
 * @param frameworkId the framework
 * @param title its title
 * @param versionId the current version
 * @param number the current version's number (1, 2, …)
 * @param label the version label the publisher gave it, may be {@code null}
 */
public record PublishedFramework(long frameworkId, String title, long versionId, int number, String label) {

	/** The title with the version number and label, for choosing from a list. */
	public String displayName() {
		return this.title + ", version " + this.number + ((this.label != null) ? " (" + this.label + ")" : "");
	}

}
